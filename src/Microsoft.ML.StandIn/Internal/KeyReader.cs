namespace Microsoft.ML.Data;

/// <summary>Reads a scalar column of any supported type as a stable 64-bit key, for sampling-key splits.</summary>
internal static class KeyReader
{
    internal static Func<ulong> Create(DataViewRow row, DataViewSchema.Column column)
    {
        var raw = column.Type.RawType;
        if (raw == typeof(ReadOnlyMemory<char>))
        {
            var g = row.GetGetter<ReadOnlyMemory<char>>(column);
            return () =>
            {
                ReadOnlyMemory<char> v = default;
                g(ref v);
                return SplitHash.Hash(v.Span);
            };
        }
        if (raw == typeof(float))
            return Bits<float>(row, column, v => (ulong)BitConverter.DoubleToInt64Bits(v));
        if (raw == typeof(double))
            return Bits<double>(row, column, v => (ulong)BitConverter.DoubleToInt64Bits(v));
        if (raw == typeof(bool))
            return Bits<bool>(row, column, v => v ? 1UL : 0UL);
        if (raw == typeof(int))
            return Bits<int>(row, column, v => (ulong)v);
        if (raw == typeof(long))
            return Bits<long>(row, column, v => (ulong)v);
        if (raw == typeof(uint))
            return Bits<uint>(row, column, v => v);
        if (raw == typeof(ulong))
            return Bits<ulong>(row, column, v => v);
        if (raw == typeof(DateTime))
            return Bits<DateTime>(row, column, v => (ulong)v.Ticks);
        throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' of type '{column.Type}' cannot be a sampling key.");
    }

    private static Func<ulong> Bits<T>(DataViewRow row, DataViewSchema.Column column, Func<T, ulong> toBits)
    {
        var g = row.GetGetter<T>(column);
        return () =>
        {
            T v = default!;
            g(ref v);
            return toBits(v);
        };
    }
}
