namespace Microsoft.ML.LocalFlow.Tabular.Encoding;

/// <summary>
/// A monotone piecewise-linear CDF F through knots (xₖ, pₖ) (x strictly increasing, p non-decreasing in [0, 1]) and the
/// Gaussianising map z = Φ⁻¹(s(F(v))) with s(p) = (n·p + ½)/(n + 1), which keeps z finite (|z| ≲ Φ⁻¹(1 − ½/(n+1))).
/// Inverse: v = F⁻¹(s⁻¹(Φ(z))), clamped to [x₀, x_last], so decoded values never leave the knots' range.
/// </summary>
internal sealed class QuantileMap
{
    /// <summary>Evenly spaced knots added to a smoothed map, so wide gaps between values are tabulated finely enough.</summary>
    public const int GridKnots = 512;

    /// <summary>Fewest cells of the fine grid on which a smoothed map's kernel CDF is computed.</summary>
    public const int FineGridMin = 256;

    /// <summary>Most cells of that grid (32,768: a 2.1e6-term convolution at the usual 257-point Φ table).</summary>
    public const int FineGridMax = 32_768;

    /// <summary>The uniform share ε of a smoothed map (see <see cref="FitSmoothed"/>).</summary>
    public const double UniformShare = 0.01;

    private readonly double[] _x;
    private readonly double[] _p;
    private readonly int _n;

    public QuantileMap(double[] x, double[] p, int n)
    {
        _x = x;
        _p = p;
        _n = n;
    }

    public ReadOnlySpan<double> X => _x;

    public ReadOnlySpan<double> P => _p;

    public int SampleSize => _n;

    /// <summary>
    /// The CDF of the dequantised sample with gaps filled: each distinct value v (count c) spreads c/n uniformly over its
    /// Voronoi cell (half-way to the neighbouring values; [v − h/2, v + h/2] when the neighbours are adjacent lattice points).
    /// Without <paramref name="fillGaps"/>: over [v − h/2, v + h/2] only (the exact CDF of the dequantised sample; gaps are flat).
    /// </summary>
    public static QuantileMap FitDequantized(ReadOnlySpan<double> sortedDistinct, ReadOnlySpan<int> counts, double h, int maxKnots, bool fillGaps)
    {
        int n = 0;
        foreach (int c in counts)
        {
            n += c;
        }

        var xs = new List<double>(2 * sortedDistinct.Length);
        var ps = new List<double>(2 * sortedDistinct.Length);
        long cum = 0;
        int m = sortedDistinct.Length;
        for (int j = 0; j < m; j++)
        {
            // The value's mass covers its Voronoi cell on the line (half-way to its neighbours; ±h/2 at the ends).
            // Neighbours on the lattice give exactly the lattice cell; across a gap the CDF keeps rising, so the
            // decoder can produce unobserved in-range values there instead of only ever replaying observed ones.
            double lo = j == 0 || !fillGaps ? sortedDistinct[j] - 0.5 * h : 0.5 * (sortedDistinct[j - 1] + sortedDistinct[j]);
            double hi = j == m - 1 || !fillGaps ? sortedDistinct[j] + 0.5 * h : 0.5 * (sortedDistinct[j] + sortedDistinct[j + 1]);
            Add(xs, ps, lo, cum / (double)n);
            cum += counts[j];
            Add(xs, ps, hi, cum / (double)n);
        }

        return Compress(xs, ps, n, maxKnots);
    }

