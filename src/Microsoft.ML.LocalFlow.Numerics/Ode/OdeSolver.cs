using System.Numerics.Tensors;

namespace Microsoft.ML.LocalFlow.Numerics.Ode;

/// <summary>
/// Integrates dx/dt = f(t, x) for a batch of rows from t0 to t1 (either direction) with Euler, Heun, RK4 or
/// adaptive Dormand–Prince 5(4), optionally together with the log-determinant ∫ tr(∂f/∂x) dt.
/// </summary>
/// <remarks>
/// <para>Assumptions: states are row-major rows × d, contiguous, float32; time and the log-determinant are
/// accumulated in double. Rows are independent ODEs that share one time grid.</para>
/// <para>Memory stays bounded for any row count: rows are processed in chunks of at most <see cref="MaxRows"/>,
/// and every workspace (stage derivatives, temporaries) is allocated once in the constructor and reused, so
/// integrating allocates nothing. One instance is single-threaded; parallel callers give each thread its own
/// solver and its own field instance.</para>
/// <para>Dopri5 error norm: the scaled error of component i is err_i/(atol + rtol·max(|x_i|, |x_new,i|)); the chunk steps
/// together (one batched evaluation per stage) and accepts a step when the chosen <see cref="Dopri5ErrorNorm"/> is ≤ 1:
/// by default the RMS over the whole chunk, as torchdiffeq (the official code) does for a batch, or optionally the
/// maximum of per-row RMS norms so that every row meets its tolerance. The whole-chunk RMS is the default because the
/// MLP fields here are ReLU networks, piecewise linear in x and t: at a kink a row's local error is O(h²), and the
/// per-row maximum then forces tiny steps on the whole chunk (measured ≈ 30× the evaluations at 1e-5). Because the chunk
/// shares a step size, results depend on chunk composition: callers that need reproducibility use fixed
/// chunk boundaries (the Flow layer does).</para>
/// </remarks>
public sealed class OdeSolver
{
    // Dormand–Prince 5(4) tableau (Dormand & Prince 1980).
    private const double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
    private static readonly double[] A2 = [1.0 / 5];
    private static readonly double[] A3 = [3.0 / 40, 9.0 / 40];
    private static readonly double[] A4 = [44.0 / 45, -56.0 / 15, 32.0 / 9];
    private static readonly double[] A5 = [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729];
    private static readonly double[] A6 = [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656];
    private static readonly double[] B5 = [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84];

    // E = B5 − B4 (7 stages; the 7th is f at the new point, reused as the next step's first stage).
    private static readonly double[] E = [71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40];
    private static readonly double[] Rk4Final = [1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6];
    private static readonly double[] HeunFinal = [0.5, 0.5];

    private readonly float[][] _k;        // stage derivatives, 7 × (MaxRows·d)
    private readonly float[][] _kDiv;     // stage divergences, 7 × MaxRows
    private readonly float[] _tmp;        // stage input, MaxRows·d
    private readonly float[] _xNew;       // Dopri5 candidate, MaxRows·d
    private readonly double[] _aux;       // log-determinant accumulated over this call, MaxRows
    private readonly double[] _auxNew;    // Dopri5 candidate log-determinant, MaxRows

    /// <summary>Creates a solver with workspaces for chunks of up to <paramref name="maxRows"/> rows of dimension <paramref name="dimension"/>.</summary>
    /// <param name="dimension">State dimension d, at least 1.</param>
    /// <param name="maxRows">Rows per chunk, at least 1; memory is about 10·maxRows·d floats.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is below 1 or the workspace would exceed 2³¹ elements.</exception>
    public OdeSolver(int dimension, int maxRows)
    {
        if (dimension < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "The dimension must be at least 1.");
        }

