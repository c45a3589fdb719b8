using System.Runtime.InteropServices;

namespace Microsoft.ML.LocalFlow.Tabular.Encoding;

/// <summary>
/// Continuous, Integer and DateTime columns. Value v (with lattice step h &gt; 0: v = x + (u − ½)·h·w, u ~ U(0, 1),
/// i.e. dequantisation inside the cell, with w = 1 − 2ε (ε = 0.01) kept away from the cell edges so float rounding never
/// changes the cell; w is calibrated at fit time: when float32 cannot hold the column's digits that close to an edge
/// (e.g. 7 significant digits under standardisation) w shrinks (½, ¼, …, 0) until every training value round-trips)
/// is mapped to y = T(v) (quantile or standardisation). Decode: v = T⁻¹(y), snapped to the lattice, clamped to [min, max].
/// A nullable column puts an indicator first: −1 present / +1 missing (+U(−½, ½) noise); a missing value's slot gets
/// y ~ N(0, 1) (with noise) or 0, and its log-likelihood term divides out that proposal.
/// </summary>
internal sealed class NumericCodec : ColumnCodec
{
    public const byte Tag = 1;
    private const double Eps = 0.01;

    /// <summary>A kernel map of a column without a lattice must decode every training value to within this share of the range.</summary>
    private const double MaxUnlatticedError = 1e-6;

    private readonly bool _nullable;
    private readonly double _h;
    private readonly double _min;
    private readonly double _max;
    private readonly ContinuousEncoding _encoding;
    private readonly double _mean;
    private readonly double _std;
    private readonly QuantileMap? _map;
    private readonly NumericTextFormat? _format;
    private readonly string? _dateFormat;
    private readonly DateTimeUnit _unit;
    private double _w = 1 - 2 * Eps;

    private NumericCodec(string name, ColumnKind kind, bool nullable, double h, double min, double max, ContinuousEncoding encoding,
        double mean, double std, QuantileMap? map, NumericTextFormat? format, string? dateFormat, DateTimeUnit unit)
        : base(name, kind)
    {
        _nullable = nullable;
        _h = h;
        _min = min;
        _max = max;
        _encoding = encoding;
        _mean = mean;
        _std = std;
        _map = map;
        _format = format;
        _dateFormat = dateFormat;
        _unit = unit;
    }

    public override int Width => _nullable ? 2 : 1;

    public bool Nullable => _nullable;

    public double Min => _min;

    public double Max => _max;