    /// <summary>
    /// A kernel-smoothed CDF on [x₀ − h/2, x_last + h/2]: F(v) = (1 − ε)·(K(v) − K(lo))/(K(hi) − K(lo)) + ε·(v − lo)/(hi − lo)
    /// with K(v) = Σⱼ cⱼ·Φ((v − xⱼ)/b)/n, tabulated on knots at the Voronoi cell edges of the distinct values plus
    /// <see cref="GridKnots"/> evenly spaced ones (then thinned to <paramref name="maxKnots"/>), so the map stays
    /// piecewise linear with an exact inverse.
    /// </summary>
    /// <remarks>
    /// Why: the empirical CDF gives each value its mass c/n over its own cell, so anything generated in encoded space
    /// decodes with density ∝ 1/(cell width) and crowds the short gaps between close training values (docs/tabular.md
    /// "Smoothed quantile map"). The kernel CDF has density ≈ the kernel density estimate instead. The ε = 1 % uniform
    /// share keeps F strictly increasing across gaps wider than the kernel, where Φ's tails vanish in double precision.
    /// </remarks>
    public static QuantileMap FitSmoothed(ReadOnlySpan<double> sortedDistinct, ReadOnlySpan<int> counts, double h, double bandwidth, int maxKnots)
    {
        int m = sortedDistinct.Length;
        int n = 0;
        foreach (int c in counts)
        {
            n += c;
        }

        double lo = sortedDistinct[0] - 0.5 * h, hi = sortedDistinct[m - 1] + 0.5 * h;
        if (!(hi > lo) || !(bandwidth > 0))
        {
            return FitPoints(sortedDistinct, counts, maxKnots);
        }

        var knots = new List<double>(2 * m + GridKnots + 2);
        for (int j = 0; j < m; j++)
        {
            knots.Add(j == 0 ? lo : 0.5 * (sortedDistinct[j - 1] + sortedDistinct[j]));
            knots.Add(sortedDistinct[j]);
        }

        for (int i = 0; i <= GridKnots; i++)
        {
            knots.Add(lo + (hi - lo) * i / GridKnots);
        }

        knots.Add(hi);
        knots.Sort();
        var xs = new List<double>(knots.Count);
        foreach (double x in knots)
        {
            if (xs.Count == 0 || x > xs[^1] + 1e-12 * Math.Max(1, Math.Abs(x)))
            {
                xs.Add(x);
            }
        }

        xs[^1] = hi;
        if (xs.Count > maxKnots)
        {
            var thinned = new List<double>(maxKnots);
            for (int i = 0; i < maxKnots; i++)
            {
                thinned.Add(xs[(int)Math.Round(i * (xs.Count - 1) / (double)(maxKnots - 1))]);
            }

            xs = thinned;
        }

        // K on a fine uniform grid (spacing w ≤ b/16, at most FineGridMax cells): the values' counts are split linearly
        // between their two neighbouring grid points, then convolved with a table of Φ(d·w/b) over |d| ≤ 8b/w (beyond,
        // Φ is 0 or 1 to double precision). O(m + grid × window) instead of O(knots × m) Φ evaluations: 20,000 distinct
        // values took 11 s per column the direct way. Binning moves each value by < w, which shifts K by at most
        // (w/b)²·max|φ′|/8 ≈ 1.2e-4 of that value's mass; the map stays monotone, so its inverse stays exact.
        double range = hi - lo;
        int grid = (int)Math.Clamp(Math.Ceiling(16 * range / bandwidth), FineGridMin, FineGridMax);
        double w = range / grid;
        var mass = new double[grid + 1];
        for (int j = 0; j < m; j++)
        {
            double pos = (sortedDistinct[j] - lo) / w;
            int l = Math.Clamp((int)Math.Floor(pos), 0, grid - 1);
            double theta = Math.Clamp(pos - l, 0, 1);
            mass[l] += counts[j] * (1 - theta);
            mass[l + 1] += counts[j] * theta;
        }

        int r = (int)Math.Min(grid, Math.Ceiling(8 * bandwidth / w));
        var phi = new double[2 * r + 1];
        for (int d = -r; d <= r; d++)
        {
            phi[d + r] = NormalMath.Cdf(d * w / bandwidth);
        }

        var below = new double[grid + 2]; // below[i] = Σ_{l < i} mass[l]
        for (int i = 0; i <= grid; i++)
        {
            below[i + 1] = below[i] + mass[i];
        }

        var k = new double[grid + 1];
        for (int i = 0; i <= grid; i++)
        {
            int first = Math.Max(0, i - r), last = Math.Min(grid, i + r);
            double sum = below[first];
            for (int l = first; l <= last; l++)
            {
                sum += mass[l] * phi[i - l + r];
            }

            k[i] = sum / n;
        }

        double Kernel(double v)
        {
            double pos = (v - lo) / w;
            int i = Math.Clamp((int)Math.Floor(pos), 0, grid - 1);
            double theta = Math.Clamp(pos - i, 0, 1);
            return (1 - theta) * k[i] + theta * k[i + 1];
        }

        double k0 = Kernel(lo), k1 = Kernel(hi);
        var ps = new List<double>(xs.Count);
        foreach (double x in xs)
        {
            double smooth = (Kernel(x) - k0) / (k1 - k0);
            ps.Add(Math.Clamp((1 - UniformShare) * smooth + UniformShare * (x - lo) / (hi - lo), 0, 1));
        }

        ps[0] = 0;
        ps[^1] = 1;
        return new QuantileMap(xs.ToArray(), ps.ToArray(), n);
    }

