using Microsoft.ML.Data;

namespace Microsoft.ML;

public sealed partial class DataViewSchema
{
    /// <summary>A column description not attached to any schema: name, type and annotations, used to build schemas.</summary>
    public struct DetachedColumn
    {
        /// <summary>Creates a detached column.</summary>
        /// <param name="name">The column name.</param>
        /// <param name="type">The column type.</param>
        /// <param name="annotations">The annotations; <see langword="null"/> means <see cref="Annotations.Empty"/>.</param>
        /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="type"/> is null.</exception>
        public DetachedColumn(string name, DataViewType type, Annotations? annotations = null)
        {
            ArgumentNullException.ThrowIfNull(name);
            ArgumentNullException.ThrowIfNull(type);
            Name = name;
            Type = type;
            Annotations = annotations ?? Annotations.Empty;
        }

        /// <summary>Copies the name, type and annotations of a schema column.</summary>
        /// <param name="column">The column to copy.</param>
        public DetachedColumn(Column column)
        {
            Name = column.Name;
            Type = column.Type;
            Annotations = column.Annotations ?? Annotations.Empty;
        }

        /// <summary>The column name.</summary>
        public string Name { get; }

        /// <summary>The column type.</summary>
        public DataViewType Type { get; }

        /// <summary>The column annotations.</summary>
        public Annotations Annotations { get; }
    }
}
