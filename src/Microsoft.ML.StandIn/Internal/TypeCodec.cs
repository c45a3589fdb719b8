using System.Globalization;

namespace Microsoft.ML.Data;

/// <summary>
/// Text form of column types for the model file's schema entry: <c>Num:Single</c>, <c>Text</c>, <c>Bool</c>, <c>DateTime</c>,
/// <c>Key:UInt32:10</c>, <c>Vec:2,3:&lt;item&gt;</c>. Column names are escaped (<c>\\</c>, <c>\t</c>, <c>\n</c>, <c>\r</c>).
/// </summary>
internal static class TypeCodec
{
    internal static string Write(DataViewType type, string columnName) => type switch
    {
        NumberDataViewType n => "Num:" + n.RawType.Name,
        TextDataViewType => "Text",
        BooleanDataViewType => "Bool",
        DateTimeDataViewType => "DateTime",
        KeyDataViewType k => $"Key:{k.RawType.Name}:{k.Count.ToString(CultureInfo.InvariantCulture)}",
        VectorDataViewType v => $"Vec:{string.Join(",", v.Dimensions)}:{Write(v.ItemType, columnName)}",
        _ => throw new NotSupportedException($"Column '{columnName}' has type '{type}', which the stand-in's model file cannot record."),
    };

    internal static DataViewType Read(string spec)
    {
        if (spec == "Text")
            return TextDataViewType.Instance;
        if (spec == "Bool")
            return BooleanDataViewType.Instance;
        if (spec == "DateTime")
            return DateTimeDataViewType.Instance;
        if (spec.StartsWith("Num:", StringComparison.Ordinal))
            return NumberByName(spec[4..]);
        if (spec.StartsWith("Key:", StringComparison.Ordinal))
        {
            var parts = spec.Split(':');
            if (parts.Length != 3)
                throw new FormatException($"Bad key type '{spec}' in the model schema.");
            return new KeyDataViewType(NumberByName(parts[1]).RawType, ulong.Parse(parts[2], CultureInfo.InvariantCulture));
        }
        if (spec.StartsWith("Vec:", StringComparison.Ordinal))
        {
            int colon = spec.IndexOf(':', 4);
            if (colon < 0)
                throw new FormatException($"Bad vector type '{spec}' in the model schema.");
            var dims = spec[4..colon].Split(',').Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToArray();
            var item = Read(spec[(colon + 1)..]) as PrimitiveDataViewType
                ?? throw new FormatException($"Bad vector item type in '{spec}'.");
            return new VectorDataViewType(item, dims);
        }
        throw new FormatException($"Unknown column type '{spec}' in the model schema.");
    }

    internal static string Escape(string name)
        => name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
               .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    internal static string Unescape(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i == text.Length - 1)
            {
                sb.Append(text[i]);
                continue;
            }
            char c = text[++i];
            sb.Append(c switch { 't' => '\t', 'n' => '\n', 'r' => '\r', _ => c });
        }
        return sb.ToString();
    }

    private static NumberDataViewType NumberByName(string name) => name switch
    {
        "SByte" => NumberDataViewType.SByte,
        "Byte" => NumberDataViewType.Byte,
        "Int16" => NumberDataViewType.Int16,
        "UInt16" => NumberDataViewType.UInt16,
        "Int32" => NumberDataViewType.Int32,
        "UInt32" => NumberDataViewType.UInt32,
        "Int64" => NumberDataViewType.Int64,
        "UInt64" => NumberDataViewType.UInt64,
        "Single" => NumberDataViewType.Single,
        "Double" => NumberDataViewType.Double,
        _ => throw new FormatException($"Unknown number type '{name}' in the model schema."),
    };
}
