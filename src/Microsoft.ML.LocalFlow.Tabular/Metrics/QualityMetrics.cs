using Microsoft.ML.LocalFlow.Tabular.Encoding;

namespace Microsoft.ML.LocalFlow.Tabular.Metrics;

/// <summary>
/// Metrics of synthetic tables as SDMetrics defines them (shape, pair trends, quality score), plus a k-NN two-sample
/// detection test, DCR and missing rates. Columns are matched by name; both tables must have the same kinds.
/// </summary>
public static class QualityMetrics
{
    /// <summary>Computes every metric.</summary>
    /// <param name="real">The real (training) table.</param>
    /// <param name="synthetic">The synthetic table (same column names and kinds).</param>
    /// <param name="options">Subsampling, bins, neighbours; null = defaults.</param>
    /// <param name="holdout">Held-out real rows not used for training; DCR is computed only when given.</param>
    /// <exception cref="ArgumentException">A column is absent from the synthetic table or has another kind.</exception>
    public static QualityReport Evaluate(Table real, Table synthetic, QualityOptions? options = null, Table? holdout = null)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        options ??= new QualityOptions();
        TableColumn[] r = real.Columns.ToArray();
        TableColumn[] s = r.Select(c => Match(c, synthetic, nameof(synthetic))).ToArray();

        var shapes = new List<ColumnShapeScore>();
        for (int j = 0; j < r.Length; j++)
        {
            shapes.Add(IsNumeric(r[j])
                ? new ColumnShapeScore(r[j].Name, ShapeMetric.KSComplement, KsComplement(NumericValues(r[j]), NumericValues(s[j])))
                : new ColumnShapeScore(r[j].Name, ShapeMetric.TVComplement, TvComplement(r[j], s[j])));
        }

        var pairs = new List<ColumnPairTrendScore>();
        for (int a = 0; a < r.Length; a++)
        {
            for (int b = a + 1; b < r.Length; b++)
            {
                ColumnPairTrendScore? p = PairTrend(r[a], r[b], s[a], s[b], options.ContingencyBins);
                if (p is not null)
                {
                    pairs.Add(p);
                }
            }
        }

        double shapeMean = shapes.Select(x => x.Score).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
        double? pairMean = pairs.Count == 0 ? null : pairs.Average(p => p.Score);
        double? pairThr = pairs.Any(p => p.MeetsThreshold) ? pairs.Where(p => p.MeetsThreshold).Average(p => p.Score) : null;
        double quality = pairMean is null ? shapeMean : (shapeMean + pairMean.Value) / 2;

        double? acc = null;
        if (options.Detection)
        {
            acc = DetectionAccuracy(real, synthetic, options.DetectionNeighbors, options.DetectionMaxRows, options.Seed);
        }

