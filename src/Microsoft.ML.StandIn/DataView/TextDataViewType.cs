namespace Microsoft.ML.Data;

/// <summary>The text column type: raw type ReadOnlyMemory&lt;char&gt; (a CLR string is not a raw type). A singleton: equality is reference equality.</summary>
public sealed class TextDataViewType : PrimitiveDataViewType
{
    private TextDataViewType()
        : base(typeof(ReadOnlyMemory<char>))
    {
    }

    /// <summary>The single instance.</summary>
    public static TextDataViewType Instance { get; } = new TextDataViewType();

    /// <summary>Reference equality.</summary>
    /// <param name="other">The other type.</param>
    /// <returns>Whether <paramref name="other"/> is this instance.</returns>
    public override bool Equals(DataViewType? other) => ReferenceEquals(other, this);

    /// <summary>Returns <c>"String"</c>.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => "String";
}
