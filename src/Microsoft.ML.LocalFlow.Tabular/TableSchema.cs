using System.Collections;

namespace Microsoft.ML.LocalFlow.Tabular;

/// <summary>The ordered columns of a <see cref="Table"/>.</summary>
public sealed class TableSchema : IReadOnlyList<ColumnSchema>
{
    private readonly ColumnSchema[] _columns;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates a schema; names must be unique (ordinal comparison).</summary>
    /// <exception cref="ArgumentException">Two columns share a name.</exception>
    public TableSchema(IEnumerable<ColumnSchema> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns.ToArray();
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < _columns.Length; i++)
        {
            if (!_index.TryAdd(_columns[i].Name, i))
            {
                throw new ArgumentException($"Column name '{_columns[i].Name}' occurs twice (columns {_index[_columns[i].Name] + 1} and {i + 1}).", nameof(columns));
            }
        }
    }

    /// <summary>Number of columns.</summary>
    public int Count => _columns.Length;

    /// <summary>The column at zero-based position <paramref name="index"/>.</summary>
    public ColumnSchema this[int index] => _columns[index];

    /// <summary>The column called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such column; the message lists the columns.</exception>
    public ColumnSchema this[string name] => _columns[IndexOfRequired(name)];

    /// <summary>Zero-based position of <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out int i) ? i : -1;

    /// <summary>Zero-based position of <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such column; the message lists the columns.</exception>
    public int IndexOfRequired(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _index.TryGetValue(name, out int i)
            ? i
            : throw new KeyNotFoundException($"Column '{name}' does not exist; the columns are: {string.Join(", ", _columns.Select(c => c.Name))}.");
    }

    /// <inheritdoc/>
    public IEnumerator<ColumnSchema> GetEnumerator() => ((IEnumerable<ColumnSchema>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", _columns.Select(c => $"{c.Name}:{c.Kind}{(c.IsNullable ? "?" : string.Empty)}"));
}
