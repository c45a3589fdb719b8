namespace Microsoft.ML.LocalFlow.Tabular;

/// <summary>
/// One column of a <see cref="Table"/>: a name, a kind and <see cref="RowCount"/> cells, each either a value or missing.
/// Columns are immutable once built.
/// </summary>
public abstract class TableColumn
{
    private int _missing = -1;

    private protected TableColumn(string name, ColumnKind kind, int rowCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Kind = kind;
        RowCount = rowCount;
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>The statistical kind.</summary>
    public ColumnKind Kind { get; }

    /// <summary>Number of cells.</summary>
    public int RowCount { get; }

    /// <summary>Number of missing cells.</summary>
    public int MissingCount
    {
        get
        {
            if (_missing < 0)
            {
                int m = 0;
                for (int i = 0; i < RowCount; i++)
                {
                    if (IsMissing(i))
                    {
                        m++;
                    }
                }

                _missing = m;
            }

            return _missing;
        }
    }

    /// <summary>True when some cell is missing.</summary>
    public bool IsNullable => MissingCount > 0;

    /// <summary>The schema entry of this column.</summary>
    public ColumnSchema Schema => new(Name, Kind, IsNullable);

    /// <summary>True when cell <paramref name="row"/> (zero-based) is missing.</summary>
    public abstract bool IsMissing(int row);

    /// <summary>The cell's text as it is written to CSV, or null when missing.</summary>
    public abstract string? FormatCell(int row);

    /// <summary>A new column holding the cells at <paramref name="rows"/> (zero-based, repeats allowed), in that order.</summary>
    public abstract TableColumn SelectRows(ReadOnlySpan<int> rows);

    /// <summary>A copy of this column with another name.</summary>
    public abstract TableColumn Rename(string name);

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Kind}, {RowCount} rows, {MissingCount} missing";
}
