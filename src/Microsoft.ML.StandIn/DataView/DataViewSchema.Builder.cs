using Microsoft.ML.Data;

namespace Microsoft.ML;

public sealed partial class DataViewSchema
{
    /// <summary>Collects columns in order and builds a <see cref="DataViewSchema"/>.</summary>
    public sealed class Builder
    {
        private readonly List<(string Name, DataViewType Type, Annotations? Annotations)> _items = [];

        /// <summary>Creates an empty builder.</summary>
        public Builder()
        {
        }

        /// <summary>Appends a column.</summary>
        /// <param name="name">The column name; a later column with the same name hides this one.</param>
        /// <param name="type">The column type.</param>
        /// <param name="annotations">The annotations, or <see langword="null"/> for none.</param>
        /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="type"/> is null.</exception>
        public void AddColumn(string name, DataViewType type, Annotations? annotations = null)
        {
            ArgumentNullException.ThrowIfNull(name);
            ArgumentNullException.ThrowIfNull(type);
            _items.Add((name, type, annotations));
        }

        /// <summary>Appends copies of schema columns.</summary>
        /// <param name="source">The columns.</param>
        public void AddColumns(IEnumerable<Column> source)
        {
            ArgumentNullException.ThrowIfNull(source);
            foreach (var column in source)
                AddColumn(column.Name, column.Type, column.Annotations);
        }

        /// <summary>Appends detached columns.</summary>
        /// <param name="source">The columns.</param>
        public void AddColumns(IEnumerable<DetachedColumn> source)
        {
            ArgumentNullException.ThrowIfNull(source);
            foreach (var column in source)
                AddColumn(column.Name, column.Type, column.Annotations);
        }

        /// <summary>Builds the schema; a column is hidden when a later one has the same name.</summary>
        /// <returns>The schema.</returns>
        public DataViewSchema ToSchema()
        {
            var lastIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < _items.Count; i++)
                lastIndex[_items[i].Name] = i;
            var columns = new Column[_items.Count];
            for (int i = 0; i < columns.Length; i++)
            {
                var (name, type, annotations) = _items[i];
                columns[i] = new Column(name, i, lastIndex[name] != i, type, annotations ?? Annotations.Empty);
            }
            return new DataViewSchema(columns);
        }
    }
}