    /// <summary>Silverman's rule of thumb, 0.9·min(σ, IQR/1.34)·n^(−1/5), from sorted values with counts (σ when the IQR is 0).</summary>
    public static double SilvermanBandwidth(ReadOnlySpan<double> sortedDistinct, ReadOnlySpan<int> counts)
    {
        long n = 0;
        double mean = 0, m2 = 0;
        for (int j = 0; j < sortedDistinct.Length; j++)
        {
            // Weighted Welford update: c copies of x at once.
            long c = counts[j];
            double x = sortedDistinct[j];
            long total = n + c;
            double d = x - mean;
            mean += d * c / total;
            m2 += d * (x - mean) * c;
            n = total;
        }

        double sd = Math.Sqrt(m2 / n);
        double iqr = Quantile(sortedDistinct, counts, n, 0.75) - Quantile(sortedDistinct, counts, n, 0.25);
        double spread = iqr > 0 ? Math.Min(sd, iqr / 1.34) : sd;
        return 0.9 * spread * Math.Pow(n, -0.2);
    }

    private static double Quantile(ReadOnlySpan<double> sortedDistinct, ReadOnlySpan<int> counts, long n, double q)
    {
        long target = (long)Math.Floor(q * (n - 1));
        long cum = 0;
        for (int j = 0; j < sortedDistinct.Length; j++)
        {
            cum += counts[j];
            if (cum > target)
            {
                return sortedDistinct[j];
            }
        }

        return sortedDistinct[^1];
    }

    /// <summary>Knots at the distinct values with their mid-rank probability (ties share one knot).</summary>
    public static QuantileMap FitPoints(ReadOnlySpan<double> sortedDistinct, ReadOnlySpan<int> counts, int maxKnots)
    {
        int n = 0;
        foreach (int c in counts)
        {
            n += c;
        }

        var xs = new List<double>(sortedDistinct.Length);
        var ps = new List<double>(sortedDistinct.Length);
        long cum = 0;
        for (int j = 0; j < sortedDistinct.Length; j++)
        {
            Add(xs, ps, sortedDistinct[j], (cum + 0.5 * counts[j]) / n);
            cum += counts[j];
        }

        return Compress(xs, ps, n, maxKnots);
    }

    private static void Add(List<double> xs, List<double> ps, double x, double p)
    {
        int k = xs.Count;
        if (k > 0 && x <= xs[k - 1] + 1e-12 * Math.Max(1, Math.Abs(x)))
        {
            // Touching cells (v + h/2 == next v − h/2 up to rounding): one knot, the later probability.
            ps[k - 1] = Math.Max(ps[k - 1], p);
            return;
        }

        xs.Add(x);
        ps.Add(p);
    }

