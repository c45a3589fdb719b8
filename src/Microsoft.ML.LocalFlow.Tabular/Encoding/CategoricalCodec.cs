namespace Microsoft.ML.LocalFlow.Tabular.Encoding;

/// <summary>
/// Categorical and Boolean columns over the observed levels (plus a "missing" level when the column has missing cells).
/// K' ≤ OneHotMaxLevels: one-hot as ±1, decoded by arg-max. Larger K': analog bits, B = ⌈log₂ K'⌉ coordinates holding
/// the level index in binary as ±1, decoded by sign from the most significant bit, switching a bit to 0 whenever the
/// prefix would exceed K' − 1, so every decoded code is an observed level. With noise each coordinate gets U(−½, ½),
/// so level k owns a unit-volume box and the flow's density integrates to P(k) over it (no likelihood correction).
/// </summary>
internal sealed class CategoricalCodec : ColumnCodec
{
    public const byte Tag = 2;

    private readonly string[] _levels;
    private readonly bool _nullable;
    private readonly bool _oneHot;
    private readonly int _width;
    private readonly Dictionary<string, int> _index;

    private CategoricalCodec(string name, ColumnKind kind, string[] levels, bool nullable, bool oneHot)
        : base(name, kind)
    {
        _levels = levels;
        _nullable = nullable;
        _oneHot = oneHot;
        int k = TotalLevels;
        _width = oneHot ? k : Math.Max(1, (int)Math.Ceiling(Math.Log2(k)));
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < levels.Length; i++)
        {
            _index[levels[i]] = i;
        }
    }

    public IReadOnlyList<string> Levels => _levels;

    public bool Nullable => _nullable;

    /// <summary>Observed levels plus the missing level.</summary>
    public int TotalLevels => _levels.Length + (_nullable ? 1 : 0);

    public override int Width => _width;

    public static CategoricalCodec Fit(TableColumn column, int oneHotMaxLevels, bool forceOneHot = false)
    {
        if (column is not CategoricalColumn c)
        {
            throw new ArgumentException($"Column '{column.Name}' is {column.Kind}; a categorical encoder needs Categorical or Boolean.");
        }

        var used = new bool[c.Levels.Count];
        foreach (int code in c.Codes)
        {
            if (code >= 0)
            {
                used[code] = true;
            }
        }

        string[] levels = c.Levels.Where((_, k) => used[k]).ToArray();
        if (levels.Length == 0)
        {
            throw new TableFormatException("the column has no values in the training data; remove it.", null, null, c.Name);
        }

        int total = levels.Length + (c.IsNullable ? 1 : 0);
        return new CategoricalCodec(c.Name, c.Kind, levels, c.IsNullable, forceOneHot || total <= oneHotMaxLevels);
    }

    public override EncodedColumnLayout Layout(int offset) =>
        new(Name, Kind, _oneHot ? ColumnEncodingKind.OneHot : ColumnEncodingKind.AnalogBits, offset, Width, false, _levels);

    /// <summary>Index of a level's text, or −1.</summary>
    public int IndexOf(string level) => _index.TryGetValue(level, out int k) ? k : -1;

    /// <summary>Maps the column's codes to this codec's level indices (missing → the missing level); errors name the row.</summary>
    public int[] MapCodes(TableColumn column)
    {
        if (column is not CategoricalColumn c)
        {
            throw new TableFormatException($"the column is {column.Kind} but the model was fitted with {Kind}.", null, null, Name);
        }

        var map = new int[c.Levels.Count];
        for (int k = 0; k < map.Length; k++)
        {
            map[k] = IndexOf(c.Levels[k]);
        }

        var result = new int[c.RowCount];
        for (int i = 0; i < result.Length; i++)
        {
            int code = c[i];
            if (code < 0)
            {
                if (!_nullable)
                {
                    throw CellError(i, "the cell is empty, but this column had no missing values in the training data.");
                }

                result[i] = _levels.Length;
                continue;
            }

            int k = map[code];
            if (k < 0)
            {
                throw CellError(i, $"'{c.Levels[code]}' is not a level seen in training; the levels are: {string.Join(", ", _levels)}.");
            }

            result[i] = k;
        }

        return result;
    }

    public override void Encode(TableColumn column, Span<float> dest, int stride, int offset, Span<double> logJacobian, ref NoiseRng rng, bool noise)
    {
        int[] codes = MapCodes(column);
        for (int i = 0; i < codes.Length; i++)
        {
            EncodeCode(codes[i], dest.Slice(i * stride + offset, _width), ref rng, noise);
        }
    }

    /// <summary>Writes level index k (the missing level is <see cref="Levels"/>.Count) into Width coordinates.</summary>
    public void EncodeCode(int k, Span<float> dest, ref NoiseRng rng, bool noise)
    {
        for (int j = 0; j < _width; j++)
        {
            bool on = _oneHot ? j == k : ((k >> (_width - 1 - j)) & 1) == 1;
            double u = noise ? rng.NextDouble() - 0.5 : 0;
            dest[j] = (float)((on ? 1.0 : -1.0) + u);
        }
    }

    /// <summary>The level index (missing level included) held by Width coordinates.</summary>
    public int DecodeCode(ReadOnlySpan<float> src)
    {
        int total = TotalLevels;
        if (_oneHot)
        {
            int best = 0;
            float bestV = float.NegativeInfinity;
            for (int j = 0; j < total; j++)
            {
                if (src[j] > bestV)
                {
                    bestV = src[j];
                    best = j;
                }
            }

            return best;
        }

        int code = 0;
        for (int j = 0; j < _width; j++)
        {
            int bit = 1 << (_width - 1 - j);
            if (src[j] > 0 && (code | bit) <= total - 1)
            {
                code |= bit;
            }
        }

        return code;
    }

    public override TableColumn Decode(ReadOnlySpan<float> src, int rows, int stride, int offset)
    {
        var codes = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            int k = DecodeCode(src.Slice(i * stride + offset, _width));
            codes[i] = k >= _levels.Length ? -1 : k;
        }

        return new CategoricalColumn(Name, Kind, _levels, codes);
    }

    public override void Write(BinaryWriter w)
    {
        w.Write(Tag);
        w.Write(Name);
        w.Write((int)Kind);
        w.Write(_nullable);
        w.Write(_oneHot);
        w.Write(_levels.Length);
        foreach (string l in _levels)
        {
            w.Write(l);
        }
    }

    public static CategoricalCodec ReadBody(BinaryReader r)
    {
        string name = r.ReadString();
        var kind = (ColumnKind)r.ReadInt32();
        bool nullable = r.ReadBoolean();
        bool oneHot = r.ReadBoolean();
        var levels = new string[r.ReadInt32()];
        for (int i = 0; i < levels.Length; i++)
        {
            levels[i] = r.ReadString();
        }

        return new CategoricalCodec(name, kind, levels, nullable, oneHot);
    }
}
