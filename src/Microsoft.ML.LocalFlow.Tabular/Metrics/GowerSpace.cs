namespace Microsoft.ML.LocalFlow.Tabular.Metrics;

/// <summary>
/// Gower-like row distance: mean over columns of |a − b| / range (capped at 1) for numeric/datetime cells and 0/1
/// mismatch for categorical cells (by text); both missing 0, one missing 1. Ranges come from the training table.
/// Layout: rows are loaded into a row-major double matrix (NaN = missing numeric) and an int matrix of level ids (−1 = missing).
/// </summary>
internal sealed class GowerSpace
{
    private readonly string[] _names;
    private readonly bool[] _numeric;
    private readonly double[] _range;
    private readonly Dictionary<string, int>[] _levels;

    public GowerSpace(Table train)
    {
        int c = train.ColumnCount;
        _names = train.Columns.Select(x => x.Name).ToArray();
        _numeric = train.Columns.Select(x => x.Kind is ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.DateTime).ToArray();
        _range = new double[c];
        _levels = new Dictionary<string, int>[c];
        for (int j = 0; j < c; j++)
        {
            _levels[j] = new Dictionary<string, int>(StringComparer.Ordinal);
            if (_numeric[j])
            {
                double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
                foreach (double v in Values(train[j]))
                {
                    if (!double.IsNaN(v))
                    {
                        lo = Math.Min(lo, v);
                        hi = Math.Max(hi, v);
                    }
                }

                _range[j] = hi > lo ? hi - lo : 0;
            }
        }
    }

    private static ReadOnlySpan<double> Values(TableColumn c) => c switch
    {
        NumericColumn n => n.Values,
        DateTimeColumn d => d.Values,
        _ => throw new ArgumentException($"Column '{c.Name}' is not numeric."),
    };

    public Rows Load(Table t)
    {
        int c = _names.Length, n = t.RowCount;
        var num = new double[n * c];
        var cat = new int[n * c];
        for (int j = 0; j < c; j++)
        {
            TableColumn col = t[_names[j]];
            if (_numeric[j])
            {
                ReadOnlySpan<double> v = Values(col);
                for (int i = 0; i < n; i++)
                {
                    num[i * c + j] = v[i];
                }
            }
            else
            {
                for (int i = 0; i < n; i++)
                {
                    string? s = col.FormatCell(i);
                    if (s is null)
                    {
                        cat[i * c + j] = -1;
                    }
                    else
                    {
                        if (!_levels[j].TryGetValue(s, out int id))
                        {
                            id = _levels[j].Count;
                            _levels[j][s] = id;
                        }

                        cat[i * c + j] = id;
                    }
                }
            }
        }

        return new Rows(num, cat, n);
    }

    /// <summary>Smallest distance from row i of a to any row of b except row <paramref name="skip"/>.</summary>
    public double MinDistance(Rows a, int i, Rows b, int skip)
    {
        int c = _names.Length;
        double best = double.PositiveInfinity;
        double limit = best;
        for (int r = 0; r < b.Count; r++)
        {
            if (r == skip)
            {
                continue;
            }

            double d = 0;
            for (int j = 0; j < c && d < limit; j++)
            {
                if (_numeric[j])
                {
                    double x = a.Num[i * c + j], y = b.Num[r * c + j];
                    bool mx = double.IsNaN(x), my = double.IsNaN(y);
                    d += mx && my ? 0 : mx || my ? 1 : _range[j] > 0 ? Math.Min(1, Math.Abs(x - y) / _range[j]) : (x == y ? 0 : 1);
                }
                else
                {
                    d += a.Cat[i * c + j] == b.Cat[r * c + j] ? 0 : 1;
                }
            }

            if (d < best)
            {
                best = d;
                limit = d;
            }
        }

        return best / c;
    }

    public sealed record Rows(double[] Num, int[] Cat, int Count);
}
