using Microsoft.ML.Data;

namespace Microsoft.ML;

public sealed partial class SchemaShape
{
    /// <summary>
    /// The shape of one column. Its constructor is internal, as in ML.NET: external code obtains columns from an existing
    /// <see cref="SchemaShape"/> (for example the input shape given to <c>GetOutputSchema</c>).
    /// </summary>
    public struct Column
    {
        /// <summary>Whether a column is a scalar, a fixed-size vector or a variable-size vector.</summary>
        public enum VectorKind
        {
            /// <summary>A single value.</summary>
            Scalar,

            /// <summary>A vector of known size.</summary>
            Vector,

            /// <summary>A vector of variable size.</summary>
            VariableVector,
        }

        /// <summary>The column name.</summary>
        public readonly string Name;

        /// <summary>The vector kind.</summary>
        public readonly VectorKind Kind;

        /// <summary>Whether the items are keys (then <see cref="ItemType"/> is the unsigned raw type).</summary>
        public readonly bool IsKey;

        /// <summary>The shape of the column's annotations.</summary>
        public readonly SchemaShape Annotations;

        /// <summary>The item type: never a key or vector type.</summary>
        public readonly DataViewType ItemType;

        internal Column(string name, VectorKind vecKind, DataViewType itemType, bool isKey, SchemaShape? annotations = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            ArgumentNullException.ThrowIfNull(itemType);
            if (itemType is KeyDataViewType || itemType is VectorDataViewType)
                throw new ArgumentOutOfRangeException(nameof(itemType), itemType, "The item type of a shape column must be neither key nor vector.");
            Name = name;
            Kind = vecKind;
            IsKey = isKey;
            Annotations = annotations ?? new SchemaShape([]);
            ItemType = itemType;
        }

        internal bool IsValid => Name is not null;

        /// <summary>Whether a column of shape <paramref name="source"/> can be consumed where this shape is expected.</summary>
        internal bool IsCompatibleWith(Column source)
        {
            if (Name != source.Name || Kind != source.Kind || IsKey != source.IsKey || !ItemType.Equals(source.ItemType))
                return false;
            foreach (var annotation in Annotations)
            {
                if (!source.Annotations.TryFindColumn(annotation.Name, out var other) || !annotation.IsCompatibleWith(other))
                    return false;
            }
            return true;
        }
    }
}
