namespace Microsoft.ML.LocalFlow.Tabular;

/// <summary>
/// A columnar, immutable in-memory table: an ordered list of typed <see cref="TableColumn"/>s of equal length.
/// Read one with <see cref="Csv.TableCsv"/>, or build one from columns.
/// </summary>
public sealed class Table
{
    private readonly TableColumn[] _columns;

    /// <summary>Creates a table from columns of equal length with unique names.</summary>
    /// <exception cref="ArgumentException">No columns, lengths differ, or two names are equal.</exception>
    public Table(IEnumerable<TableColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns.ToArray();
        if (_columns.Length == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(columns));
        }

        RowCount = _columns[0].RowCount;
        foreach (TableColumn c in _columns)
        {
            if (c.RowCount != RowCount)
            {
                throw new ArgumentException($"Column '{c.Name}' has {c.RowCount} rows but column '{_columns[0].Name}' has {RowCount}.", nameof(columns));
            }
        }

        Schema = new TableSchema(_columns.Select(c => c.Schema));
    }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Number of columns.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>The columns in order.</summary>
    public IReadOnlyList<TableColumn> Columns => _columns;

    /// <summary>Names, kinds and nullability of the columns.</summary>
    public TableSchema Schema { get; }

    /// <summary>The column at zero-based position <paramref name="index"/>.</summary>
    public TableColumn this[int index] => _columns[index];

    /// <summary>The column named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such column; the message lists the columns.</exception>
    public TableColumn this[string name] => _columns[Schema.IndexOfRequired(name)];

    /// <summary>A table with the rows at <paramref name="rows"/> (zero-based, repeats allowed), in that order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A row index is outside 0..RowCount-1.</exception>
    public Table SelectRows(ReadOnlySpan<int> rows)
    {
        foreach (int r in rows)
        {
            if ((uint)r >= (uint)RowCount)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), r, $"Row index must be in 0..{RowCount - 1}.");
            }
        }

        var cols = new TableColumn[_columns.Length];
        for (int j = 0; j < cols.Length; j++)
        {
            cols[j] = _columns[j].SelectRows(rows);
        }

        return new Table(cols);
    }

    /// <summary>Rows <paramref name="start"/> .. <paramref name="start"/>+<paramref name="count"/>-1.</summary>
    public Table Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, RowCount, nameof(count));
        var idx = new int[count];
        for (int i = 0; i < count; i++)
        {
            idx[i] = start + i;
        }

        return SelectRows(idx);
    }

    /// <summary>
    /// Splits the rows at random into a first part of round(<paramref name="firstFraction"/>·RowCount) rows and the rest
    /// (e.g. train/holdout), reproducibly for a given <paramref name="seed"/>.
    /// </summary>
    public (Table First, Table Second) Split(double firstFraction, int seed)
    {
        if (!(firstFraction > 0 && firstFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(firstFraction), firstFraction, "Must be strictly between 0 and 1.");
        }

        int[] perm = Enumerable.Range(0, RowCount).ToArray();
        new Random(seed).Shuffle(perm);
        int n1 = (int)Math.Round(firstFraction * RowCount);
        return (SelectRows(perm.AsSpan(0, n1)), SelectRows(perm.AsSpan(n1)));
    }

    /// <summary>Stacks tables with the same column names and kinds, top to bottom (levels are merged by text).</summary>
    /// <exception cref="ArgumentException">The tables' schemas differ.</exception>
    public static Table Concat(IReadOnlyList<Table> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        if (tables.Count == 0)
        {
            throw new ArgumentException("Need at least one table.", nameof(tables));
        }

        Table first = tables[0];
        int total = tables.Sum(t => t.RowCount);
        var cols = new TableColumn[first.ColumnCount];
        for (int j = 0; j < cols.Length; j++)
        {
            TableColumn c0 = first[j];
            foreach (Table t in tables)
            {
                if (t.ColumnCount != first.ColumnCount || t[j].Name != c0.Name || t[j].Kind != c0.Kind)
                {
                    throw new ArgumentException($"Column {j + 1} differs between tables ('{c0.Name}' {c0.Kind} vs '{t[j].Name}' {t[j].Kind}).", nameof(tables));
                }
            }

            switch (c0)
            {
                case NumericColumn n:
                {
                    var v = new double[total];
                    int o = 0;
                    foreach (Table t in tables)
                    {
                        ((NumericColumn)t[j]).Values.CopyTo(v.AsSpan(o));
                        o += t.RowCount;
                    }

                    cols[j] = new NumericColumn(n.Name, n.Kind, v, n.Format);
                    break;
                }

                case DateTimeColumn d:
                {
                    var v = new double[total];
                    int o = 0;
                    foreach (Table t in tables)
                    {
                        ((DateTimeColumn)t[j]).Values.CopyTo(v.AsSpan(o));
                        o += t.RowCount;
                    }

                    cols[j] = new DateTimeColumn(d.Name, d.Format, d.Unit, v);
                    break;
                }

                case CategoricalColumn c:
                {
                    var levels = new List<string>(c.Levels);
                    var index = levels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
                    var codes = new int[total];
                    int o = 0;
                    foreach (Table t in tables)
                    {
                        var ct = (CategoricalColumn)t[j];
                        var map = new int[ct.Levels.Count];
                        for (int k = 0; k < map.Length; k++)
                        {
                            if (!index.TryGetValue(ct.Levels[k], out map[k]))
                            {
                                map[k] = levels.Count;
                                index[ct.Levels[k]] = levels.Count;
                                levels.Add(ct.Levels[k]);
                            }
                        }

                        ReadOnlySpan<int> src = ct.Codes;
                        for (int i = 0; i < src.Length; i++)
                        {
                            codes[o + i] = src[i] < 0 ? -1 : map[src[i]];
                        }

                        o += t.RowCount;
                    }

                    cols[j] = new CategoricalColumn(c.Name, c.Kind, levels.ToArray(), codes);
                    break;
                }

                default:
                    throw new NotSupportedException($"Column type {c0.GetType().Name} is not supported.");
            }
        }

        return new Table(cols);
    }

    /// <summary>The text of cell (<paramref name="row"/>, <paramref name="column"/>) as written to CSV; null when missing.</summary>
    public string? GetCellText(int row, int column) => _columns[column].FormatCell(row);

    /// <inheritdoc/>
    public override string ToString() => $"Table {RowCount} x {ColumnCount}: {Schema}";
}
