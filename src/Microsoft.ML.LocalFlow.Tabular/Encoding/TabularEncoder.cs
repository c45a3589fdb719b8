using System.Globalization;

namespace Microsoft.ML.LocalFlow.Tabular.Encoding;

/// <summary>
/// Maps a <see cref="Table"/> to a row-major float matrix (rows × <see cref="Width"/>) for the flow and back, with an exact
/// inverse: Decode(Encode(t)) reproduces every cell of t (missing cells included) as text. Fitted on training data
/// only; decoding any matrix (even random numbers) yields values inside the bounds and only observed levels.
/// An optional label column is kept out of the matrix and encoded separately as the condition (rows × <see cref="ConditionWidth"/>).
/// Per-column encodings are listed in <see cref="Layout"/>; see docs/tabular.md.
/// </summary>
public sealed class TabularEncoder
{
    private const int FormatVersion = 1;

    private readonly ColumnCodec[] _features;
    private readonly ColumnCodec? _label;
    private readonly TableSchema _schema;
    private readonly int[] _offsets;

    private TabularEncoder(TableSchema schema, ColumnCodec[] features, ColumnCodec? label)
    {
        _schema = schema;
        _features = features;
        _label = label;
        _offsets = new int[features.Length];
        int o = 0;
        for (int j = 0; j < features.Length; j++)
        {
            _offsets[j] = o;
            o += features[j].Width;
        }

        Width = o;
        Layout = features.Select((c, j) => c.Layout(_offsets[j])).ToArray();
        ConditionLayout = label?.Layout(0);
    }

    /// <summary>Coordinates per encoded row (label excluded).</summary>
    public int Width { get; }

    /// <summary>Coordinates of the condition vector (0 without a label).</summary>
    public int ConditionWidth => _label?.Width ?? 0;

    /// <summary>The label column's name, or null.</summary>
    public string? LabelColumn => _label?.Name;

    /// <summary>The label's kind, or null.</summary>
    public ColumnKind? LabelKind => _label?.Kind;

    /// <summary>The observed label levels (categorical or boolean label), else empty.</summary>
    public IReadOnlyList<string> LabelLevels => (_label as CategoricalCodec)?.Levels ?? [];

    /// <summary>The training table's schema (all columns, label included, in order).</summary>
    public TableSchema Schema => _schema;

    /// <summary>Where each feature column lives in a row, in matrix order (training column order without the label).</summary>
    public IReadOnlyList<EncodedColumnLayout> Layout { get; }

    /// <summary>The label's layout in the condition vector, or null.</summary>
    public EncodedColumnLayout? ConditionLayout { get; }

    /// <summary>Fits the per-column encoders on <paramref name="training"/>.</summary>
    /// <param name="training">The training table.</param>
    /// <param name="options">Encodings, label, bounds; null = defaults.</param>
    /// <exception cref="TableFormatException">The label column does not exist or has missing values; a bound names an unknown column.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range (named).</exception>
    public static TabularEncoder Fit(Table training, TabularEncoderOptions? options = null) =>
        Fit(training, options ?? new TabularEncoderOptions(), options?.QuantileBandwidth ?? 0);

