namespace Microsoft.ML.Data;

/// <summary>The boolean column type. A singleton: equality is reference equality.</summary>
public sealed class BooleanDataViewType : PrimitiveDataViewType
{
    private BooleanDataViewType()
        : base(typeof(bool))
    {
    }

    /// <summary>The single instance.</summary>
    public static BooleanDataViewType Instance { get; } = new BooleanDataViewType();

    /// <summary>Reference equality.</summary>
    /// <param name="other">The other type.</param>
    /// <returns>Whether <paramref name="other"/> is this instance.</returns>
    public override bool Equals(DataViewType? other) => ReferenceEquals(other, this);

    /// <summary>Returns <c>"Boolean"</c>.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => "Boolean";
}
