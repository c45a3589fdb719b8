using System.Globalization;
using System.Text;

namespace Microsoft.ML.Data;

/// <summary>Writes a data view as delimited text (see <c>TextLoaderSaverCatalog.SaveAsText</c>).</summary>
internal static class TextSaver
{
    internal static void Save(IDataView data, Stream stream, char separator, bool headerRow, bool schema, bool keepHidden)
    {
        var columns = data.Schema.Where(c => keepHidden || !c.IsHidden).ToArray();
        foreach (var c in columns)
        {
            var item = c.Type is VectorDataViewType v ? v.ItemType : c.Type;
            if (item is not (NumberDataViewType or TextDataViewType or BooleanDataViewType or DateTimeDataViewType or KeyDataViewType))
                throw new NotSupportedException($"Column '{c.Name}' has type '{c.Type}', which SaveAsText cannot write.");
        }
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        string sep = separator.ToString();
        if (schema)
            WriteSchema(writer, columns, separator, headerRow);
        if (headerRow)
        {
            var names = new List<string>();
            foreach (var c in columns)
            {
                if (c.Type is VectorDataViewType { Size: > 0 } vec)
                    names.AddRange(Enumerable.Range(0, vec.Size).Select(i => $"{c.Name}.{i}"));
                else
                    names.Add(c.Name);
            }
            writer.WriteLine(string.Join(sep, names.Select(n => Quote(n, separator))));
        }
        using var cursor = data.GetRowCursor(columns);
        var writers = columns.Select(c => MakeWriter(cursor, c, separator)).ToArray();
        var line = new StringBuilder();
        while (cursor.MoveNext())
        {
            line.Clear();
            for (int i = 0; i < writers.Length; i++)
            {
                if (i > 0)
                    line.Append(separator);
                writers[i](line);
            }
            writer.WriteLine(line);
        }
    }

    private static void WriteSchema(StreamWriter writer, DataViewSchema.Column[] columns, char separator, bool headerRow)
    {
        writer.WriteLine("#@ TextLoader{");
        if (headerRow)
            writer.WriteLine("#@   header+");
        writer.WriteLine("#@   sep=" + (separator == '\t' ? "tab" : separator == ',' ? "comma" : separator == ' ' ? "space" : separator.ToString()));
        int field = 0;
        foreach (var c in columns)
        {
            var item = c.Type is VectorDataViewType v ? v.ItemType : c.Type;
            int width = c.Type is VectorDataViewType { Size: > 0 } sized ? sized.Size : 1;
            string range = c.Type is VectorDataViewType { Size: 0 } ? $"{field}-*" : width == 1 && c.Type is not VectorDataViewType ? $"{field}" : $"{field}-{field + width - 1}";
            writer.WriteLine($"#@   col={c.Name}:{KindCode(item)}:{range}");
            field += width;
        }
        writer.WriteLine("#@ }");
    }

    private static string KindCode(DataViewType item) => item switch
    {
        TextDataViewType => "TX",
        BooleanDataViewType => "BL",
        DateTimeDataViewType => "DT",
        KeyDataViewType k => $"U{System.Runtime.InteropServices.Marshal.SizeOf(k.RawType)}[{k.Count}]",
        _ when item.RawType == typeof(float) => "R4",
        _ when item.RawType == typeof(double) => "R8",
        _ when item.RawType == typeof(sbyte) => "I1",
        _ when item.RawType == typeof(short) => "I2",
        _ when item.RawType == typeof(int) => "I4",
        _ when item.RawType == typeof(long) => "I8",
        _ when item.RawType == typeof(byte) => "U1",
        _ when item.RawType == typeof(ushort) => "U2",
        _ when item.RawType == typeof(uint) => "U4",
        _ => "U8",
    };

    private static Action<StringBuilder> MakeWriter(DataViewRow row, DataViewSchema.Column column, char separator)
    {
        var raw = column.Type is VectorDataViewType v ? v.ItemType.RawType : column.Type.RawType;
        var method = typeof(TextSaver).GetMethod(column.Type is VectorDataViewType ? nameof(VectorWriter) : nameof(ScalarWriter),
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(raw);
        return (Action<StringBuilder>)method.Invoke(null, [row, column, separator])!;
    }

    private static Action<StringBuilder> ScalarWriter<T>(DataViewRow row, DataViewSchema.Column column, char separator)
    {
        var getter = row.GetGetter<T>(column);
        return sb =>
        {
            T value = default!;
            getter(ref value);
            Append(sb, value, separator);
        };
    }

    private static Action<StringBuilder> VectorWriter<T>(DataViewRow row, DataViewSchema.Column column, char separator)
    {
        var getter = row.GetGetter<VBuffer<T>>(column);
        return sb =>
        {
            VBuffer<T> value = default;
            getter(ref value);
            bool first = true;
            foreach (var item in value.DenseValues())
            {
                if (!first)
                    sb.Append(separator);
                first = false;
                Append(sb, item, separator);
            }
        };
    }

    private static void Append<T>(StringBuilder sb, T value, char separator)
    {
        switch (value)
        {
            case float f:
                sb.Append(float.IsNaN(f) ? "NaN" : f.ToString("R", CultureInfo.InvariantCulture));
                break;
            case double d:
                sb.Append(double.IsNaN(d) ? "NaN" : d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case ReadOnlyMemory<char> text:
                sb.Append(Quote(text.ToString(), separator));
                break;
            case bool b:
                sb.Append(b ? "True" : "False");
                break;
            case DateTime dt:
                sb.Append(dt.ToString("o", CultureInfo.InvariantCulture));
                break;
            case IFormattable formattable:
                sb.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append(value);
                break;
        }
    }

    private static string Quote(string text, char separator)
    {
        if (text.Length > 0 && text.IndexOfAny([separator, '"', '\n', '\r']) < 0)
            return text;
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
