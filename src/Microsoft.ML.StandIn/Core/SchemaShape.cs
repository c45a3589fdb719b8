using System.Collections;
using Microsoft.ML.Data;

namespace Microsoft.ML;

/// <summary>
/// The shape of a schema as estimators see it before fitting: names, vector kind, item type, key-ness.
/// Note (ML.NET issue #3243, by design): <see cref="Column"/>'s constructor and <c>SchemaShape.Create</c> are internal, so an
/// external estimator can only pass input columns through; it cannot describe a brand-new output column.
/// </summary>
public sealed partial class SchemaShape : IReadOnlyList<SchemaShape.Column>
{
    private readonly Column[] _columns;

    /// <summary>Creates a shape from columns (typically taken from another shape).</summary>
    /// <param name="columns">The columns; none may be <c>default(Column)</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="columns"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A column is uninitialised.</exception>
    public SchemaShape(IEnumerable<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns.ToArray();
        if (_columns.Any(c => !c.IsValid))
            throw new ArgumentOutOfRangeException(nameof(columns), "Some items are not initialized properly.");
    }

    /// <summary>The number of columns.</summary>
    public int Count => _columns.Length;

    /// <summary>The column at <paramref name="index"/>.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    public Column this[int index] => _columns[index];

    /// <summary>Enumerates the columns.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The shape of a concrete schema's visible columns (internal in ML.NET).</summary>
    internal static SchemaShape Create(DataViewSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var columns = new List<Column>();
        foreach (var column in schema)
        {
            if (column.IsHidden)
                continue;
            var annotations = new List<Column>();
            foreach (var a in column.Annotations.Schema)
            {
                if (!a.IsHidden)
                    annotations.Add(ColumnFromType(a.Name, a.Type, null));
            }
            columns.Add(ColumnFromType(column.Name, column.Type, new SchemaShape(annotations)));
        }
        return new SchemaShape(columns);
    }

    /// <summary>Finds a column by name (internal in ML.NET).</summary>
    internal bool TryFindColumn(string name, out Column column)
    {
        foreach (var c in _columns)
        {
            if (c.Name == name)
            {
                column = c;
                return true;
            }
        }
        column = default;
        return false;
    }

    private static Column ColumnFromType(string name, DataViewType type, SchemaShape? annotations)
    {
        var kind = Column.VectorKind.Scalar;
        var item = type;
        if (type is VectorDataViewType vector)
        {
            kind = vector.IsKnownSize ? Column.VectorKind.Vector : Column.VectorKind.VariableVector;
            item = vector.ItemType;
        }
        bool isKey = item is KeyDataViewType;
        if (isKey)
            item = NumberDataViewType.FromRawType(item.RawType)!;
        return new Column(name, kind, item, isKey, annotations);
    }
}
