using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.LocalFlow.Tabular;

namespace Microsoft.ML.LocalFlow;

/// <summary>
/// One modelled column: its name, the ML.NET type it has in the input (and will have in generated rows), and the statistical
/// kind the tabular layer models it as. The pair (type, kind) fixes how values cross between <see cref="IDataView"/> and
/// <see cref="Table"/> (see <see cref="TableBuilder"/> and <see cref="ChunkColumn"/>).
/// </summary>
internal sealed class ColumnBinding
{
    internal ColumnBinding(string name, DataViewType type, ColumnKind kind, bool isLabel)
    {
        Name = name;
        Type = type;
        Kind = kind;
        IsLabel = isLabel;
    }

    internal string Name { get; }

    internal DataViewType Type { get; }

    internal ColumnKind Kind { get; }

    internal bool IsLabel { get; }

    internal Type RawType => Type.RawType;

    /// <summary>Slots of a fixed-size vector column (each modelled as its own table column), or 0 for a scalar column.</summary>
    internal int SlotCount => Type is VectorDataViewType v ? v.Size : 0;

    /// <summary>The table column of slot <paramref name="slot"/> of a vector column: <c>Name[slot]</c>.</summary>
    internal string SlotName(int slot) => $"{Name}[{slot.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>The names this column has in the tabular layer: its own, or one per slot.</summary>
    internal IEnumerable<string> TableNames => SlotCount == 0 ? [Name] : Enumerable.Range(0, SlotCount).Select(SlotName);

    /// <summary>The scalar type of the values: the item type of a vector, else the column type.</summary>
    internal DataViewType ValueType => Type is VectorDataViewType v ? v.ItemType : Type;

    /// <summary>
    /// Resolves the columns to model against a schema: the options' <see cref="LocalFlowMatchingOptions.ColumnNames"/> (or every
    /// visible column), plus the label, with kinds from the schema unless overridden.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A named column is absent; the parameter is the option and the message names the column.</exception>
    /// <exception cref="ArgumentException">A column's type is unsupported, or its kind override does not fit its type; the message names the column.</exception>
    internal static ColumnBinding[] Resolve(IReadOnlyList<(string Name, DataViewType Type)> schema, LocalFlowMatchingOptions options)
    {
        var byName = new Dictionary<string, DataViewType>(StringComparer.Ordinal);
        foreach (var (name, type) in schema)
        {
            byName[name] = type; // later columns hide earlier ones of the same name, as in DataViewSchema
        }

        var wanted = new List<string>();
        if (options.ColumnNames is null)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = schema.Count - 1; i >= 0; i--)
            {
                if (seen.Add(schema[i].Name))
                {
                    wanted.Add(schema[i].Name);
                }
            }

