using System.Collections.Immutable;
using System.Text;

namespace Microsoft.ML.Data;

/// <summary>
/// A vector of a primitive item type; raw type <c>VBuffer&lt;ItemType.RawType&gt;</c>. <see cref="Size"/> 0 means variable size.
/// Equality is structural (item type and dimensions). Text: <c>"Vector&lt;Single, 4&gt;"</c> or <c>"Vector&lt;Single&gt;"</c>.
/// </summary>
public sealed class VectorDataViewType : StructuredDataViewType
{
    /// <summary>Creates a one-dimensional vector type.</summary>
    /// <param name="itemType">The item type.</param>
    /// <param name="size">The length, or 0 for variable length.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> &lt; 0.</exception>
    public VectorDataViewType(PrimitiveDataViewType itemType, int size = 0)
        : base(VectorRawType(itemType))
    {
        if (size < 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, "Vector size must be non-negative (0 = variable size).");
        ItemType = itemType;
        Size = size;
        Dimensions = [size];
    }

    /// <summary>Creates a (possibly multi-dimensional) vector type.</summary>
    /// <param name="itemType">The item type.</param>
    /// <param name="dimensions">Non-negative dimensions; a 0 makes the size variable.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, or the product overflows.</exception>
    public VectorDataViewType(PrimitiveDataViewType itemType, params int[] dimensions)
        : this(itemType, (dimensions ?? throw new ArgumentNullException(nameof(dimensions))).ToImmutableArray())
    {
    }

    /// <summary>Creates a (possibly multi-dimensional) vector type.</summary>
    /// <param name="itemType">The item type.</param>
    /// <param name="dimensions">Non-negative dimensions; a 0 makes the size variable.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, or the product overflows.</exception>
    public VectorDataViewType(PrimitiveDataViewType itemType, ImmutableArray<int> dimensions)
        : base(VectorRawType(itemType))
    {
        if (dimensions.IsDefaultOrEmpty)
            throw new ArgumentOutOfRangeException(nameof(dimensions), "At least one dimension is required.");
        long size = 1;
        foreach (int d in dimensions)
        {
            if (d < 0)
                throw new ArgumentOutOfRangeException(nameof(dimensions), d, "Vector dimensions must be non-negative.");
            size = checked(size * d);
        }
        if (size > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(dimensions), size, "Vector size overflows int.");
        ItemType = itemType;
        Dimensions = dimensions;
        Size = (int)size;
    }

    /// <summary>The dimensions; their product is <see cref="Size"/>.</summary>
    public ImmutableArray<int> Dimensions { get; }

    /// <summary>Whether the size is fixed (<see cref="Size"/> &gt; 0).</summary>
    public bool IsKnownSize => Size > 0;

    /// <summary>The item type.</summary>
    public PrimitiveDataViewType ItemType { get; }

    /// <summary>The number of items (product of <see cref="Dimensions"/>), or 0 when variable.</summary>
    public int Size { get; }

    /// <summary>Structural equality: same item type and dimensions.</summary>
    /// <param name="other">The other type.</param>
    /// <returns>Whether the types are equal.</returns>
    public override bool Equals(DataViewType? other)
    {
        if (ReferenceEquals(other, this))
            return true;
        if (other is not VectorDataViewType vector || !ItemType.Equals(vector.ItemType) || Size != vector.Size)
            return false;
        return Dimensions.SequenceEqual(vector.Dimensions);
    }

    /// <summary>Same as <see cref="Equals(DataViewType)"/>.</summary>
    /// <param name="obj">The other object.</param>
    /// <returns>Whether the types are equal.</returns>
    public override bool Equals(object? obj) => obj is DataViewType other && Equals(other);

    /// <summary>Hash of the item type and dimensions.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(ItemType);
        foreach (int d in Dimensions)
            hash.Add(d);
        return hash.ToHashCode();
    }

    /// <summary>Returns <c>"Vector&lt;Item, n&gt;"</c>, <c>"Vector&lt;Item&gt;"</c> (variable), or one entry per dimension (<c>*</c> for 0).</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder("Vector<").Append(ItemType);
        if (Dimensions.Length == 1)
        {
            if (Size > 0)
                sb.Append(", ").Append(Size);
        }
        else
        {
            foreach (int d in Dimensions)
                sb.Append(", ").Append(d > 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "*");
        }
        return sb.Append('>').ToString();
    }

    private static Type VectorRawType(PrimitiveDataViewType itemType)
    {
        ArgumentNullException.ThrowIfNull(itemType);
        return typeof(VBuffer<>).MakeGenericType(itemType.RawType);
    }
}
