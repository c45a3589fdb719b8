using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.LocalFlow.Tabular;

namespace Microsoft.ML.LocalFlow;

/// <summary>
/// One output column of a chunk of generated rows: the values of a <see cref="TableColumn"/> converted to the column's ML.NET
/// raw type, in a buffer reused from chunk to chunk (so streaming allocates per chunk only what the generator does).
/// Missing values become NaN (Single/Double), empty text, key 0, and for types without a missing value (integers, Boolean,
/// DateTime) the default value; a column that had no missing values in training has none in generated rows.
/// </summary>
internal abstract class ChunkColumn
{
    /// <summary>Converts the first <paramref name="rows"/> cells of this column (or of its slots) in <paramref name="chunk"/> into the buffer.</summary>
    internal abstract void Fill(Table chunk, int rows);

    /// <summary>A getter reading the buffer at the cursor's current index.</summary>
    internal abstract Delegate CreateGetter(Func<int> index);

    /// <summary>The converter for <paramref name="binding"/>.</summary>
    internal static ChunkColumn Create(ColumnBinding binding)
    {
        DataViewType type = binding.Type;
        if (type is VectorDataViewType vector)
        {
            Type item = vector.ItemType.RawType;
            return item == typeof(float) ? new Vector<float>(binding, v => (float)v)
                : item == typeof(double) ? new Vector<double>(binding, v => v)
                : item == typeof(int) ? new Vector<int>(binding, v => double.IsNaN(v) ? 0 : (int)Math.Clamp(Math.Round(v), int.MinValue, int.MaxValue))
                : item == typeof(long) ? new Vector<long>(binding, v => double.IsNaN(v) ? 0 : (long)Math.Clamp(Math.Round(v), long.MinValue, long.MaxValue))
                : throw new InvalidOperationException($"Column '{binding.Name}': type {type} is not supported.");
        }

        if (type is TextDataViewType)
        {
            return new Typed<ReadOnlyMemory<char>>(binding, _ => default, level => level is null ? default : level.AsMemory(), null);
        }

        if (type is BooleanDataViewType)
        {
            return new Typed<bool>(binding, v => v != 0, level => level is not null && string.Equals(level, "true", StringComparison.OrdinalIgnoreCase), null);
        }

        if (type is DateTimeDataViewType)
        {
            return new Typed<DateTime>(binding, _ => default, _ => default, d => d ?? default);
        }

        if (type is KeyDataViewType key)
        {
            ulong Parse(string? level) => level is null ? 0 : Math.Min(ulong.Parse(level, CultureInfo.InvariantCulture), key.Count);
            return key.RawType switch
            {
                var t when t == typeof(byte) => new Typed<byte>(binding, _ => 0, l => (byte)Parse(l), null),
                var t when t == typeof(ushort) => new Typed<ushort>(binding, _ => 0, l => (ushort)Parse(l), null),
                var t when t == typeof(uint) => new Typed<uint>(binding, _ => 0, l => (uint)Parse(l), null),
                _ => new Typed<ulong>(binding, _ => 0, Parse, null),
            };
        }

        Type raw = type.RawType;
        if (raw == typeof(float))
        {
            return Number(binding, v => (float)v);
        }

        if (raw == typeof(double))
        {
            return Number(binding, v => v);
        }

        // Integer types: round half to even, clamp to the type's range, missing → 0.
        static double Whole(double v, double min, double max) => double.IsNaN(v) ? 0 : Math.Clamp(Math.Round(v), min, max);
        return raw switch
        {
            var t when t == typeof(int) => Number(binding, v => (int)Whole(v, int.MinValue, int.MaxValue)),
            var t when t == typeof(long) => Number(binding, v => (long)Whole(v, long.MinValue, long.MaxValue)),
            var t when t == typeof(short) => Number(binding, v => (short)Whole(v, short.MinValue, short.MaxValue)),
            var t when t == typeof(sbyte) => Number(binding, v => (sbyte)Whole(v, sbyte.MinValue, sbyte.MaxValue)),
            var t when t == typeof(byte) => Number(binding, v => (byte)Whole(v, byte.MinValue, byte.MaxValue)),
            var t when t == typeof(ushort) => Number(binding, v => (ushort)Whole(v, ushort.MinValue, ushort.MaxValue)),
            var t when t == typeof(uint) => Number(binding, v => (uint)Whole(v, uint.MinValue, uint.MaxValue)),
            var t when t == typeof(ulong) => Number(binding, v => (ulong)Whole(v, ulong.MinValue, ulong.MaxValue)),
            _ => throw new InvalidOperationException($"Column '{binding.Name}': type {type} is not supported."),
        };
    }