        return new QualityReport
        {
            ColumnShapes = shapeMean,
            ColumnPairTrends = pairMean,
            ColumnPairTrendsMeetingThreshold = pairThr,
            QualityScore = quality,
            DetectionAccuracy = acc,
            DetectionScore = acc is null ? null : 1 - Math.Max(0, 2 * acc.Value - 1),
            Dcr = holdout is null ? null : Dcr(real, holdout, synthetic, options.DcrMaxRows, options.DcrMaxReferenceRows, options.Seed),
            Shapes = shapes,
            PairTrends = pairs,
            MissingRates = r.Select((c, j) => new MissingRateDifference(c.Name, c.MissingCount / (double)Math.Max(1, c.RowCount), s[j].MissingCount / (double)Math.Max(1, s[j].RowCount))).ToArray(),
            RealRows = real.RowCount,
            SyntheticRows = synthetic.RowCount,
        };
    }

    private static TableColumn Match(TableColumn c, Table other, string argument)
    {
        int i = other.Schema.IndexOf(c.Name);
        if (i < 0)
        {
            throw new ArgumentException($"Column '{c.Name}' is absent from the {argument} table.", argument);
        }

        TableColumn o = other[i];
        bool same = IsNumeric(c) == IsNumeric(o) && (c.Kind == ColumnKind.DateTime) == (o.Kind == ColumnKind.DateTime);
        if (!same)
        {
            throw new ArgumentException($"Column '{c.Name}' is {c.Kind} in the real table but {o.Kind} in the {argument} table; read both with the same kinds.", argument);
        }

        return o;
    }

    private static bool IsNumeric(TableColumn c) => c.Kind is ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.DateTime;

    private static double[] NumericValues(TableColumn c) => c switch
    {
        NumericColumn n => n.Values.ToArray(),
        DateTimeColumn d => d.Values.ToArray(),
        _ => throw new ArgumentException($"Column '{c.Name}' is not numeric."),
    };

    private static string?[] Texts(TableColumn c)
    {
        var t = new string?[c.RowCount];
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = c.FormatCell(i);
        }

        return t;
    }

    /// <summary>1 − D, D = sup |F_real − F_syn| over the non-missing values (NaN skipped); NaN when a side has no values.</summary>
    public static double KsComplement(ReadOnlySpan<double> real, ReadOnlySpan<double> synthetic)
    {
        double[] a = Sorted(real), b = Sorted(synthetic);
        if (a.Length == 0 || b.Length == 0)
        {
            return double.NaN;
        }

        int i = 0, j = 0;
        double d = 0;
        while (i < a.Length && j < b.Length)
        {
            double x = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] == x)
            {
                i++;
            }

            while (j < b.Length && b[j] == x)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs(i / (double)a.Length - j / (double)b.Length));
        }

        return 1 - d;
    }

    private static double[] Sorted(ReadOnlySpan<double> v)
    {
        var list = new List<double>(v.Length);
        foreach (double x in v)
        {
            if (!double.IsNaN(x))
            {
                list.Add(x);
            }
        }

        double[] a = list.ToArray();
        Array.Sort(a);
        return a;
    }

    /// <summary>1 − ½ Σ_c |p_real(c) − p_syn(c)| over the cells' texts, missing as its own category.</summary>
    public static double TvComplement(TableColumn real, TableColumn synthetic)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        var p = Frequencies(Texts(real));
        var q = Frequencies(Texts(synthetic));
        double tv = 0;
        foreach (string k in p.Keys.Union(q.Keys))
        {
            tv += Math.Abs(p.GetValueOrDefault(k) - q.GetValueOrDefault(k));
        }

        return 1 - 0.5 * tv;
    }

    private static Dictionary<string, double> Frequencies(IReadOnlyList<string?> cells)
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string? c in cells)
        {
            string k = c ?? "\0missing";
            d[k] = d.GetValueOrDefault(k) + 1.0 / cells.Count;
        }

        return d;
    }

    /// <summary>1 − |ρ_real − ρ_syn| / 2 with Pearson ρ over rows where both values are present; NaN when a ρ is undefined.</summary>
    public static double CorrelationSimilarity(ReadOnlySpan<double> realA, ReadOnlySpan<double> realB, ReadOnlySpan<double> synA, ReadOnlySpan<double> synB)
    {
        double rr = Pearson(realA, realB), rs = Pearson(synA, synB);
        return double.IsNaN(rr) || double.IsNaN(rs) ? double.NaN : 1 - Math.Abs(rr - rs) / 2;
    }

    /// <summary>Pearson correlation over rows where both values are present; NaN when a variance is 0 or fewer than 2 rows.</summary>
    public static double Pearson(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Lengths differ: {a.Length} vs {b.Length}.", nameof(b));
        }

        double ma = 0, mb = 0;
        int n = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (!double.IsNaN(a[i]) && !double.IsNaN(b[i]))
            {
                ma += a[i];
                mb += b[i];
                n++;
            }
        }

        if (n < 2)
        {
            return double.NaN;
        }

        ma /= n;
        mb /= n;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (!double.IsNaN(a[i]) && !double.IsNaN(b[i]))
            {
                double da = a[i] - ma, db = b[i] - mb;
                sab += da * db;
                saa += da * da;
                sbb += db * db;
            }
        }

        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : double.NaN;
    }

    /// <summary>
    /// 1 − ½ Σ_{a,b} |P_real(a, b) − P_syn(a, b)|. Numeric columns are cut into <paramref name="bins"/> equal-width bins
    /// between the real minimum and maximum (synthetic values outside fall in the end bins); missing is its own category.
    /// </summary>
    public static double ContingencySimilarity(TableColumn realA, TableColumn realB, TableColumn synA, TableColumn synB, int bins = 10)
    {
        string?[] ra = Discretize(realA, realA, bins), rb = Discretize(realB, realB, bins);
        string?[] sa = Discretize(synA, realA, bins), sb = Discretize(synB, realB, bins);
        var p = Frequencies(Joint(ra, rb));
        var q = Frequencies(Joint(sa, sb));
        double tv = 0;
        foreach (string k in p.Keys.Union(q.Keys))
        {
            tv += Math.Abs(p.GetValueOrDefault(k) - q.GetValueOrDefault(k));
        }

        return 1 - 0.5 * tv;
    }

    private static string?[] Joint(string?[] a, string?[] b)
    {
        var j = new string?[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            j[i] = (a[i] ?? "\0m") + "\u0001" + (b[i] ?? "\0m");
        }

        return j;
    }

    private static string?[] Discretize(TableColumn c, TableColumn reference, int bins)
    {
        if (!IsNumeric(c))
        {
            return Texts(c);
        }

        double[] v = NumericValues(c);
        double[] refv = NumericValues(reference).Where(x => !double.IsNaN(x)).ToArray();
        double lo = refv.Length == 0 ? 0 : refv.Min(), hi = refv.Length == 0 ? 0 : refv.Max();
        var result = new string?[v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            if (double.IsNaN(v[i]))
            {
                continue;
            }

            int b = hi > lo ? (int)Math.Floor((v[i] - lo) / (hi - lo) * bins) : 0;
            result[i] = "b" + Math.Clamp(b, 0, bins - 1);
        }

        return result;
    }

    private static ColumnPairTrendScore? PairTrend(TableColumn ra, TableColumn rb, TableColumn sa, TableColumn sb, int bins)
    {
        if (IsNumeric(ra) && IsNumeric(rb))
        {
            double[] a = NumericValues(ra), b = NumericValues(rb);
            double rho = Pearson(a, b);
            double score = CorrelationSimilarity(a, b, NumericValues(sa), NumericValues(sb));
            return double.IsNaN(score) ? null : new ColumnPairTrendScore(ra.Name, rb.Name, PairMetric.CorrelationSimilarity, score, Math.Abs(rho), Math.Abs(rho) > 0.5);
        }

        double v = CramersV(Discretize(ra, ra, bins), Discretize(rb, rb, bins));
        return new ColumnPairTrendScore(ra.Name, rb.Name, PairMetric.ContingencySimilarity, ContingencySimilarity(ra, rb, sa, sb, bins), v, v > 0.3);
    }

    /// <summary>Cramér's V = sqrt(χ² / (n·(min(r, c) − 1))) of two categorical sequences (missing as a category).</summary>
    public static double CramersV(IReadOnlyList<string?> a, IReadOnlyList<string?> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var ia = new Dictionary<string, int>(StringComparer.Ordinal);
        var ib = new Dictionary<string, int>(StringComparer.Ordinal);
        int n = a.Count;
        var ca = new int[n];
        var cb = new int[n];
        for (int i = 0; i < n; i++)
        {
            string ka = a[i] ?? "\0m", kb = b[i] ?? "\0m";
            if (!ia.TryGetValue(ka, out ca[i]))
            {
                ca[i] = ia[ka] = ia.Count;
            }

            if (!ib.TryGetValue(kb, out cb[i]))
            {
                cb[i] = ib[kb] = ib.Count;
            }
        }

        int r = ia.Count, c = ib.Count;
        if (r < 2 || c < 2)
        {
            return 0;
        }

        var obs = new double[r, c];
        var rs = new double[r];
        var cs = new double[c];
        for (int i = 0; i < n; i++)
        {
            obs[ca[i], cb[i]]++;
            rs[ca[i]]++;
            cs[cb[i]]++;
        }

        double chi2 = 0;
        for (int x = 0; x < r; x++)
        {
            for (int y = 0; y < c; y++)
            {
                double e = rs[x] * cs[y] / n;
                chi2 += (obs[x, y] - e) * (obs[x, y] - e) / e;
            }
        }

        return Math.Sqrt(chi2 / (n * (Math.Min(r, c) - 1)));
    }

    /// <summary>
    /// Leave-one-out k-NN accuracy of telling real from synthetic rows. Both tables are subsampled to the same size
    /// m = min(maxRows, rows of each), encoded without noise by a <see cref="TabularEncoder"/> fitted on both together
    /// (standardised numerics, which keep the geometry, unlike the quantile map that closes gaps; one-hot categoricals), and each row is classified by the majority of its k nearest
    /// (Euclidean) other rows. 0.5 = indistinguishable.
    /// </summary>
    public static double DetectionAccuracy(Table real, Table synthetic, int neighbors = 5, int maxRows = 1000, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbors, 1);
        int m = Math.Min(maxRows, Math.Min(real.RowCount, synthetic.RowCount));
        if (m < 2)
        {
            return double.NaN;
        }

        var rng = new Random(seed);
        Table a = Subsample(real, m, rng);
        Table b = Subsample(Align(real, synthetic), m, rng);
        Table both = Table.Concat([a, b]);
        var enc = TabularEncoder.Fit(both, new TabularEncoderOptions { OneHotMaxLevels = 64, Continuous = ContinuousEncoding.Standardize });
        EncodedTable e = enc.Encode(both, seed, addNoise: false);
        int n = 2 * m, w = e.Width;
        float[] x = e.Data;
        int correct = 0;
        var bestD = new double[neighbors];
        var bestL = new int[neighbors];
        for (int i = 0; i < n; i++)
        {
            Array.Fill(bestD, double.PositiveInfinity);
            for (int j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                double d = 0;
                for (int k = 0; k < w; k++)
                {
                    double t = x[i * w + k] - x[j * w + k];
                    d += t * t;
                }

                if (d < bestD[neighbors - 1])
                {
                    int p = neighbors - 1;
                    while (p > 0 && bestD[p - 1] > d)
                    {
                        bestD[p] = bestD[p - 1];
                        bestL[p] = bestL[p - 1];
                        p--;
                    }

                    bestD[p] = d;
                    bestL[p] = j < m ? 0 : 1;
                }
            }

            int votes = 0, used = 0;
            for (int p = 0; p < neighbors; p++)
            {
                if (double.IsFinite(bestD[p]))
                {
                    votes += bestL[p];
                    used++;
                }
            }

            int predicted = 2 * votes > used ? 1 : 2 * votes < used ? 0 : (i % 2); // ties split evenly
            if (predicted == (i < m ? 0 : 1))
            {
                correct++;
            }
        }

        return correct / (double)n;
    }

    /// <summary>Synthetic columns in the real table's order (so the tables stack).</summary>
    private static Table Align(Table real, Table synthetic) => new(real.Columns.Select(c => Match(c, synthetic, nameof(synthetic))));

    private static Table Subsample(Table t, int m, Random rng)
    {
        if (m >= t.RowCount)
        {
            return t;
        }

        int[] idx = Enumerable.Range(0, t.RowCount).ToArray();
        rng.Shuffle(idx);
        return t.SelectRows(idx.AsSpan(0, m));
    }

    /// <summary>Distance to closest record of synthetic rows and of held-out rows, against the training rows (see <see cref="DcrSummary"/>).</summary>
    public static DcrSummary Dcr(Table train, Table holdout, Table synthetic, int maxRows = 1000, int maxReferenceRows = 5000, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(holdout);
        ArgumentNullException.ThrowIfNull(synthetic);
        var rng = new Random(seed);
        Table tr = Subsample(train, maxReferenceRows, rng);
        Table ho = Subsample(new Table(train.Columns.Select(c => Match(c, holdout, nameof(holdout)))), Math.Min(maxReferenceRows, tr.RowCount), rng);
        Table sy = Subsample(Align(train, synthetic), maxRows, rng);
        var gower = new GowerSpace(train);
        GowerSpace.Rows trRows = gower.Load(tr), hoRows = gower.Load(ho), syRows = gower.Load(sy);
        var synToTrain = new double[sy.RowCount];
        double share = 0;
        for (int i = 0; i < sy.RowCount; i++)
        {
            double dt = gower.MinDistance(syRows, i, trRows, -1);
            double dh = gower.MinDistance(syRows, i, hoRows, -1);
            synToTrain[i] = dt;
            share += dt < dh ? 1 : dt == dh ? 0.5 : 0;
        }

        var hoToTrain = new double[ho.RowCount];
        for (int i = 0; i < ho.RowCount; i++)
        {
            hoToTrain[i] = gower.MinDistance(hoRows, i, trRows, -1);
        }

        return new DcrSummary(
            Quantile(synToTrain, 0.5), Quantile(synToTrain, 0.05), Quantile(hoToTrain, 0.5), Quantile(hoToTrain, 0.05),
            share / Math.Max(1, sy.RowCount), tr.RowCount / (double)(tr.RowCount + ho.RowCount), sy.RowCount, tr.RowCount, ho.RowCount);
    }

    /// <summary>Linear-interpolated quantile (numpy's default) of the values.</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        double[] s = values.OrderBy(v => v).ToArray();
        double pos = q * (s.Length - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, s.Length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
