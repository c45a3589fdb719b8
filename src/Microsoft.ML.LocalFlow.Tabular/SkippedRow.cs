namespace Microsoft.ML.LocalFlow.Tabular;

/// <summary>A row left out because the user asked to skip bad rows.</summary>
/// <param name="DataRow">1-based data row (header excluded).</param>
/// <param name="FileLine">1-based file line where the row starts.</param>
/// <param name="Column">The first bad column, or null for a ragged row.</param>
/// <param name="Reason">Why the row was skipped.</param>
public sealed record SkippedRow(int DataRow, int FileLine, string? Column, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"data row {DataRow} (file line {FileLine}){(Column is null ? string.Empty : $", column '{Column}'")}: {Reason}";
}
