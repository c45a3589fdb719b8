namespace Microsoft.ML.Runtime;

/// <summary>The severity of a channel message.</summary>
public enum ChannelMessageKind
{
    /// <summary>Detailed tracing.</summary>
    Trace = 0,

    /// <summary>Information.</summary>
    Info = 1,

    /// <summary>A warning.</summary>
    Warning = 2,

    /// <summary>An error.</summary>
    Error = 3,
}
