using System.Globalization;
using System.Numerics;

namespace Microsoft.ML.Data;

/// <summary>
/// Parses one field into a raw value. Returns false for a malformed field (the value is then NaN for reals and default otherwise,
/// and the cursor counts a bad value). Empty fields are not malformed: NaN for reals (as in ML.NET), default for the rest.
/// </summary>
internal delegate bool FieldParser<T>(ReadOnlySpan<char> field, out T value);

/// <summary>The field parsers per item type, plus the value used for a field missing at the end of a short line.</summary>
internal static class TextValueParser
{
    internal static FieldParser<T> For<T>(TextColumnBinding binding, NumberFormatInfo format)
    {
        Delegate parser = binding.Kind switch
        {
            DataKind.Single => (FieldParser<float>)((ReadOnlySpan<char> s, out float v) =>
            {
                bool ok = ParseReal(s, format, out double d);
                v = (float)d;
                return ok;
            }),
            DataKind.Double => (FieldParser<double>)((ReadOnlySpan<char> s, out double v) => ParseReal(s, format, out v)),
            DataKind.SByte => Integer<sbyte>(),
            DataKind.Byte => Integer<byte>(),
            DataKind.Int16 => Integer<short>(),
            DataKind.UInt16 => Integer<ushort>(),
            DataKind.Int32 => Integer<int>(),
            DataKind.UInt32 => Integer<uint>(),
            DataKind.Int64 => Integer<long>(),
            DataKind.UInt64 => Integer<ulong>(),
            DataKind.Boolean => (FieldParser<bool>)ParseBool,
            DataKind.DateTime => (FieldParser<DateTime>)((ReadOnlySpan<char> s, out DateTime v) =>
            {
                var t = s.Trim();
                if (t.IsEmpty)
                {
                    v = default;
                    return true;
                }
                return DateTime.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out v);
            }),
            _ => throw new NotSupportedException($"Column '{binding.Name}': no parser for DataKind.{binding.Kind}."),
        };
        return (FieldParser<T>)parser;
    }

    /// <summary>The value for a field absent from a short line: NaN or 0 for reals (per MissingRealsAsNaNs), default otherwise.</summary>
    internal static T Missing<T>(bool missingRealsAsNaNs)
    {
        if (typeof(T) == typeof(float))
            return (T)(object)(missingRealsAsNaNs ? float.NaN : 0f);
        if (typeof(T) == typeof(double))
            return (T)(object)(missingRealsAsNaNs ? double.NaN : 0d);
        if (typeof(T) == typeof(ReadOnlyMemory<char>))
            return (T)(object)ReadOnlyMemory<char>.Empty;
        return default!;
    }

    private static bool ParseReal(ReadOnlySpan<char> s, NumberFormatInfo format, out double value)
    {
        var t = s.Trim();
        if (t.IsEmpty || t is "?" || t.Equals("NaN", StringComparison.OrdinalIgnoreCase) || t.Equals("NA", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }
        if (t.Equals("inf", StringComparison.OrdinalIgnoreCase) || t.Equals("+inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.PositiveInfinity;
            return true;
        }
        if (t.Equals("-inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NegativeInfinity;
            return true;
        }
        if (double.TryParse(t, NumberStyles.Float, format, out value))
            return true;
        value = double.NaN;
        return false;
    }

    private static FieldParser<T> Integer<T>()
        where T : struct, IBinaryInteger<T>
        => (ReadOnlySpan<char> s, out T v) =>
        {
            var t = s.Trim();
            if (t.IsEmpty)
            {
                v = default;
                return true;
            }
            if (T.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out v))
                return true;
            v = default;
            return false;
        };

    private static bool ParseBool(ReadOnlySpan<char> s, out bool value)
    {
        var t = s.Trim();
        value = false;
        if (t.IsEmpty)
            return true;
        if (t.Equals("true", StringComparison.OrdinalIgnoreCase) || t.Equals("t", StringComparison.OrdinalIgnoreCase)
            || t.Equals("yes", StringComparison.OrdinalIgnoreCase) || t.Equals("y", StringComparison.OrdinalIgnoreCase)
            || t is "1" || t is "+1")
        {
            value = true;
            return true;
        }
        return t.Equals("false", StringComparison.OrdinalIgnoreCase) || t.Equals("f", StringComparison.OrdinalIgnoreCase)
            || t.Equals("no", StringComparison.OrdinalIgnoreCase) || t.Equals("n", StringComparison.OrdinalIgnoreCase)
            || t is "0" || t is "-1";
    }
}