    public static NumericCodec Fit(TableColumn column, TabularEncoderOptions options, double quantileBandwidth)
    {
        ReadOnlySpan<double> values = Values(column);
        NumericTextFormat? format = (column as NumericColumn)?.Format;
        double h = column.Kind switch
        {
            ColumnKind.Integer or ColumnKind.DateTime => 1,
            _ => options.DequantizeDecimals && format is { UsesExponent: false } ? format.Resolution : 0,
        };

        var present = new List<double>(values.Length);
        foreach (double v in values)
        {
            if (!double.IsNaN(v))
            {
                present.Add(v);
            }
        }

        if (present.Count == 0)
        {
            throw new TableFormatException("the column has no values in the training data; remove it.", null, null, column.Name);
        }

        present.Sort();
        double min = present[0], max = present[^1];
        if (options.Bounds.TryGetValue(column.Name, out ColumnBounds b))
        {
            if (!(b.Min <= b.Max))
            {
                throw new ArgumentException($"Bounds for column '{column.Name}' are empty: [{b.Min}, {b.Max}].", nameof(options));
            }

            min = b.Min;
            max = b.Max;
        }

        var distinct = new List<double>();
        var counts = new List<int>();
        foreach (double v in present)
        {
            if (distinct.Count > 0 && distinct[^1] == v)
            {
                counts[^1]++;
            }
            else
            {
                distinct.Add(v);
                counts.Add(1);
            }
        }

        double mean = 0, m2 = 0;
        for (int i = 0; i < present.Count; i++)
        {
            double d = present[i] - mean;
            mean += d / (i + 1);
            m2 += d * (present[i] - mean);
        }

        double std = Math.Sqrt(m2 / present.Count + h * h / 12); // the dequantisation noise adds h²/12 of variance
        if (!(std > 0))
        {
            std = 1;
        }

        var dt = column as DateTimeColumn;
        NumericCodec Make(QuantileMap? map)
        {
            var codec = new NumericCodec(column.Name, column.Kind, column.IsNullable, h, min, max, options.Continuous, mean, std, map, format, dt?.Format, dt?.Unit ?? DateTimeUnit.Day);
            codec.CalibrateNoiseWidth(distinct);
            return codec;
        }

        if (options.Continuous != ContinuousEncoding.Quantile)
        {
            return Make(null);
        }

        if (quantileBandwidth > 0 && distinct.Count > 1)
        {
            // The kernel-smoothed CDF when it keeps every training value (docs/tabular.md "Smoothed quantile map"),
            // at least one lattice step wide, so a few-valued integer column is smoothed across its lattice.
            double bandwidth = Math.Max(quantileBandwidth * QuantileMap.SilvermanBandwidth(CollectionsMarshal.AsSpan(distinct), CollectionsMarshal.AsSpan(counts)), h);
            NumericCodec smoothed = Make(QuantileMap.FitSmoothed(CollectionsMarshal.AsSpan(distinct), CollectionsMarshal.AsSpan(counts), h, bandwidth, options.MaxQuantileKnots));
            if (h <= 0)
            {
                // No lattice (exponent formats, float columns from an IDataView): a format of 9 or 17 significant digits
                // round-trips through a float32 code under neither map, so ask only that the kernel map keeps every
                // training value to float32 precision of the column's range (the 1 % uniform share bounds its slope
                // below, so it does: |Δv| ≲ 1e-7 of the range).
                if (smoothed.MaxRoundTripError(distinct) <= MaxUnlatticedError * (max - min))
                {
                    return smoothed;
                }
            }
            else if (smoothed.RoundTrips && smoothed._w >= 0.5)
            {
                return smoothed;
            }
        }

        if (h <= 0)
        {
            return Make(QuantileMap.FitPoints(distinct.ToArray(), counts.ToArray(), options.MaxQuantileKnots));
        }

        // Prefer the gap-filling CDF (new in-range values can be generated); when float32 cannot then hold the
        // column's precision (sparse values far apart relative to the lattice step, e.g. timestamps in seconds over
        // years), fall back to the exact dequantised CDF, whose steep cells keep every value exact.
        NumericCodec filled = Make(QuantileMap.FitDequantized(distinct.ToArray(), counts.ToArray(), h, options.MaxQuantileKnots, fillGaps: true));
        if (filled.RoundTrips && filled._w >= 0.5)
        {
            return filled;
        }

        NumericCodec exact = Make(QuantileMap.FitDequantized(distinct.ToArray(), counts.ToArray(), h, options.MaxQuantileKnots, fillGaps: false));
        return exact.RoundTrips && (!filled.RoundTrips || exact._w > filled._w) ? exact : filled;
    }

    /// <summary>The share of the lattice cell the dequantisation noise spans (0 = no noise).</summary>
    public double NoiseWidth => _w;

    /// <summary>Whether every training value survives encode → float32 → decode at the calibrated noise width.</summary>
    private bool RoundTrips { get; set; } = true;

    private void CalibrateNoiseWidth(List<double> distinct)
    {
        if (_h <= 0)
        {
            _w = 0;
            return;
        }

        foreach (double w in new[] { 1 - 2 * Eps, 0.5, 0.25, 0.1, 0.0 })
        {
            _w = w;
            bool ok = true;
            foreach (double x in distinct)
            {
                double expected = Snap(x);
                foreach (double d in new[] { -0.5, 0.0, 0.5 })
                {
                    double v = x + d * _h * w;
                    double y = (float)(_map is not null ? _map.Forward(v, out _) : (v - _mean) / _std);
                    double back = _map is not null ? _map.Inverse(y) : y * _std + _mean;
                    if (Snap(back) != expected)
                    {
                        ok = false;
                        break;
                    }
                }

                if (!ok)
                {
                    break;
                }
            }

            if (ok)
            {
                return;
            }
        }

        RoundTrips = false;
    }

    /// <summary>The largest |decode(float32(encode(v))) − v| over the distinct training values (no noise, no snapping).</summary>
    private double MaxRoundTripError(List<double> distinct)
    {
        double worst = 0;
        foreach (double x in distinct)
        {
            worst = Math.Max(worst, Math.Abs(_map!.Inverse((float)_map.Forward(x, out _)) - x));
        }

        return worst;
    }

    private static ReadOnlySpan<double> Values(TableColumn column) => column switch
    {
        NumericColumn n => n.Values,
        DateTimeColumn d => d.Values,
        _ => throw new ArgumentException($"Column '{column.Name}' is {column.Kind}; a numeric encoder needs Continuous, Integer or DateTime."),
    };

    public override EncodedColumnLayout Layout(int offset) =>
        new(Name, Kind, _encoding == ContinuousEncoding.Quantile ? ColumnEncodingKind.Quantile : ColumnEncodingKind.Standardize, offset, Width, _nullable, []);

