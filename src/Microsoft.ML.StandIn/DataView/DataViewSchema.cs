using System.Collections;
using Microsoft.ML.Data;

namespace Microsoft.ML;

/// <summary>
/// The ordered columns of an <see cref="IDataView"/> or <see cref="DataViewRow"/>. Immutable; built through <see cref="Builder"/>.
/// When two columns share a name the earlier one is hidden: name lookups find the last one.
/// </summary>
public sealed partial class DataViewSchema : IReadOnlyList<DataViewSchema.Column>
{
    private readonly Column[] _columns;
    private readonly Dictionary<string, int> _nameToIndex;

    // Only Builder.ToSchema() creates a schema, as in ML.NET.
    private DataViewSchema(Column[] columns)
    {
        _columns = columns;
        _nameToIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Length; i++)
            _nameToIndex[columns[i].Name] = i; // later columns win: earlier duplicates are hidden
    }

    /// <summary>The number of columns, hidden ones included.</summary>
    public int Count => _columns.Length;

    /// <summary>The visible (last) column named <paramref name="name"/>.</summary>
    /// <param name="name">The column name (ordinal comparison).</param>
    /// <exception cref="ArgumentOutOfRangeException">No column has that name.</exception>
    public Column this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            return GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(name), $"Column '{name}' not found");
        }
    }

    /// <summary>The column at <paramref name="columnIndex"/>.</summary>
    /// <param name="columnIndex">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    public Column this[int columnIndex]
    {
        get
        {
            if ((uint)columnIndex >= (uint)_columns.Length)
                throw new ArgumentOutOfRangeException(nameof(columnIndex), columnIndex, $"Column index must be in [0, {_columns.Length}).");
            return _columns[columnIndex];
        }
    }

    /// <summary>The visible column named <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">The column name.</param>
    /// <returns>The column or <see langword="null"/>.</returns>
    public Column? GetColumnOrNull(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _nameToIndex.TryGetValue(name, out int index) ? _columns[index] : null;
    }

    /// <summary>Enumerates all columns in order, hidden ones included.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Returns <c>"{Count} columns"</c>, as ML.NET does.</summary>
    /// <returns>The summary text.</returns>
    public override string ToString() => $"{Count} columns";

    internal static DataViewSchema Create(Column[] columns) => new(columns);
}
