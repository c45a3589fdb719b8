namespace Microsoft.ML.LocalFlow.Tests.StandIn;

/// <summary>Kinds of tokens in the reference document's C# declarations.</summary>
internal enum ApiTokenKind
{
    Identifier,
    Number,
    Char,
    String,
    Punct,
    Comment,
}

/// <summary>One token with its 1-based line in the markdown file (for error messages).</summary>
internal sealed record ApiToken(ApiTokenKind Kind, string Text, int Line);