            wanted.Reverse();
        }
        else
        {
            foreach (string name in options.ColumnNames)
            {
                if (!byName.ContainsKey(name))
                {
                    throw Absent(name, nameof(LocalFlowMatchingOptions.ColumnNames), byName.Keys);
                }
            }

            // Keep the input's column order, so generated rows look like the input.
            var requested = new HashSet<string>(options.ColumnNames, StringComparer.Ordinal);
            if (options.LabelColumnName is not null)
            {
                requested.Add(options.LabelColumnName);
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, _) in schema)
            {
                if (requested.Contains(name) && seen.Add(name))
                {
                    wanted.Add(name);
                }
            }
        }

        if (options.LabelColumnName is not null && !byName.ContainsKey(options.LabelColumnName))
        {
            throw Absent(options.LabelColumnName, nameof(LocalFlowMatchingOptions.LabelColumnName), byName.Keys);
        }

        foreach (string name in options.ColumnKinds.Keys.Concat(options.Bounds.Keys))
        {
            if (!wanted.Contains(name, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"Column '{name}' has a kind or bounds in the options but is not modelled (it is absent or not in ColumnNames).", nameof(options));
            }
        }

        var bindings = new ColumnBinding[wanted.Count];
        for (int i = 0; i < bindings.Length; i++)
        {
            string name = wanted[i];
            bool isLabel = string.Equals(name, options.LabelColumnName, StringComparison.Ordinal);
            options.ColumnKinds.TryGetValue(name, out ColumnKind kindOverride);
            bool hasOverride = options.ColumnKinds.ContainsKey(name);
            bindings[i] = Bind(name, byName[name], hasOverride ? kindOverride : null, isLabel);
        }

        return bindings;
    }

    /// <summary>The kind a column of <paramref name="type"/> is modelled as, honouring an override when it fits.</summary>
    internal static ColumnBinding Bind(string name, DataViewType type, ColumnKind? kindOverride, bool isLabel)
    {
        ColumnKind natural = NaturalKind(name, type);
        ColumnKind kind = kindOverride ?? (isLabel ? ColumnKind.Categorical : natural);
        if (isLabel && kind is not (ColumnKind.Categorical or ColumnKind.Boolean))
        {
            throw new ArgumentException(
                $"Label column '{name}' is declared {kind}; a label must be Categorical or Boolean (its values are the classes).", nameof(kindOverride));
        }

        if (isLabel && type is VectorDataViewType)
        {
            throw new ArgumentException($"Label column '{name}' is a vector; a label must be a scalar column.", nameof(type));
        }

        bool fits = type switch
        {
            NumberDataViewType => kind is ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.Categorical,
            VectorDataViewType => kind is ColumnKind.Continuous or ColumnKind.Integer,
            BooleanDataViewType => kind is ColumnKind.Boolean or ColumnKind.Categorical,
            TextDataViewType => kind is ColumnKind.Categorical,
            KeyDataViewType => kind is ColumnKind.Categorical,
            DateTimeDataViewType => kind is ColumnKind.DateTime,
            _ => false,
        };
        if (!fits)
        {
            throw new ArgumentException(
                $"Column '{name}' of type {type} cannot be modelled as {kind}; {Allowed(type)}.", nameof(kindOverride));
        }

        // A Boolean column declared Categorical is still a two-level category; keep the tabular kind Boolean only when natural.
        return new ColumnBinding(name, type, kind, isLabel);
    }

    private static string Allowed(DataViewType type) => type switch
    {
        NumberDataViewType => "a number column can be Continuous, Integer or Categorical",
        VectorDataViewType => "a vector of numbers can be Continuous or Integer (every slot alike)",
        BooleanDataViewType => "a Boolean column can be Boolean or Categorical",
        TextDataViewType => "a text column can only be Categorical (convert numbers in text with a conversion transform first)",
        KeyDataViewType => "a key column can only be Categorical",
        DateTimeDataViewType => "a DateTime column can only be DateTime",
        _ => "this type is not supported",
    };

    /// <summary>The kind a column of <paramref name="type"/> has without an override.</summary>
    /// <exception cref="ArgumentException">The type is not supported; the message names the column and says what is.</exception>
    internal static ColumnKind NaturalKind(string name, DataViewType type)
    {
        if (type == NumberDataViewType.Single || type == NumberDataViewType.Double)
        {
            return ColumnKind.Continuous;
        }

        if (type is NumberDataViewType)
        {
            return ColumnKind.Integer;
        }

        return type switch
        {
            BooleanDataViewType => ColumnKind.Boolean,
            TextDataViewType or KeyDataViewType => ColumnKind.Categorical,
            DateTimeDataViewType => ColumnKind.DateTime,
            VectorDataViewType { IsKnownSize: true, ItemType: NumberDataViewType item } => NaturalKind(name, item),
            VectorDataViewType { IsKnownSize: false } v => throw new ArgumentException(
                $"Column '{name}' has type {v}, a vector of variable size, which LocalFlowMatching cannot model. " +
                "Select scalar columns with LocalFlowMatchingOptions.ColumnNames (or drop this column first).", nameof(type)),
            VectorDataViewType v => throw new ArgumentException(
                $"Column '{name}' has type {v}, a vector of {v.ItemType}, which LocalFlowMatching cannot model: it models scalar columns " +
                "(numbers, Boolean, text, key, DateTime) and fixed-size vectors of numbers. Select other columns with LocalFlowMatchingOptions.ColumnNames.", nameof(type)),
            _ => throw new ArgumentException(
                $"Column '{name}' has type {type} ({type.RawType.Name}), which LocalFlowMatching cannot model: it models scalar " +
                "numbers, Boolean, text, key and DateTime columns. Select other columns with LocalFlowMatchingOptions.ColumnNames.", nameof(type)),
        };
    }

    private static ArgumentOutOfRangeException Absent(string name, string option, IEnumerable<string> present) =>
        new(option, name, $"Column '{name}' named in {option} is not in the input; its columns are: {string.Join(", ", present)}.");

    /// <summary>The level text of a categorical value of this column (numbers in invariant round-trip form, keys as their value).</summary>
    internal static string NumberText(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Writes the binding as one line: escaped name, TAB, type code, TAB, kind, TAB, label flag.</summary>
    internal string Serialize() =>
        string.Join('\t', Uri.EscapeDataString(Name), TypeCode(Type), Kind.ToString(), IsLabel ? "label" : "-");

    /// <summary>Reads a line written by <see cref="Serialize"/>.</summary>
    /// <exception cref="InvalidDataException">The line is malformed.</exception>
    internal static ColumnBinding Deserialize(string line)
    {
        string[] parts = line.Split('\t');
        if (parts.Length != 4 || !Enum.TryParse(parts[2], out ColumnKind kind))
        {
            throw new InvalidDataException($"Bad column line '{line}' in the model's ML.NET section.");
        }

        return new ColumnBinding(Uri.UnescapeDataString(parts[0]), ParseType(parts[1]), kind, parts[3] == "label");
    }

    private static string TypeCode(DataViewType type) => type switch
    {
        VectorDataViewType v => $"Vector<{TypeCode(v.ItemType)},{v.Size.ToString(CultureInfo.InvariantCulture)}>",
        KeyDataViewType k => $"Key<{k.RawType.Name},{k.Count.ToString(CultureInfo.InvariantCulture)}>",
        TextDataViewType => "Text",
        BooleanDataViewType => "Boolean",
        DateTimeDataViewType => "DateTime",
        NumberDataViewType n => n.RawType.Name,
        _ => throw new InvalidOperationException($"Type {type} cannot be saved."),
    };

    private static DataViewType ParseType(string code)
    {
        if (code.StartsWith("Vector<", StringComparison.Ordinal) && code.EndsWith('>'))
        {
            int comma = code.LastIndexOf(',');
            if (ParseType(code[7..comma]) is not PrimitiveDataViewType item)
            {
                throw new InvalidDataException($"Bad vector type '{code}' in the model's ML.NET section.");
            }

            return new VectorDataViewType(item, int.Parse(code[(comma + 1)..^1], CultureInfo.InvariantCulture));
        }

        if (code.StartsWith("Key<", StringComparison.Ordinal) && code.EndsWith('>'))
        {
            string[] parts = code[4..^1].Split(',');
            Type raw = parts[0] switch
            {
                "Byte" => typeof(byte),
                "UInt16" => typeof(ushort),
                "UInt32" => typeof(uint),
                "UInt64" => typeof(ulong),
                _ => throw new InvalidDataException($"Bad key type '{code}' in the model's ML.NET section."),
            };
            return new KeyDataViewType(raw, ulong.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        return code switch
        {
            "Text" => TextDataViewType.Instance,
            "Boolean" => BooleanDataViewType.Instance,
            "DateTime" => DateTimeDataViewType.Instance,
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
            _ => throw new InvalidDataException($"Unknown column type '{code}' in the model's ML.NET section."),
        };
    }

    /// <summary>The ML.NET type for a column of a model saved without ML.NET types (by the CLI).</summary>
    internal static DataViewType DefaultType(ColumnKind kind) => kind switch
    {
        ColumnKind.Continuous => NumberDataViewType.Single,
        ColumnKind.Integer => NumberDataViewType.Int64,
        ColumnKind.Boolean => BooleanDataViewType.Instance,
        ColumnKind.DateTime => DateTimeDataViewType.Instance,
        _ => TextDataViewType.Instance,
    };
}