        if (maxRows < 1 || (long)maxRows * dimension > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRows), maxRows, "Rows per chunk must be at least 1 and rows × dimension must fit in an array.");
        }

        Dimension = dimension;
        MaxRows = maxRows;
        int n = dimension * maxRows;
        _k = new float[7][];
        _kDiv = new float[7][];
        for (int i = 0; i < 7; i++)
        {
            _k[i] = new float[n];
            _kDiv[i] = new float[maxRows];
        }

        _tmp = new float[n];
        _xNew = new float[n];
        _aux = new double[maxRows];
        _auxNew = new double[maxRows];
    }

    /// <summary>State dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Rows integrated together (one batched field evaluation per stage).</summary>
    public int MaxRows { get; }

    /// <summary>Integrates dx/dt = f(t, x) from <paramref name="t0"/> to <paramref name="t1"/> in place.</summary>
    /// <param name="field">The vector field; its dimension must equal <see cref="Dimension"/>.</param>
    /// <param name="t0">Start time.</param>
    /// <param name="t1">End time; may be below <paramref name="t0"/> (reverse integration).</param>
    /// <param name="x">States rows × d at t0; overwritten with the states at t1.</param>
    /// <param name="rows">Number of rows, at least 0.</param>
    /// <param name="options">Scheme and steps/tolerances.</param>
    /// <returns>NFE and step counts.</returns>
    /// <exception cref="ArgumentException">Shapes do not match.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InvalidOperationException">Dopri5 exceeded <see cref="OdeSolverOptions.MaxSteps"/> or its step size underflowed (e.g. NaN states).</exception>
    public OdeStatistics Integrate(IVectorField field, double t0, double t1, Span<float> x, int rows, OdeSolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Run(field, null, t0, t1, x, rows, Span<double>.Empty, options);
    }

    /// <summary>
    /// Integrates the augmented system (x, ℓ) with dx/dt = f(t, x), dℓ/dt = tr(∂f/∂x)(t, x) from <paramref name="t0"/> to <paramref name="t1"/>:
    /// x is overwritten with x(t1) and ∫_{t0}^{t1} tr(∂f/∂x) dt is ADDED to <paramref name="logDeterminant"/> (so blocks can accumulate).
    /// </summary>
    /// <param name="field">The vector field with divergence.</param>
    /// <param name="t0">Start time.</param>
    /// <param name="t1">End time; may be below <paramref name="t0"/>.</param>
    /// <param name="x">States rows × d; overwritten.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="logDeterminant">One value per row; the integral is added to it.</param>
    /// <param name="options">Scheme and steps/tolerances.</param>
    /// <returns>NFE and step counts.</returns>
    /// <exception cref="ArgumentException">Shapes do not match.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InvalidOperationException">Dopri5 failed to reach t1.</exception>
    public OdeStatistics IntegrateWithLogDeterminant(IDivergenceVectorField field, double t0, double t1, Span<float> x, int rows,
        Span<double> logDeterminant, OdeSolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (logDeterminant.Length < rows)
        {
            throw new ArgumentException($"logDeterminant holds {logDeterminant.Length} values; {rows} rows need {rows}.", nameof(logDeterminant));
        }

        return Run(field, field, t0, t1, x, rows, logDeterminant, options);
    }

    private OdeStatistics Run(IVectorField field, IDivergenceVectorField? divField, double t0, double t1, Span<float> x, int rows,
        Span<double> logDet, OdeSolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (field.Dimension != Dimension)
        {
            throw new ArgumentException($"The field has dimension {field.Dimension}; this solver was built for {Dimension}.", nameof(field));
        }

        if (rows < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, "The row count must be at least 0.");
        }

        if ((long)rows * Dimension > x.Length)
        {
            throw new ArgumentException($"x holds {x.Length} values; {rows} rows × {Dimension} need {(long)rows * Dimension}.", nameof(x));
        }

        if (!double.IsFinite(t0) || !double.IsFinite(t1))
        {
            throw new ArgumentOutOfRangeException(nameof(t0), $"Times must be finite (t0 = {t0}, t1 = {t1}).");
        }

        var stats = new OdeStatistics(0, 0, 0);
        if (rows == 0 || t0 == t1)
        {
            return stats;
        }

        int d = Dimension;
        for (int start = 0; start < rows; start += MaxRows)
        {
            int n = Math.Min(MaxRows, rows - start);
            Span<float> xc = x.Slice(start * d, n * d);
            bool aug = divField is not null;
            if (aug)
            {
                _aux.AsSpan(0, n).Clear();
            }

            OdeStatistics s = options.Kind == OdeSolverKind.Dopri5
                ? Dopri5(field, divField, t0, t1, xc, n, options)
                : FixedStep(field, divField, t0, t1, xc, n, options);
            if (aug)
            {
                Span<double> ld = logDet.Slice(start, n);
                for (int r = 0; r < n; r++)
                {
                    ld[r] += _aux[r];
                }
            }

            stats = stats.CombineRows(s);
        }

        return stats;
    }

    private void Eval(IVectorField field, IDivergenceVectorField? divField, double t, ReadOnlySpan<float> x, int n, int stage)
    {
        Span<float> k = _k[stage].AsSpan(0, n * Dimension);
        if (divField is null)
        {
            field.Evaluate((float)t, x, n, k);
        }
        else
        {
            divField.EvaluateWithDivergence((float)t, x, n, k, _kDiv[stage].AsSpan(0, n));
        }
    }

    // dest = x + h·Σ_j c[j]·k[j]
    private void Combine(Span<float> dest, ReadOnlySpan<float> x, double h, ReadOnlySpan<double> c, int len)
    {
        x.Slice(0, len).CopyTo(dest);
        for (int j = 0; j < c.Length; j++)
        {
            if (c[j] != 0)
            {
                TensorPrimitives.MultiplyAdd(_k[j].AsSpan(0, len), (float)(h * c[j]), dest.Slice(0, len), dest.Slice(0, len));
            }
        }
    }

    // aux = auxIn + h·Σ_j c[j]·kDiv[j]
    private void CombineAux(Span<double> dest, ReadOnlySpan<double> auxIn, double h, ReadOnlySpan<double> c, int n)
    {
        for (int r = 0; r < n; r++)
        {
            double s = 0;
            for (int j = 0; j < c.Length; j++)
            {
                s += c[j] * _kDiv[j][r];
            }

            dest[r] = auxIn[r] + (h * s);
        }
    }

    private OdeStatistics FixedStep(IVectorField f, IDivergenceVectorField? df, double t0, double t1, Span<float> x, int n, OdeSolverOptions o)
    {
        var grid = new TimeGrid(t0, t1, o.Steps);
        int len = n * Dimension;
        bool aug = df is not null;
        Span<float> tmp = _tmp.AsSpan(0, len);
        Span<double> aux = _aux.AsSpan(0, n);
        ReadOnlySpan<double> one = [1.0];
        for (int s = 0; s < grid.Steps; s++)
        {
            double t = grid[s];
            double h = grid[s + 1] - t;
            switch (o.Kind)
            {
                case OdeSolverKind.Euler:
                    Eval(f, df, t, x, n, 0);
                    Combine(x, x, h, one, len);
                    if (aug)
                    {
                        CombineAux(aux, aux, h, one, n);
                    }

                    break;
                case OdeSolverKind.Heun:
                    Eval(f, df, t, x, n, 0);
                    Combine(tmp, x, h, one, len);
                    Eval(f, df, t + h, tmp, n, 1);
                    Combine(x, x, h, HeunFinal, len);
                    if (aug)
                    {
                        CombineAux(aux, aux, h, HeunFinal, n);
                    }

                    break;
                default:
                    Eval(f, df, t, x, n, 0);
                    Combine(tmp, x, 0.5 * h, one, len);
                    Eval(f, df, t + (0.5 * h), tmp, n, 1);
                    Combine(tmp, x, 0.5 * h, [0.0, 1.0], len);
                    Eval(f, df, t + (0.5 * h), tmp, n, 2);
                    Combine(tmp, x, h, [0.0, 0.0, 1.0], len);
                    Eval(f, df, grid[s + 1], tmp, n, 3);
                    Combine(x, x, h, Rk4Final, len);
                    if (aug)
                    {
                        CombineAux(aux, aux, h, Rk4Final, n);
                    }

                    break;
            }
        }

        return new OdeStatistics(grid.Steps * o.StagesPerStep, grid.Steps, 0);
    }

    // Chunk norm of v/(atol + rtol·|x|): the RMS over everything, or the max over rows of the per-row RMS.
    private float ScaledRowNormMax(ReadOnlySpan<float> v, ReadOnlySpan<float> x, int n, double atol, double rtol, Dopri5ErrorNorm mode)
    {
        int d = Dimension;
        double worst = 0, total = 0;
        for (int r = 0; r < n; r++)
        {
            double s = 0;
            int o = r * d;
            for (int i = 0; i < d; i++)
            {
                double q = v[o + i] / (atol + (rtol * Math.Abs(x[o + i])));
                s += q * q;
            }

            total += s;
            double rms = Math.Sqrt(s / d);
            if (double.IsNaN(rms))
            {
                return float.NaN;
            }

            worst = Math.Max(worst, rms);
        }

        return mode == Dopri5ErrorNorm.RowMax ? (float)worst : (float)Math.Sqrt(total / ((double)n * d));
    }

    private OdeStatistics Dopri5(IVectorField f, IDivergenceVectorField? df, double t0, double t1, Span<float> x, int n, OdeSolverOptions o)
    {
        int d = Dimension;
        int len = n * d;
        bool aug = df is not null;
        double atol = o.AbsoluteTolerance, rtol = o.RelativeTolerance;
        double dir = Math.Sign(t1 - t0);
        double span = Math.Abs(t1 - t0);
        Span<float> tmp = _tmp.AsSpan(0, len);
        Span<float> xNew = _xNew.AsSpan(0, len);
        Span<double> aux = _aux.AsSpan(0, n);
        Span<double> auxNew = _auxNew.AsSpan(0, n);
        int nfe = 0;
        long accepted = 0, rejected = 0;

        Eval(f, df, t0, x, n, 0);
        nfe++;

        // Initial step (Hairer, Nørsett & Wanner, Solving ODEs I, II.4), with the chunk norm.
        double d0 = ScaledRowNormMax(x, x, n, atol, rtol, o.ErrorNorm);
        double d1 = ScaledRowNormMax(_k[0].AsSpan(0, len), x, n, atol, rtol, o.ErrorNorm);
        double h0 = (d0 < 1e-5 || d1 < 1e-5 || !double.IsFinite(d0 / d1)) ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.Min(h0, span);
        Combine(tmp, x, dir * h0, [1.0], len);
        Eval(f, df, t0 + (dir * h0), tmp, n, 1);
        nfe++;
        TensorPrimitives.Subtract(_k[1].AsSpan(0, len), _k[0].AsSpan(0, len), xNew);
        double d2 = ScaledRowNormMax(xNew, x, n, atol, rtol, o.ErrorNorm) / h0;
        double dm = Math.Max(d1, d2);
        double h1 = dm <= 1e-15 || !double.IsFinite(dm) ? Math.Max(1e-6, h0 * 1e-3) : Math.Pow(0.01 / dm, 1.0 / 5);
        double h = Math.Min(Math.Min(100 * h0, h1), span);

        double t = t0;
        int attempts = 0;
        while (dir * (t1 - t) > 0)
        {
            if (++attempts > o.MaxSteps)
            {
                throw new InvalidOperationException($"Dopri5 did not reach t1 = {t1} from t0 = {t0} within MaxSteps = {o.MaxSteps} attempted steps (stopped at t = {t}); loosen the tolerances or raise MaxSteps.");
            }

            bool last = h >= Math.Abs(t1 - t);
            if (last)
            {
                h = Math.Abs(t1 - t);
            }

            double hs = dir * h;
            Combine(tmp, x, hs, A2, len);
            Eval(f, df, t + (C2 * hs), tmp, n, 1);
            Combine(tmp, x, hs, A3, len);
            Eval(f, df, t + (C3 * hs), tmp, n, 2);
            Combine(tmp, x, hs, A4, len);
            Eval(f, df, t + (C4 * hs), tmp, n, 3);
            Combine(tmp, x, hs, A5, len);
            Eval(f, df, t + (C5 * hs), tmp, n, 4);
            Combine(tmp, x, hs, A6, len);
            double tNext = last ? t1 : t + hs;
            Eval(f, df, tNext, tmp, n, 5);
            Combine(xNew, x, hs, B5, len);
            Eval(f, df, tNext, xNew, n, 6);
            nfe += 6;
            if (aug)
            {
                CombineAux(auxNew, aux, hs, B5, n);
            }

            // Error norm: RMS over the chunk, or max over rows of the per-row RMS.
            double worst = 0, total = 0;
            long totalComps = 0;
            for (int r = 0; r < n; r++)
            {
                int off = r * d;
                double s = 0;
                for (int i = 0; i < d; i++)
                {
                    int q = off + i;
                    double e = 0;
                    for (int j = 0; j < 7; j++)
                    {
                        e += E[j] * _k[j][q];
                    }

                    double sc = atol + (rtol * Math.Max(Math.Abs(x[q]), Math.Abs(xNew[q])));
                    double z = hs * e / sc;
                    s += z * z;
                }

                int comps = d;
                if (aug)
                {
                    double e = 0;
                    for (int j = 0; j < 7; j++)
                    {
                        e += E[j] * _kDiv[j][r];
                    }

                    double sc = atol + (rtol * Math.Max(Math.Abs(aux[r]), Math.Abs(auxNew[r])));
                    double z = hs * e / sc;
                    s += z * z;
                    comps++;
                }

                double rms = Math.Sqrt(s / comps);
                worst = double.IsNaN(rms) || double.IsNaN(worst) ? double.NaN : Math.Max(worst, rms);
                total += s;
                totalComps += comps;
            }

            if (o.ErrorNorm == Dopri5ErrorNorm.ChunkRms && !double.IsNaN(worst))
            {
                worst = Math.Sqrt(total / totalComps);
            }

            if (worst <= 1.0)
            {
                accepted++;
                t = tNext;
                xNew.CopyTo(x);
                if (aug)
                {
                    auxNew.CopyTo(aux);
                }

                // First same as last: f at the new point is the next step's first stage.
                (_k[0], _k[6]) = (_k[6], _k[0]);
                (_kDiv[0], _kDiv[6]) = (_kDiv[6], _kDiv[0]);
                double factor = worst == 0 ? 10 : Math.Clamp(0.9 * Math.Pow(worst, -0.2), 0.2, 10);
                h *= factor;
            }
            else
            {
                rejected++;
                double factor = double.IsFinite(worst) ? Math.Clamp(0.9 * Math.Pow(worst, -0.2), 0.2, 1.0) : 0.2;
                h *= factor;
            }

            if (h < 1e-12 * Math.Max(span, 1e-300) || double.IsNaN(h))
            {
                throw new InvalidOperationException($"Dopri5 step size underflowed at t = {t} (error norm {worst}); the states or the field are probably not finite.");
            }
        }

        return new OdeStatistics(nfe, accepted, rejected);
    }
}
