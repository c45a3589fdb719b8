namespace Microsoft.ML.LocalFlow.Cli.Parsing;

/// <summary>A <c>COLUMN=VALUE</c> pair, as given to <c>--where</c> and <c>--column-kind</c>.</summary>
/// <param name="Column">The column name, exactly as in the CSV header.</param>
/// <param name="Value">The text after the separator (may be empty for <c>--where</c>: an empty cell).</param>
internal sealed record ColumnAssignment(string Column, string Value)
{
    /// <summary>Splits <paramref name="text"/> at an <c>=</c>.</summary>
    /// <param name="text">The option's text.</param>
    /// <param name="optionName">The option, for the error message.</param>
    /// <param name="splitAtLast">
    /// Split at the last <c>=</c> (for <c>--column-kind</c>, whose kinds never contain one) rather than the first
    /// (for <c>--where</c>, whose values may).
    /// </param>
    /// <param name="error">Why the text was rejected; null on success.</param>
    /// <returns>The pair, or null when malformed.</returns>
    public static ColumnAssignment? TryParse(string text, string optionName, bool splitAtLast, out string? error)
    {
        int at = splitAtLast ? text.LastIndexOf('=') : text.IndexOf('=');
        if (at <= 0)
        {
            error = $"{optionName} '{text}': expected COLUMN=VALUE";
            return null;
        }

        error = null;
        return new ColumnAssignment(text[..at], text[(at + 1)..]);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Column}={Value}";
}