    private static Typed<T> Number<T>(ColumnBinding binding, Func<double, T> convert) =>
        new(binding, convert, level => convert(level is null ? double.NaN : double.Parse(level, CultureInfo.InvariantCulture)), null);

    private sealed class Typed<T>(ColumnBinding binding, Func<double, T> fromNumber, Func<string?, T> fromLevel, Func<DateTime?, T>? fromDateTime)
        : ChunkColumn
    {
        private T[] _buffer = [];
        private IReadOnlyList<string>? _levels;
        private T[] _levelValues = [];

        internal override void Fill(Table chunk, int rows)
        {
            TableColumn column = chunk[binding.Name];
            if (_buffer.Length < rows)
            {
                _buffer = new T[rows];
            }

            switch (column)
            {
                case NumericColumn n:
                    ReadOnlySpan<double> values = n.Values;
                    for (int i = 0; i < rows; i++)
                    {
                        _buffer[i] = fromNumber(values[i]);
                    }

                    break;

                case CategoricalColumn c:
                    if (!ReferenceEquals(_levels, c.Levels))
                    {
                        // Convert each level once (chunks share their level list), so per-row work is an array read.
                        _levels = c.Levels;
                        _levelValues = [.. c.Levels.Select(fromLevel)];
                    }

                    T missing = fromLevel(null);
                    ReadOnlySpan<int> codes = c.Codes;
                    for (int i = 0; i < rows; i++)
                    {
                        _buffer[i] = codes[i] < 0 ? missing : _levelValues[codes[i]];
                    }

                    break;

                case DateTimeColumn d when fromDateTime is not null:
                    for (int i = 0; i < rows; i++)
                    {
                        _buffer[i] = fromDateTime(d.GetDateTime(i));
                    }

                    break;

                default:
                    throw new InvalidOperationException(
                        $"Column '{binding.Name}': the model produced a {column.Kind} column, which cannot be written as {binding.Type}.");
            }
        }

        internal override Delegate CreateGetter(Func<int> index) => (ValueGetter<T>)((ref T value) => value = _buffer[index()]);
    }

    /// <summary>A fixed-size vector column, assembled from its slots' numeric table columns.</summary>
    private sealed class Vector<T>(ColumnBinding binding, Func<double, T> fromNumber) : ChunkColumn
    {
        private readonly int _size = binding.SlotCount;
        private T[] _buffer = [];

        internal override void Fill(Table chunk, int rows)
        {
            if (_buffer.Length < rows * _size)
            {
                _buffer = new T[rows * _size];
            }

            for (int slot = 0; slot < _size; slot++)
            {
                if (chunk[binding.SlotName(slot)] is not NumericColumn column)
                {
                    throw new InvalidOperationException($"Column '{binding.SlotName(slot)}': the model produced a non-numeric column for a vector slot.");
                }

                ReadOnlySpan<double> values = column.Values;
                for (int i = 0; i < rows; i++)
                {
                    _buffer[(i * _size) + slot] = fromNumber(values[i]);
                }
            }
        }

        // A new array per row: the stand-in lacks VBufferEditor, which would let the caller's array be reused.
        internal override Delegate CreateGetter(Func<int> index) => (ValueGetter<VBuffer<T>>)((ref VBuffer<T> value) =>
            value = new VBuffer<T>(_size, _buffer.AsSpan(index() * _size, _size).ToArray()));
    }
}
