namespace Microsoft.ML.Data;

/// <summary>The numeric column types: one singleton per CLR numeric type. Equality is reference equality; text is the CLR type name.</summary>
public sealed class NumberDataViewType : PrimitiveDataViewType
{
    private NumberDataViewType(Type rawType)
        : base(rawType)
    {
    }

    /// <summary>The <see cref="sbyte"/> type.</summary>
    public static NumberDataViewType SByte { get; } = new(typeof(sbyte));

    /// <summary>The <see cref="byte"/> type.</summary>
    public static NumberDataViewType Byte { get; } = new(typeof(byte));

    /// <summary>The <see cref="short"/> type.</summary>
    public static NumberDataViewType Int16 { get; } = new(typeof(short));

    /// <summary>The <see cref="ushort"/> type.</summary>
    public static NumberDataViewType UInt16 { get; } = new(typeof(ushort));

    /// <summary>The <see cref="int"/> type.</summary>
    public static NumberDataViewType Int32 { get; } = new(typeof(int));

    /// <summary>The <see cref="uint"/> type.</summary>
    public static NumberDataViewType UInt32 { get; } = new(typeof(uint));

    /// <summary>The <see cref="long"/> type.</summary>
    public static NumberDataViewType Int64 { get; } = new(typeof(long));

    /// <summary>The <see cref="ulong"/> type.</summary>
    public static NumberDataViewType UInt64 { get; } = new(typeof(ulong));

    /// <summary>The <see cref="float"/> type.</summary>
    public static NumberDataViewType Single { get; } = new(typeof(float));

    /// <summary>The <see cref="double"/> type.</summary>
    public static NumberDataViewType Double { get; } = new(typeof(double));

    /// <summary>Reference equality.</summary>
    /// <param name="other">The other type.</param>
    /// <returns>Whether <paramref name="other"/> is this instance.</returns>
    public override bool Equals(DataViewType? other) => ReferenceEquals(other, this);

    /// <summary>Returns the CLR type name, e.g. <c>"Single"</c>.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => RawType.Name;

    /// <summary>The singleton for a CLR numeric type, or <see langword="null"/> when <paramref name="type"/> is not numeric.</summary>
    internal static NumberDataViewType? FromRawType(Type type)
        => type == typeof(float) ? Single
        : type == typeof(double) ? Double
        : type == typeof(int) ? Int32
        : type == typeof(long) ? Int64
        : type == typeof(sbyte) ? SByte
        : type == typeof(byte) ? Byte
        : type == typeof(short) ? Int16
        : type == typeof(ushort) ? UInt16
        : type == typeof(uint) ? UInt32
        : type == typeof(ulong) ? UInt64
        : null;
}
