using System.Text;

namespace Microsoft.ML.LocalFlow.Tabular;

/// <summary>
/// Input that cannot become a table (or cannot be encoded by a fitted encoder). The message and the properties name
/// the place: the 1-based data row (the first row after the header is row 1), the 1-based file line, and the column.
/// </summary>
public sealed class TableFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">What is wrong and, where possible, how to fix it.</param>
    /// <param name="dataRow">1-based data row, or null when the problem is not one row's.</param>
    /// <param name="fileLine">1-based line in the file where the row starts, or null.</param>
    /// <param name="column">Column name, or null when the problem is not one column's.</param>
    /// <param name="filePath">The file, or null for in-memory input.</param>
    /// <param name="innerException">The underlying parser error, if any.</param>
    public TableFormatException(string reason, int? dataRow, int? fileLine, string? column, string? filePath = null, Exception? innerException = null)
        : base(Compose(reason, dataRow, fileLine, column, filePath), innerException)
    {
        Reason = reason;
        DataRow = dataRow;
        FileLine = fileLine;
        Column = column;
        FilePath = filePath;
    }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }

    /// <summary>1-based data row (header excluded), or null.</summary>
    public int? DataRow { get; }

    /// <summary>1-based file line of the row's start (the header is line 1), or null.</summary>
    public int? FileLine { get; }

    /// <summary>The column name, or null.</summary>
    public string? Column { get; }

    /// <summary>The file, or null.</summary>
    public string? FilePath { get; }

    private static string Compose(string reason, int? dataRow, int? fileLine, string? column, string? filePath)
    {
        var sb = new StringBuilder();
        if (filePath is not null)
        {
            sb.Append(filePath).Append(": ");
        }

        if (dataRow is not null)
        {
            sb.Append("data row ").Append(dataRow.Value);
            if (fileLine is not null)
            {
                sb.Append(" (file line ").Append(fileLine.Value).Append(')');
            }

            sb.Append(column is null ? ": " : ", ");
        }
        else if (fileLine is not null)
        {
            sb.Append("file line ").Append(fileLine.Value).Append(column is null ? ": " : ", ");
        }

        if (column is not null)
        {
            sb.Append("column '").Append(column).Append("': ");
        }

        sb.Append(reason);
        return sb.ToString();
    }
}
