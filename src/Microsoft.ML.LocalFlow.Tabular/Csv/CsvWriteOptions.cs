namespace Microsoft.ML.LocalFlow.Tabular.Csv;

/// <summary>How a table is written.</summary>
public sealed class CsvWriteOptions
{
    /// <summary>Line ending: "\n" (default) or "\r\n".</summary>
    public string NewLine { get; set; } = "\n";

    /// <summary>Start the file with a UTF-8 byte order mark (default false).</summary>
    public bool WriteByteOrderMark { get; set; }

    /// <summary>Options matching a file that was read (same line ending and BOM).</summary>
    public static CsvWriteOptions Like(CsvReadResult read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return new CsvWriteOptions { NewLine = read.NewLine, WriteByteOrderMark = read.HasByteOrderMark };
    }
}