    /// <summary>As <see cref="Fit(Table, TabularEncoderOptions?)"/>, with the quantile maps' bandwidth resolved by the caller.</summary>
    internal static TabularEncoder Fit(Table training, TabularEncoderOptions options, double quantileBandwidth)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.OneHotMaxLevels, 1, nameof(options.OneHotMaxLevels));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxQuantileKnots, 2, nameof(options.MaxQuantileKnots));
        if (!(quantileBandwidth >= 0) || double.IsInfinity(quantileBandwidth))
        {
            throw new ArgumentOutOfRangeException(nameof(options.QuantileBandwidth), quantileBandwidth, $"QuantileBandwidth must be finite and ≥ 0 (0 = the empirical CDF); it is {quantileBandwidth}.");
        }

        foreach (string name in options.Bounds.Keys)
        {
            if (training.Schema.IndexOf(name) < 0)
            {
                throw new TableFormatException($"bounds were given for column '{name}', which does not exist; the columns are: {string.Join(", ", training.Schema.Select(s => s.Name))}.", null, null, name);
            }
        }

        ColumnCodec? label = null;
        if (options.LabelColumn is not null)
        {
            int li = training.Schema.IndexOf(options.LabelColumn);
            if (li < 0)
            {
                throw new TableFormatException(
                    $"the label column '{options.LabelColumn}' does not exist; the columns are: {string.Join(", ", training.Schema.Select(s => s.Name))}.",
                    null, null, options.LabelColumn);
            }

            TableColumn lc = training[li];
            for (int i = 0; i < lc.RowCount; i++)
            {
                if (lc.IsMissing(i))
                {
                    throw new TableFormatException("the label column has a missing value; fill it in or drop the row before fitting.", i + 1, null, lc.Name);
                }
            }

            label = lc.Kind is ColumnKind.Categorical or ColumnKind.Boolean
                ? CategoricalCodec.Fit(lc, options.OneHotMaxLevels, forceOneHot: true)
                : NumericCodec.Fit(lc, options, quantileBandwidth);
        }

        var features = new List<ColumnCodec>();
        foreach (TableColumn c in training.Columns)
        {
            if (c.Name == options.LabelColumn)
            {
                continue;
            }

            features.Add(c.Kind is ColumnKind.Categorical or ColumnKind.Boolean
                ? CategoricalCodec.Fit(c, options.OneHotMaxLevels)
                : NumericCodec.Fit(c, options, quantileBandwidth));
        }

        return new TabularEncoder(training.Schema, features.ToArray(), label);
    }

    /// <summary>
    /// Encodes <paramref name="table"/> (columns matched by name; extra columns ignored). With
    /// <paramref name="addNoise"/>, integer/lattice cells are dequantised, categorical coordinates get U(−½, ½) and missing
    /// numeric slots get N(0, 1) draws, reproducibly for <paramref name="seed"/>; without it, cells sit at their centres.
    /// </summary>
    /// <exception cref="TableFormatException">A column is absent or of another kind, a level was not seen in training, or a
    /// cell is empty in a column that had no missing values (the message names the row and column).</exception>
    public EncodedTable Encode(Table table, int seed = 0, bool addNoise = true)
    {
        ArgumentNullException.ThrowIfNull(table);
        int n = table.RowCount;
        var data = new float[checked(n * Width)];
        var cond = new float[checked(n * ConditionWidth)];
        var logJ = new double[n];
        Encode(table, data, cond, logJ, seed, addNoise);
        return new EncodedTable(data, n, Width, cond, ConditionWidth, logJ);
    }

    /// <summary>Encodes into caller buffers: rows × Width, rows × ConditionWidth (may be empty without a label), rows log-Jacobian terms (added to).</summary>
    /// <inheritdoc cref="Encode(Table, int, bool)"/>
    public void Encode(Table table, Span<float> destination, Span<float> condition, Span<double> logJacobian, int seed, bool addNoise)
    {
        ArgumentNullException.ThrowIfNull(table);
        int n = table.RowCount;
        if (destination.Length < n * Width)
        {
            throw new ArgumentException($"Needs {n * Width} floats, got {destination.Length}.", nameof(destination));
        }

        if (logJacobian.Length < n)
        {
            throw new ArgumentException($"Needs {n} doubles, got {logJacobian.Length}.", nameof(logJacobian));
        }

        for (int j = 0; j < _features.Length; j++)
        {
            TableColumn col = Find(table, _features[j].Name);
            var rng = NoiseRng.ForColumn(seed, j);
            _features[j].Encode(col, destination, Width, _offsets[j], logJacobian, ref rng, addNoise);
        }

        if (_label is not null && condition.Length > 0)
        {
            if (condition.Length < n * ConditionWidth)
            {
                throw new ArgumentException($"Needs {n * ConditionWidth} floats, got {condition.Length}.", nameof(condition));
            }

            var rng = NoiseRng.ForColumn(seed, -1);
            Span<double> scratch = new double[n];
            _label.Encode(Find(table, _label.Name), condition, ConditionWidth, 0, scratch, ref rng, noise: false);
        }
    }

    /// <summary>The condition vectors (rows × ConditionWidth) of <paramref name="table"/>'s label column.</summary>
    /// <exception cref="InvalidOperationException">The encoder has no label.</exception>
    public float[] EncodeCondition(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        ColumnCodec label = _label ?? throw new InvalidOperationException("The encoder was fitted without a label column.");
        var cond = new float[table.RowCount * label.Width];
        var rng = NoiseRng.ForColumn(0, -1);
        label.Encode(Find(table, label.Name), cond, label.Width, 0, new double[table.RowCount], ref rng, noise: false);
        return cond;
    }

    /// <summary>The condition vector (length ConditionWidth) for one label value given as text (as in the CSV).</summary>
    /// <exception cref="InvalidOperationException">The encoder has no label.</exception>
    /// <exception cref="TableFormatException">The value is not an observed level, or not a number/date for a numeric label.</exception>
    public float[] EncodeConditionValue(string labelValue)
    {
        ArgumentNullException.ThrowIfNull(labelValue);
        ColumnCodec label = _label ?? throw new InvalidOperationException("The encoder was fitted without a label column.");
        var cond = new float[label.Width];
        var rng = NoiseRng.ForColumn(0, -1);
        if (label is CategoricalCodec cat)
        {
            int k = cat.IndexOf(labelValue);
            if (k < 0)
            {
                throw new TableFormatException($"'{labelValue}' is not a level of the label seen in training; the levels are: {string.Join(", ", cat.Levels)}.", null, null, label.Name);
            }

            cat.EncodeCode(k, cond, ref rng, noise: false);
            return cond;
        }

        TableColumn one;
        if (label.Kind == ColumnKind.DateTime)
        {
            var dt = (DateTimeColumn)DecodeLabelTemplate();
            if (!DateTime.TryParseExact(labelValue.Trim(), dt.Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime d))
            {
                throw new TableFormatException($"'{labelValue}' does not parse with the label's format '{dt.Format}'.", null, null, label.Name);
            }

            one = new DateTimeColumn(label.Name, dt.Format, dt.Unit, [DateTimeColumn.FromDateTime(d, dt.Unit)]);
        }
        else
        {
            if (!double.TryParse(labelValue.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            {
                throw new TableFormatException($"'{labelValue}' is not a number, but the label is {label.Kind}.", null, null, label.Name);
            }

            one = new NumericColumn(label.Name, ColumnKind.Continuous, [v]);
            if (label.Kind == ColumnKind.Integer && v == Math.Floor(v))
            {
                one = new NumericColumn(label.Name, ColumnKind.Integer, [v]);
            }
            else if (label.Kind == ColumnKind.Integer)
            {
                throw new TableFormatException($"'{labelValue}' is not a whole number, but the label is Integer.", null, null, label.Name);
            }
        }

        label.Encode(one, cond, label.Width, 0, new double[1], ref rng, noise: false);
        return cond;
    }

    private TableColumn DecodeLabelTemplate() => _label!.Decode(new float[_label.Width], 1, _label.Width, 0);

    /// <summary>
    /// Decodes rows × Width floats (and, with a label, rows × ConditionWidth condition floats) into a table with the
    /// training columns, names, order, kinds and formats. Values are clamped to the bounds, snapped to the integer or
    /// decimal lattice, and categorical codes always map to observed levels; indicators above 0 give missing cells.
    /// </summary>
    /// <exception cref="ArgumentException">Buffer sizes do not match, or the label's condition is missing.</exception>
    public Table Decode(ReadOnlySpan<float> data, int rows, ReadOnlySpan<float> condition = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (data.Length != rows * Width)
        {
            throw new ArgumentException($"Expected {rows} x {Width} = {rows * Width} floats, got {data.Length}.", nameof(data));
        }

        if (_label is not null && condition.Length != rows * ConditionWidth)
        {
            throw new ArgumentException($"The encoder has label '{_label.Name}': expected {rows} x {ConditionWidth} condition floats, got {condition.Length}.", nameof(condition));
        }

        var decoded = new Dictionary<string, TableColumn>(StringComparer.Ordinal);
        for (int j = 0; j < _features.Length; j++)
        {
            decoded[_features[j].Name] = _features[j].Decode(data, rows, Width, _offsets[j]);
        }

        if (_label is not null)
        {
            decoded[_label.Name] = _label.Decode(condition, rows, ConditionWidth, 0);
        }

        return new Table(_schema.Select(s => decoded[s.Name]));
    }

    /// <summary>Bounds [min, max] the decoder clamps a numeric column to (units of the column; DateTime in units since 1970).</summary>
    /// <exception cref="KeyNotFoundException">No numeric column of that name.</exception>
    public ColumnBounds GetBounds(string column)
    {
        ColumnCodec? c = _features.FirstOrDefault(f => f.Name == column) ?? (_label?.Name == column ? _label : null);
        return c is NumericCodec n ? new ColumnBounds(n.Min, n.Max) : throw new KeyNotFoundException($"No numeric column '{column}'.");
    }

    /// <summary>The encoder's state as bytes (for a model file section).</summary>
    public byte[] Serialize()
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(FormatVersion);
            w.Write(_schema.Count);
            foreach (ColumnSchema s in _schema)
            {
                w.Write(s.Name);
                w.Write((int)s.Kind);
                w.Write(s.IsNullable);
            }

            w.Write(_features.Length);
            foreach (ColumnCodec c in _features)
            {
                c.Write(w);
            }

            w.Write(_label is not null);
            _label?.Write(w);
        }

        return ms.ToArray();
    }

    /// <summary>Restores an encoder written by <see cref="Serialize"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an encoder state of a known version.</exception>
    public static TabularEncoder Deserialize(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        try
        {
            using var r = new BinaryReader(new MemoryStream(payload), System.Text.Encoding.UTF8);
            int version = r.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"Encoder format version {version} is not supported (expected {FormatVersion}).");
            }

            var schema = new ColumnSchema[r.ReadInt32()];
            for (int i = 0; i < schema.Length; i++)
            {
                schema[i] = new ColumnSchema(r.ReadString(), (ColumnKind)r.ReadInt32(), r.ReadBoolean());
            }

            var features = new ColumnCodec[r.ReadInt32()];
            for (int i = 0; i < features.Length; i++)
            {
                features[i] = ColumnCodec.Read(r);
            }

            ColumnCodec? label = r.ReadBoolean() ? ColumnCodec.Read(r) : null;
            return new TabularEncoder(new TableSchema(schema), features, label);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The encoder state is truncated.", ex);
        }
    }

    private static TableColumn Find(Table table, string name)
    {
        int i = table.Schema.IndexOf(name);
        return i >= 0
            ? table[i]
            : throw new TableFormatException($"the column '{name}' the model was fitted with is absent; the input has: {string.Join(", ", table.Schema.Select(s => s.Name))}.", null, null, name);
    }
}
