namespace Microsoft.ML.Data;

public sealed partial class TextLoader
{
    /// <summary>A column to load: its name, kind and source field(s).</summary>
    public sealed class Column
    {
        /// <summary>Creates an unnamed <see cref="DataKind.Single"/> column with no source.</summary>
        public Column()
        {
        }

        /// <summary>A scalar column from one field.</summary>
        /// <param name="name">The column name.</param>
        /// <param name="dataKind">The value kind.</param>
        /// <param name="index">The 0-based field index.</param>
        public Column(string name, DataKind dataKind, int index)
            : this(name, dataKind, [new Range(index)])
        {
        }

        /// <summary>A vector column from the fields <paramref name="minIndex"/>..<paramref name="maxIndex"/> (inclusive).</summary>
        /// <param name="name">The column name.</param>
        /// <param name="dataKind">The item kind.</param>
        /// <param name="minIndex">The first field.</param>
        /// <param name="maxIndex">The last field.</param>
        public Column(string name, DataKind dataKind, int minIndex, int maxIndex)
            : this(name, dataKind, [new Range(minIndex, maxIndex)])
        {
        }

        /// <summary>A column from field ranges.</summary>
        /// <param name="name">The column name.</param>
        /// <param name="dataKind">The value kind.</param>
        /// <param name="source">The field ranges.</param>
        /// <param name="keyCount">The key cardinality for key columns (not supported by the stand-in).</param>
        public Column(string name, DataKind dataKind, Range[] source, KeyCount? keyCount = null)
        {
            Name = name;
            DataKind = dataKind;
            Source = source;
            KeyCount = keyCount;
        }

        /// <summary>The column name.</summary>
        public string? Name;

        /// <summary>The value kind (default <see cref="DataKind.Single"/>).</summary>
        public DataKind DataKind { get; set; } = DataKind.Single;

        /// <summary>The source field ranges.</summary>
        public Range[]? Source;

        /// <summary>The key cardinality; non-null makes a key column (not supported by the stand-in).</summary>
        public KeyCount? KeyCount;
    }
}
