using System.Globalization;

namespace Microsoft.ML.Data;

/// <summary>A validated text-loader column: name, type and the 0-based source fields it reads.</summary>
internal sealed class TextColumnBinding
{
    private TextColumnBinding(string name, DataKind kind, PrimitiveDataViewType itemType, DataViewType type, int[] fields)
    {
        Name = name;
        Kind = kind;
        ItemType = itemType;
        Type = type;
        Fields = fields;
    }

    internal string Name { get; }

    internal DataKind Kind { get; }

    internal PrimitiveDataViewType ItemType { get; }

    internal DataViewType Type { get; }

    internal int[] Fields { get; }

    internal bool IsVector => Type is VectorDataViewType;

    internal static TextColumnBinding[] Bind(TextLoader.Options options, IMultiStreamSource? dataSample)
    {
        if (options.Columns is not { Length: > 0 } columns)
            throw new ArgumentException("TextLoader.Options.Columns must name at least one column.", nameof(options));
        if (options.AllowSparse)
            throw new NotSupportedException("The stand-in's text loader does not read the sparse format (AllowSparse = true).");
        if (options.ReadMultilines)
            throw new NotSupportedException("The stand-in's text loader does not read multi-line quoted fields (ReadMultilines = true).");
        if (options.HeaderFile is not null)
            throw new NotSupportedException("The stand-in's text loader does not read a separate HeaderFile.");
        if (options.Separators is not { Length: > 0 })
            throw new ArgumentException("TextLoader.Options.Separators must hold at least one character.", nameof(options));
        if (options.DecimalMarker != '.' && options.DecimalMarker != ',')
            throw new ArgumentException($"DecimalMarker must be '.' or ',', got '{options.DecimalMarker}'.", nameof(options));
        if (options.DecimalMarker == ',' && options.Separators.Contains(','))
            throw new ArgumentException("DecimalMarker ',' cannot also be a separator.", nameof(options));
        int? inputSize = options.InputSize;
        var bindings = new TextColumnBinding[columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            var column = columns[c] ?? throw new ArgumentException($"Column {c} is null.", nameof(options));
            if (string.IsNullOrEmpty(column.Name))
                throw new ArgumentException($"Column {c} has no name.", nameof(options));
            if (column.Source is not { Length: > 0 })
                throw new ArgumentException($"Column '{column.Name}' has no source fields.", nameof(options));
            if (column.KeyCount is not null)
                throw new NotSupportedException($"Column '{column.Name}': the stand-in's text loader does not read key columns (KeyCount).");
            var item = ItemTypeOf(column.DataKind, column.Name);
            var fields = new List<int>();
            bool vector = column.Source.Length > 1;
            foreach (var range in column.Source)
            {
                if (range is null)
                    throw new ArgumentException($"Column '{column.Name}' has a null range.", nameof(options));
                if (range.VariableEnd || range.AllOther)
                    throw new NotSupportedException($"Column '{column.Name}': the stand-in's text loader does not support VariableEnd or AllOther ranges.");
                vector |= range.ForceVector || range.AutoEnd || range.Max != range.Min;
                int max;
                if (range.AutoEnd || range.Max is null)
                {
                    inputSize ??= CountFields(dataSample, options);
                    max = (inputSize ?? throw new ArgumentException(
                        $"Column '{column.Name}' reads to the end of the line: set Options.InputSize or give a data sample.", nameof(options))) - 1;
                }
                else
                {
                    max = range.Max.Value;
                }
                if (range.Min < 0 || max < range.Min)
                    throw new ArgumentException($"Column '{column.Name}' has an empty or negative field range {range.Min}..{max}.", nameof(options));
                for (int f = range.Min; f <= max; f++)
                    fields.Add(f);
            }
            DataViewType type = vector ? new VectorDataViewType(item, fields.Count) : item;
            bindings[c] = new TextColumnBinding(column.Name, column.DataKind, item, type, fields.ToArray());
        }
        return bindings;
    }

    internal static PrimitiveDataViewType ItemTypeOf(DataKind kind, string columnName) => kind switch
    {
        DataKind.SByte => NumberDataViewType.SByte,
        DataKind.Byte => NumberDataViewType.Byte,
        DataKind.Int16 => NumberDataViewType.Int16,
        DataKind.UInt16 => NumberDataViewType.UInt16,
        DataKind.Int32 => NumberDataViewType.Int32,
        DataKind.UInt32 => NumberDataViewType.UInt32,
        DataKind.Int64 => NumberDataViewType.Int64,
        DataKind.UInt64 => NumberDataViewType.UInt64,
        DataKind.Single => NumberDataViewType.Single,
        DataKind.Double => NumberDataViewType.Double,
        DataKind.String => TextDataViewType.Instance,
        DataKind.Boolean => BooleanDataViewType.Instance,
        DataKind.DateTime => DateTimeDataViewType.Instance,
        _ => throw new NotSupportedException($"Column '{columnName}': the stand-in's text loader does not read DataKind.{kind}."),
    };

    private static int? CountFields(IMultiStreamSource? sample, TextLoader.Options options)
    {
        if (sample is null || sample.Count == 0)
            return null;
        using var reader = sample.OpenTextReader(0);
        var fields = new List<ReadOnlyMemory<char>>();
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith("#@", StringComparison.Ordinal))
                continue;
            LineSplitter.Split(line, options, fields);
            return fields.Count;
        }
        return null;
    }

    internal static NumberFormatInfo NumberFormat(char decimalMarker)
        => decimalMarker == '.' ? NumberFormatInfo.InvariantInfo : new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };
}