    public override void Encode(TableColumn column, Span<float> dest, int stride, int offset, Span<double> logJacobian, ref NoiseRng rng, bool noise)
    {
        bool kindOk = Kind == ColumnKind.DateTime ? column is DateTimeColumn : column is NumericColumn;
        if (!kindOk)
        {
            throw new TableFormatException($"the column is {column.Kind} but the model was fitted with {Kind}.", null, null, Name);
        }

        ReadOnlySpan<double> values = Values(column);
        int slot = offset + (_nullable ? 1 : 0);
        double dequantLog = _w > 0 ? Math.Log(_w) : 0;
        for (int i = 0; i < values.Length; i++)
        {
            double x = values[i];
            int row = i * stride;
            if (double.IsNaN(x))
            {
                if (!_nullable)
                {
                    throw CellError(i, "the cell is empty, but this column had no missing values in the training data.");
                }

                double u = noise ? rng.NextDouble() - 0.5 : 0;
                dest[row + offset] = (float)(1 + u);
                double y = noise ? rng.NextGaussian() : 0;
                dest[row + slot] = (float)y;
                logJacobian[i] += 0.5 * y * y + NormalMath.HalfLog2Pi; // − ln N(y; 0, 1), the proposal for the absent value
                continue;
            }

            if (_nullable)
            {
                double u = noise ? rng.NextDouble() - 0.5 : 0;
                dest[row + offset] = (float)(-1 + u);
            }

            double v = x;
            if (_w > 0 && noise)
            {
                v = x + (rng.NextDouble() - 0.5) * _h * _w;
            }

            double yv, logd;
            if (_map is not null)
            {
                yv = _map.Forward(v, out logd);
            }
            else
            {
                yv = (v - _mean) / _std;
                logd = -Math.Log(_std);
            }

            dest[row + slot] = (float)yv;
            logJacobian[i] += logd + dequantLog;
        }
    }

    public override TableColumn Decode(ReadOnlySpan<float> src, int rows, int stride, int offset)
    {
        var values = new double[rows];
        int slot = offset + (_nullable ? 1 : 0);
        double lo = _min, hi = _max;
        if (_h == 1)
        {
            lo = Math.Ceiling(lo);
            hi = Math.Floor(hi);
        }

        for (int i = 0; i < rows; i++)
        {
            int row = i * stride;
            if (_nullable && src[row + offset] > 0)
            {
                values[i] = double.NaN;
                continue;
            }

            double y = src[row + slot];
            if (double.IsNaN(y))
            {
                y = 0; // a diverged sample decodes to the median rather than poisoning the table
            }

            double v = _map is not null ? _map.Inverse(y) : y * _std + _mean;
            v = Snap(Math.Clamp(v, lo, hi));
            values[i] = Math.Clamp(v, lo, hi);
        }

        return Kind switch
        {
            ColumnKind.DateTime => new DateTimeColumn(Name, _dateFormat!, _unit, values),
            _ => new NumericColumn(Name, Kind, values, _format),
        };
    }

    private double Snap(double v)
    {
        if (_h == 1 || Kind != ColumnKind.Continuous)
        {
            return Math.Round(v, MidpointRounding.ToEven);
        }

        return _format is not null ? _format.Round(v) : v;
    }

    public override void Write(BinaryWriter w)
    {
        w.Write(Tag);
        w.Write(Name);
        w.Write((int)Kind);
        w.Write(_nullable);
        w.Write(_h);
        w.Write(_min);
        w.Write(_max);
        w.Write((int)_encoding);
        w.Write(_mean);
        w.Write(_std);
        w.Write(_map is not null);
        _map?.Write(w);
        w.Write(_format is not null);
        if (_format is not null)
        {
            w.Write(_format.Decimals);
            w.Write(_format.FixedDecimals);
            w.Write(_format.SignificantDigits);
        }

        w.Write(_dateFormat ?? string.Empty);
        w.Write((int)_unit);
        w.Write(_w);
    }

    public static NumericCodec ReadBody(BinaryReader r)
    {
        string name = r.ReadString();
        var kind = (ColumnKind)r.ReadInt32();
        bool nullable = r.ReadBoolean();
        double h = r.ReadDouble(), min = r.ReadDouble(), max = r.ReadDouble();
        var enc = (ContinuousEncoding)r.ReadInt32();
        double mean = r.ReadDouble(), std = r.ReadDouble();
        QuantileMap? map = r.ReadBoolean() ? QuantileMap.Read(r) : null;
        NumericTextFormat? format = r.ReadBoolean() ? new NumericTextFormat(r.ReadInt32(), r.ReadBoolean(), r.ReadInt32()) : null;
        string df = r.ReadString();
        var unit = (DateTimeUnit)r.ReadInt32();
        return new NumericCodec(name, kind, nullable, h, min, max, enc, mean, std, map, format, df.Length == 0 ? null : df, unit) { _w = r.ReadDouble() };
    }
}
