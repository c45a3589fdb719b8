using Microsoft.ML.Data;

namespace Microsoft.ML;

public sealed partial class DataViewSchema
{
    /// <summary>A column of a <see cref="DataViewSchema"/>: its name, position, type and annotations. Only a schema creates one.</summary>
    public struct Column
    {
        internal Column(string name, int index, bool isHidden, DataViewType type, Annotations annotations)
        {
            Name = name;
            Index = index;
            IsHidden = isHidden;
            Type = type;
            Annotations = annotations;
        }

        /// <summary>The column name.</summary>
        public string Name { get; }

        /// <summary>The 0-based position of the column in its schema.</summary>
        public int Index { get; }

        /// <summary>The column's type.</summary>
        public DataViewType Type { get; }

        /// <summary><see langword="true"/> when a later column of the same schema has the same name.</summary>
        public bool IsHidden { get; }

        /// <summary>The column's annotations (never <see langword="null"/> for a column taken from a schema).</summary>
        public Annotations Annotations { get; }

        /// <summary>Returns <c>"Name: Type"</c>, followed by <c>{annotation names}</c> when there are annotations.</summary>
        /// <returns>The text.</returns>
        public override string ToString()
        {
            string annotations = Annotations is null || Annotations.Schema.Count == 0
                ? string.Empty
                : " {" + string.Join(", ", Annotations.Schema.Select(c => c.Name)) + "}";
            return $"{Name}: {Type}{annotations}";
        }
    }
}