    private static QuantileMap Compress(List<double> xs, List<double> ps, int n, int maxKnots)
    {
        if (xs.Count <= maxKnots)
        {
            return new QuantileMap(xs.ToArray(), ps.ToArray(), n);
        }

        // Keep knots at evenly spaced ranks (and both ends): still a monotone bijection, so the inverse stays exact.
        var x = new double[maxKnots];
        var p = new double[maxKnots];
        for (int i = 0; i < maxKnots; i++)
        {
            int k = (int)Math.Round(i * (xs.Count - 1) / (double)(maxKnots - 1));
            x[i] = xs[k];
            p[i] = ps[k];
        }

        return new QuantileMap(x, p, n);
    }

    /// <summary>F(v) and dF/dv (the edge segment's slope outside the range).</summary>
    public double ToP(double v, out double slope)
    {
        int m = _x.Length;
        if (m == 1)
        {
            slope = 1;
            return _p[0];
        }

        int k = Array.BinarySearch(_x, v);
        if (k < 0)
        {
            k = ~k; // first knot > v
        }
        else
        {
            k = Math.Min(k + 1, m - 1);
        }

        k = Math.Clamp(k, 1, m - 1);
        double x0 = _x[k - 1], x1 = _x[k], p0 = _p[k - 1], p1 = _p[k];
        slope = (p1 - p0) / (x1 - x0);
        if (v <= _x[0])
        {
            return _p[0];
        }

        if (v >= _x[m - 1])
        {
            return _p[m - 1];
        }

        return p0 + (v - x0) * slope;
    }

    /// <summary>F⁻¹(p), clamped to the knots' range.</summary>
    public double FromP(double p)
    {
        int m = _x.Length;
        if (m == 1 || !(p > _p[0]))
        {
            return _x[0];
        }

        if (p >= _p[m - 1])
        {
            return _x[m - 1];
        }

        int k = Array.BinarySearch(_p, p);
        if (k >= 0)
        {
            return _x[k];
        }

        k = ~k; // first knot with p_k > p, k in 1..m-1
        double p0 = _p[k - 1], p1 = _p[k];
        double t = (p - p0) / (p1 - p0);
        return _x[k - 1] + t * (_x[k] - _x[k - 1]);
    }

    /// <summary>z = Φ⁻¹(s(F(v))) and ln(dz/dv).</summary>
    public double Forward(double v, out double logDerivative)
    {
        double p = ToP(v, out double slope);
        double s = (_n * p + 0.5) / (_n + 1);
        double z = NormalMath.InvCdf(s);
        // A value in a gap between observed cells has zero density under the empirical CDF; floor the slope at
        // half an observation spread over the whole range so that scoring unseen (but in-range) values stays finite.
        double range = _x.Length > 1 ? _x[^1] - _x[0] : 1;
        slope = Math.Max(slope, 0.5 / (_n * range));
        logDerivative = Math.Log(slope * _n / (_n + 1)) - NormalMath.LogPdf(z);
        return z;
    }

    /// <summary>v = F⁻¹(s⁻¹(Φ(z))).</summary>
    public double Inverse(double z)
    {
        double s = NormalMath.Cdf(z);
        double p = Math.Clamp((s * (_n + 1) - 0.5) / _n, 0, 1);
        return FromP(p);
    }

    public void Write(BinaryWriter w)
    {
        w.Write(_n);
        w.Write(_x.Length);
        foreach (double x in _x)
        {
            w.Write(x);
        }

        foreach (double p in _p)
        {
            w.Write(p);
        }
    }

    public static QuantileMap Read(BinaryReader r)
    {
        int n = r.ReadInt32();
        int m = r.ReadInt32();
        var x = new double[m];
        var p = new double[m];
        for (int i = 0; i < m; i++)
        {
            x[i] = r.ReadDouble();
        }

        for (int i = 0; i < m; i++)
        {
            p[i] = r.ReadDouble();
        }

        return new QuantileMap(x, p, n);
    }
}
