namespace Microsoft.ML.LocalFlow.Tabular.Csv;

/// <summary>A table read from CSV with what was learned about the file.</summary>
/// <param name="Table">The typed table.</param>
/// <param name="SkippedRows">Rows left out because <see cref="SchemaOptions.SkipBadRows"/> was set (empty otherwise).</param>
/// <param name="HasByteOrderMark">The file started with a UTF-8 byte order mark.</param>
/// <param name="NewLine">The line ending of the header line ("\n" or "\r\n").</param>
public sealed record CsvReadResult(Table Table, IReadOnlyList<SkippedRow> SkippedRows, bool HasByteOrderMark, string NewLine);
