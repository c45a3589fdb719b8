namespace Microsoft.ML.Data;

/// <summary>The date-time (System.DateTime) column type. A singleton: equality is reference equality.</summary>
public sealed class DateTimeDataViewType : PrimitiveDataViewType
{
    private DateTimeDataViewType()
        : base(typeof(DateTime))
    {
    }

    /// <summary>The single instance.</summary>
    public static DateTimeDataViewType Instance { get; } = new DateTimeDataViewType();

    /// <summary>Reference equality.</summary>
    /// <param name="other">The other type.</param>
    /// <returns>Whether <paramref name="other"/> is this instance.</returns>
    public override bool Equals(DataViewType? other) => ReferenceEquals(other, this);

    /// <summary>Returns <c>"DateTime"</c>.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => "DateTime";
}
