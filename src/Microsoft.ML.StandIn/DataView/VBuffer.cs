using System.Collections;

namespace Microsoft.ML.Data;

/// <summary>
/// A vector value: logical <see cref="Length"/>, and either dense values (count = length) or sparse (values, indices) pairs
/// with strictly increasing indices; absent items are <c>default(T)</c>. Buffers may be longer than needed and are reused.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public readonly struct VBuffer<T> : IEnumerable
{
    private readonly int _count;
    private readonly T[]? _values;
    private readonly int[]? _indices;

    /// <summary>The logical length of the vector (a public field, as in ML.NET).</summary>
    public readonly int Length;

    /// <summary>Creates a dense vector over the first <paramref name="length"/> items of <paramref name="values"/>.</summary>
    /// <param name="length">The logical length, ≥ 0.</param>
    /// <param name="values">At least <paramref name="length"/> values (may be null when length is 0).</param>
    /// <param name="indices">An index buffer kept for later reuse; ignored for the values.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative or exceeds the values.</exception>
    public VBuffer(int length, T[]? values, int[]? indices = null)
    {
        if (length < 0)
            throw new ArgumentOutOfRangeException(nameof(length), length, "Length must be non-negative.");
        if (length > (values?.Length ?? 0))
            throw new ArgumentOutOfRangeException(nameof(values), $"Values hold {values?.Length ?? 0} items, fewer than length {length}.");
        Length = length;
        _count = length;
        _values = values;
        _indices = indices;
    }

    /// <summary>Creates a vector with <paramref name="count"/> explicit values; sparse when count &lt; length.</summary>
    /// <param name="length">The logical length, ≥ 0.</param>
    /// <param name="count">The number of explicit values, 0 ≤ count ≤ length.</param>
    /// <param name="values">At least <paramref name="count"/> values.</param>
    /// <param name="indices">When sparse, at least <paramref name="count"/> strictly increasing indices in [0, length).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size or index is out of range.</exception>
    public VBuffer(int length, int count, T[]? values, int[]? indices)
    {
        if (length < 0)
            throw new ArgumentOutOfRangeException(nameof(length), length, "Length must be non-negative.");
        if (count < 0 || count > length)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Count must be in [0, {length}].");
        if (count > (values?.Length ?? 0))
            throw new ArgumentOutOfRangeException(nameof(values), $"Values hold {values?.Length ?? 0} items, fewer than count {count}.");
        if (count < length)
        {
            if (count > (indices?.Length ?? 0))
                throw new ArgumentOutOfRangeException(nameof(indices), $"A sparse vector needs {count} indices, got {indices?.Length ?? 0}.");
            for (int i = 0; i < count; i++)
            {
                int index = indices![i];
                if (index < 0 || index >= length || (i > 0 && index <= indices[i - 1]))
                    throw new ArgumentOutOfRangeException(nameof(indices), index, $"Indices must be strictly increasing in [0, {length}); bad index at position {i}.");
            }
        }
        Length = length;
        _count = count;
        _values = values;
        _indices = indices;
    }

    /// <summary>The explicit values: all <see cref="Length"/> items when dense, else the non-default ones.</summary>
    /// <returns>A span of length count.</returns>
    public ReadOnlySpan<T> GetValues() => _values is null ? default : new ReadOnlySpan<T>(_values, 0, _count);

    /// <summary>The indices of the explicit values; empty when dense.</summary>
    /// <returns>A span of length count (sparse) or 0 (dense).</returns>
    public ReadOnlySpan<int> GetIndices() => IsDense || _indices is null ? default : new ReadOnlySpan<int>(_indices, 0, _count);

    /// <summary>Whether every item is explicit (count = length).</summary>
    public bool IsDense => _count == Length;

    /// <summary>Copies into <paramref name="destination"/> as a dense vector, reusing its buffers when large enough.</summary>
    /// <param name="destination">Receives the copy.</param>
    public void CopyToDense(ref VBuffer<T> destination)
    {
        var values = destination._values is { } v && v.Length >= Length ? v : new T[Length];
        CopyTo(values.AsSpan(0, Length));
        destination = new VBuffer<T>(Length, values, destination._indices);
    }

    /// <summary>Copies into <paramref name="destination"/>, keeping density, reusing its buffers when large enough.</summary>
    /// <param name="destination">Receives the copy.</param>
    public void CopyTo(ref VBuffer<T> destination)
    {
        var values = destination._values is { } v && v.Length >= _count ? v : new T[_count];
        GetValues().CopyTo(values);
        if (IsDense)
        {
            destination = new VBuffer<T>(Length, values, destination._indices);
            return;
        }
        var indices = destination._indices is { } ix && ix.Length >= _count ? ix : new int[_count];
        GetIndices().CopyTo(indices);
        destination = new VBuffer<T>(Length, _count, values, indices);
    }

    /// <summary>Copies items [<paramref name="sourceIndex"/>, +<paramref name="length"/>) into <paramref name="destination"/>.</summary>
    /// <param name="destination">Receives a vector of logical length <paramref name="length"/>.</param>
    /// <param name="sourceIndex">The first item to copy.</param>
    /// <param name="length">The number of items.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the vector.</exception>
    public void CopyTo(ref VBuffer<T> destination, int sourceIndex, int length)
    {
        if (sourceIndex < 0 || sourceIndex > Length)
            throw new ArgumentOutOfRangeException(nameof(sourceIndex), sourceIndex, $"Must be in [0, {Length}].");
        if (length < 0 || sourceIndex + length > Length)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"Must be in [0, {Length - sourceIndex}].");
        if (IsDense)
        {
            var values = destination._values is { } v && v.Length >= length ? v : new T[length];
            GetValues().Slice(sourceIndex, length).CopyTo(values);
            destination = new VBuffer<T>(length, values, destination._indices);
            return;
        }
        var srcIndices = GetIndices();
        int lo = LowerBound(srcIndices, sourceIndex), hi = LowerBound(srcIndices, sourceIndex + length);
        int count = hi - lo;
        var dv = destination._values is { } dv0 && dv0.Length >= count ? dv0 : new T[count];
        var di = destination._indices is { } di0 && di0.Length >= count ? di0 : new int[count];
        GetValues().Slice(lo, count).CopyTo(dv);
        for (int i = 0; i < count; i++)
            di[i] = srcIndices[lo + i] - sourceIndex;
        destination = new VBuffer<T>(length, count, dv, di);
    }

    /// <summary>Writes all <see cref="Length"/> items densely into <paramref name="destination"/> (absent items as default).</summary>
    /// <param name="destination">A span of at least <see cref="Length"/> items.</param>
    /// <exception cref="ArgumentException">The span is too short.</exception>
    public void CopyTo(Span<T> destination) => CopyTo(destination, 0);

    /// <summary>Writes all items densely into <paramref name="destination"/> from <paramref name="destinationIndex"/>.</summary>
    /// <param name="destination">The target span.</param>
    /// <param name="destinationIndex">Where the first item goes.</param>
    /// <param name="defaultValue">The value written for absent (sparse) items.</param>
    /// <exception cref="ArgumentException">The span is too short.</exception>
    public void CopyTo(Span<T> destination, int destinationIndex, T defaultValue = default!)
    {
        if (destinationIndex < 0 || destination.Length - destinationIndex < Length)
            throw new ArgumentException($"Destination of length {destination.Length} cannot hold {Length} items from index {destinationIndex}.", nameof(destination));
        var target = destination.Slice(destinationIndex, Length);
        if (IsDense)
        {
            GetValues().CopyTo(target);
            return;
        }
        target.Fill(defaultValue);
        var values = GetValues();
        var indices = GetIndices();
        for (int i = 0; i < values.Length; i++)
            target[indices[i]] = values[i];
    }

    /// <summary>Copies <paramref name="length"/> items of <paramref name="source"/> from <paramref name="sourceIndex"/> into a dense <paramref name="destination"/>.</summary>
    /// <param name="source">The source array.</param>
    /// <param name="sourceIndex">The first item.</param>
    /// <param name="destination">Receives the dense vector.</param>
    /// <param name="length">The number of items.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside <paramref name="source"/>.</exception>
    public static void Copy(T[] source, int sourceIndex, ref VBuffer<T> destination, int length)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (sourceIndex < 0 || sourceIndex > source.Length)
            throw new ArgumentOutOfRangeException(nameof(sourceIndex), sourceIndex, $"Must be in [0, {source.Length}].");
        if (length < 0 || sourceIndex + length > source.Length)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"Must be in [0, {source.Length - sourceIndex}].");
        var values = destination._values is { } v && v.Length >= length ? v : new T[length];
        Array.Copy(source, sourceIndex, values, 0, length);
        destination = new VBuffer<T>(length, values, destination._indices);
    }

    /// <summary>Enumerates (index, value) pairs: the explicit ones, or every index when <paramref name="all"/> is true.</summary>
    /// <param name="all">Whether to include absent (default) items.</param>
    /// <returns>The pairs in index order.</returns>
    public IEnumerable<KeyValuePair<int, T>> Items(bool all = false)
    {
        var copy = this;
        if (copy.IsDense || all)
        {
            for (int i = 0; i < copy.Length; i++)
                yield return new KeyValuePair<int, T>(i, copy.GetItemOrDefault(i));
            yield break;
        }
        for (int i = 0; i < copy._count; i++)
            yield return new KeyValuePair<int, T>(copy._indices![i], copy._values![i]);
    }

    /// <summary>Enumerates all <see cref="Length"/> items densely.</summary>
    /// <returns>The items in order.</returns>
    public IEnumerable<T> DenseValues()
    {
        foreach (var item in Items(all: true))
            yield return item.Value;
    }

    /// <summary>Reads item <paramref name="index"/> (default when absent).</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Length"/>.</param>
    /// <param name="destination">Receives the item.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    public void GetItemOrDefault(int index, ref T destination) => destination = GetItemOrDefault(index);

    /// <summary>Returns item <paramref name="index"/> (default when absent).</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Length"/>.</param>
    /// <returns>The item.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    public T GetItemOrDefault(int index)
    {
        if ((uint)index >= (uint)Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Must be in [0, {Length}).");
        if (IsDense)
            return _values![index];
        int position = LowerBound(GetIndices(), index);
        return position < _count && _indices![position] == index ? _values![position] : default!;
    }

    /// <summary>Returns <c>"Dense vector of size N"</c> or <c>"Sparse vector of size N, C explicit values"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => IsDense ? $"Dense vector of size {Length}" : $"Sparse vector of size {Length}, {_count} explicit values";

    /// <summary>Walks the raw values array (the physical buffer, which may be longer than the explicit values), as ML.NET does.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator GetEnumerator() => (_values ?? []).GetEnumerator();

    private static int LowerBound(ReadOnlySpan<int> sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
