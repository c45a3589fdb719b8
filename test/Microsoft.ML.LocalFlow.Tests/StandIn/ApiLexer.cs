using System.Text;

namespace Microsoft.ML.LocalFlow.Tests.StandIn;

/// <summary>
/// Tokenises the ```csharp blocks of the reference document. Comments are kept as tokens (the parser reads remarks such as
/// "internal ctor" from them); everything else is identifiers, numbers, char/string literals and punctuation.
/// </summary>
internal static class ApiLexer
{
    private static readonly string[] s_multiCharPunct = ["<<", ">>", "=>", "??", "::", "&&", "||", "==", "!="];

    /// <summary>The code blocks of a markdown document: (first line number, text).</summary>
    internal static List<(int Line, string Text, string Section)> CodeBlocks(string markdown)
    {
        var blocks = new List<(int, string, string)>();
        var lines = markdown.Split('\n');
        string section = "";
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal))
                section = lines[i][3..].Trim();
            if (!lines[i].TrimStart().StartsWith("```csharp", StringComparison.Ordinal))
                continue;
            int start = i + 1;
            var sb = new StringBuilder();
            for (i = start; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++)
                sb.Append(lines[i].TrimEnd('\r')).Append('\n');
            blocks.Add((start + 1, sb.ToString(), section));
        }
        return blocks;
    }

    internal static List<ApiToken> Tokenize(string code, int firstLine)
    {
        var tokens = new List<ApiToken>();
        int line = firstLine, i = 0, n = code.Length;
        while (i < n)
        {
            char c = code[i];
            if (c == '\n')
            {
                line++;
                i++;
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (c == '/' && i + 1 < n && code[i + 1] == '/')
            {
                int end = code.IndexOf('\n', i);
                if (end < 0)
                    end = n;
                tokens.Add(new ApiToken(ApiTokenKind.Comment, code[(i + 2)..end].Trim(), line));
                i = end;
                continue;
            }
            if (c == '/' && i + 1 < n && code[i + 1] == '*')
            {
                int end = code.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                    end = n - 2;
                var text = code[(i + 2)..end];
                tokens.Add(new ApiToken(ApiTokenKind.Comment, text.Trim(), line));
                line += text.Count(ch => ch == '\n');
                i = end + 2;
                continue;
            }
            if (char.IsLetter(c) || c == '_' || c == '@')
            {
                int start = i;
                while (i < n && (char.IsLetterOrDigit(code[i]) || code[i] == '_' || code[i] == '@'))
                    i++;
                tokens.Add(new ApiToken(ApiTokenKind.Identifier, code[start..i].TrimStart('@'), line));
                continue;
            }
            if (char.IsDigit(c) || (c == '.' && i + 1 < n && char.IsDigit(code[i + 1])))
            {
                int start = i;
                while (i < n && (char.IsLetterOrDigit(code[i]) || code[i] == '.' || code[i] == '_'
                                 || ((code[i] == '+' || code[i] == '-') && (code[i - 1] == 'e' || code[i - 1] == 'E') && !code[start..i].StartsWith("0x", StringComparison.OrdinalIgnoreCase))))
                    i++;
                tokens.Add(new ApiToken(ApiTokenKind.Number, code[start..i], line));
                continue;
            }
            if (c == '\'' || c == '"')
            {
                int start = i++;
                while (i < n && code[i] != c)
                    i += code[i] == '\\' ? 2 : 1;
                i++;
                tokens.Add(new ApiToken(c == '\'' ? ApiTokenKind.Char : ApiTokenKind.String, code[start..Math.Min(i, n)], line));
                continue;
            }
            string? multi = s_multiCharPunct.FirstOrDefault(p => string.CompareOrdinal(code, i, p, 0, p.Length) == 0);
            // ">>" is left as two '>' so that nested generic argument lists close properly.
            if (multi is not null && multi != ">>")
            {
                tokens.Add(new ApiToken(ApiTokenKind.Punct, multi, line));
                i += multi.Length;
                continue;
            }
            tokens.Add(new ApiToken(ApiTokenKind.Punct, c.ToString(), line));
            i++;
        }
        return tokens;
    }
}
