namespace Microsoft.ML.Data;

/// <summary>
/// A categorical key: an unsigned integer in [0, <see cref="Count"/>) stored as value+1, with 0 meaning missing.
/// Equal when the raw type and count are equal. Text: <c>"Key&lt;UInt32, 0-{Count-1}&gt;"</c>.
/// </summary>
public sealed class KeyDataViewType : PrimitiveDataViewType
{
    /// <summary>Creates a key type.</summary>
    /// <param name="type">One of <see cref="byte"/>, <see cref="ushort"/>, <see cref="uint"/>, <see cref="ulong"/>.</param>
    /// <param name="count">The cardinality: 0 &lt; count ≤ the type's maximum.</param>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not a valid key raw type.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is 0 or too large for <paramref name="type"/>.</exception>
    public KeyDataViewType(Type type, ulong count)
        : base(type)
    {
        if (!IsValidDataType(type))
            throw new ArgumentException($"Type '{type}' is not valid for a key: use byte, ushort, uint or ulong.", nameof(type));
        if (count == 0 || count > MaxOf(type))
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Key count must be in [1, {MaxOf(type)}] for '{type.Name}'.");
        Count = count;
    }

    /// <summary>Creates a key type.</summary>
    /// <param name="type">One of <see cref="byte"/>, <see cref="ushort"/>, <see cref="uint"/>, <see cref="ulong"/>.</param>
    /// <param name="count">The cardinality, &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> ≤ 0.</exception>
    public KeyDataViewType(Type type, int count)
        : this(type, count > 0 ? (ulong)count : throw new ArgumentOutOfRangeException(nameof(count), count, "Key count must be positive."))
    {
    }

    /// <summary>Whether <paramref name="type"/> can back a key: <see cref="byte"/>, <see cref="ushort"/>, <see cref="uint"/> or <see cref="ulong"/>.</summary>
    /// <param name="type">The CLR type.</param>
    /// <returns><see langword="true"/> for the four unsigned types.</returns>
    public static bool IsValidDataType(Type type)
        => type == typeof(byte) || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong);

    /// <summary>The cardinality of the key.</summary>
    public ulong Count { get; }

    /// <summary>Equal when raw type and count are equal.</summary>
    /// <param name="other">The other type.</param>
    /// <returns>Whether the types are equal.</returns>
    public override bool Equals(DataViewType? other)
        => other is KeyDataViewType key && key.RawType == RawType && key.Count == Count;

    /// <summary>Same as <see cref="Equals(DataViewType)"/>.</summary>
    /// <param name="obj">The other object.</param>
    /// <returns>Whether the types are equal.</returns>
    public override bool Equals(object? obj) => obj is DataViewType other && Equals(other);

    /// <summary>Hash of the raw type and count.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => HashCode.Combine(RawType, Count);

    /// <summary>Returns <c>"Key&lt;{RawType.Name}, 0-{Count-1}&gt;"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"Key<{RawType.Name}, 0-{Count - 1}>";

    private static ulong MaxOf(Type type)
        => type == typeof(byte) ? byte.MaxValue : type == typeof(ushort) ? ushort.MaxValue : type == typeof(uint) ? uint.MaxValue : ulong.MaxValue;
}
