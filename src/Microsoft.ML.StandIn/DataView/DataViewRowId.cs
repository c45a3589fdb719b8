using System.Globalization;

namespace Microsoft.ML.Data;

/// <summary>A 128-bit row identifier (<see cref="High"/>:<see cref="Low"/>), unique per row of a data view.</summary>
public readonly struct DataViewRowId : IComparable<DataViewRowId>, IEquatable<DataViewRowId>
{
    /// <summary>The low 64 bits.</summary>
    public readonly ulong Low;

    /// <summary>The high 64 bits.</summary>
    public readonly ulong High;

    /// <summary>Creates an id.</summary>
    /// <param name="low">The low 64 bits.</param>
    /// <param name="high">The high 64 bits.</param>
    public DataViewRowId(ulong low, ulong high)
    {
        Low = low;
        High = high;
    }

    /// <summary>A new id derived from this one by mixing, for ids of rows that derive from this row.</summary>
    /// <returns>The derived id.</returns>
    public DataViewRowId Fork() => new(Mix(Low ^ 0x9E3779B97F4A7C15UL), Mix(High + 0xBF58476D1CE4E5B9UL));

    /// <summary>The id plus one (128-bit arithmetic).</summary>
    /// <returns>The next id.</returns>
    public DataViewRowId Next() => Low == ulong.MaxValue ? new DataViewRowId(0, High + 1) : new DataViewRowId(Low + 1, High);

    /// <summary>An id mixing this id with <paramref name="other"/>.</summary>
    /// <param name="other">The other id.</param>
    /// <returns>The combined id.</returns>
    public DataViewRowId Combine(DataViewRowId other) => new(Mix(Low ^ Mix(other.Low)), Mix(High ^ Mix(other.High + 1)));

    /// <summary>Orders by <see cref="High"/>, then <see cref="Low"/>.</summary>
    /// <param name="other">The other id.</param>
    /// <returns>Negative, zero or positive.</returns>
    public int CompareTo(DataViewRowId other) => High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);

    /// <summary>Bitwise equality.</summary>
    /// <param name="other">The other id.</param>
    /// <returns>Whether both halves are equal.</returns>
    public bool Equals(DataViewRowId other) => Low == other.Low && High == other.High;

    /// <summary>Bitwise equality with a boxed id.</summary>
    /// <param name="obj">The other object.</param>
    /// <returns>Whether it is an equal id.</returns>
    public override bool Equals(object? obj) => obj is DataViewRowId other && Equals(other);

    /// <summary>Hash of both halves.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => HashCode.Combine(Low, High);

    /// <summary>The id as 32 hexadecimal digits, high half first.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => High.ToString("X16", CultureInfo.InvariantCulture) + Low.ToString("X16", CultureInfo.InvariantCulture);

    // SplitMix64 finaliser: a bijective 64-bit mixer.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
