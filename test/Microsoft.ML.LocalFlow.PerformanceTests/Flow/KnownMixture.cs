using MathNet.Numerics.LinearAlgebra;

namespace Microsoft.ML.LocalFlow.PerformanceTests.Flow;

/// <summary>
/// A Gaussian mixture with exact log-density, built exactly as the known-density tests build theirs
/// (test/Microsoft.ML.LocalFlow.Tests/Flow/GaussianMixture.cs: same constructions, same random streams), so the
/// benchmark's ring and 6-D mixture are the tests' distributions.
/// </summary>
internal sealed class KnownMixture
{
    private readonly double[] _logW;
    private readonly double[][] _mean;
    private readonly Matrix<double>[] _chol;
    private readonly double[] _logDet;

    private KnownMixture(double[] weights, double[][] means, Matrix<double>[] covariances)
    {
        double s = weights.Sum();
        _logW = [.. weights.Select(w => Math.Log(w / s))];
        _mean = means;
        _chol = [.. covariances.Select(c => c.Cholesky().Factor)];
        _logDet = [.. _chol.Select(l => 2 * Enumerable.Range(0, l.RowCount).Sum(i => Math.Log(l[i, i])))];
        Dimension = means[0].Length;
    }

    public int Dimension { get; }

    /// <summary>8 Gaussians of std 0.5 centred on a circle of radius 4.</summary>
    public static KnownMixture Ring8()
    {
        double[][] means = [.. Enumerable.Range(0, 8).Select(k => new[] { 4 * Math.Cos(2 * Math.PI * k / 8), 4 * Math.Sin(2 * Math.PI * k / 8) })];
        Matrix<double>[] cov = [.. Enumerable.Range(0, 8).Select(_ => Matrix<double>.Build.DenseIdentity(2) * 0.25)];
        return new KnownMixture(Enumerable.Repeat(1.0, 8).ToArray(), means, cov);
    }

    /// <summary>Means 3·N(0, I), covariances A·Aᵀ + 0.15·I with A ~ N(0, 0.36/d), weights e^{0.5·N(0,1)}.</summary>
    public static KnownMixture Random(int d, int components, int seed)
    {
        var rng = new System.Random(seed);
        double N() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var means = new double[components][];
        var covs = new Matrix<double>[components];
        var w = new double[components];
        for (int m = 0; m < components; m++)
        {
            means[m] = [.. Enumerable.Range(0, d).Select(_ => 3 * N())];
            var a = Matrix<double>.Build.Dense(d, d, (_, _) => N() * 0.6 / Math.Sqrt(d));
            covs[m] = (a * a.Transpose()) + (Matrix<double>.Build.DenseIdentity(d) * 0.15);
            w[m] = Math.Exp(0.5 * N());
        }

        return new KnownMixture(w, means, covs);
    }

    /// <summary>n rows × d, seeded.</summary>
    public float[] Sample(int n, int seed)
    {
        var rng = new System.Random(seed);
        double N() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        double[] cum = [.. _logW.Select(Math.Exp)];
        for (int i = 1; i < cum.Length; i++)
        {
            cum[i] += cum[i - 1];
        }

        int d = Dimension;
        var x = new float[n * d];
        var eps = new double[d];
        for (int r = 0; r < n; r++)
        {
            double u = rng.NextDouble() * cum[^1];
            int m = 0;
            while (m < cum.Length - 1 && u > cum[m])
            {
                m++;
            }

            for (int i = 0; i < d; i++)
            {
                eps[i] = N();
            }

            for (int i = 0; i < d; i++)
            {
                double s = _mean[m][i];
                for (int j = 0; j <= i; j++)
                {
                    s += _chol[m][i, j] * eps[j];
                }

                x[(r * d) + i] = (float)s;
            }
        }

        return x;
    }

    /// <summary>log p_true(x) of one row, by log-sum-exp over the components.</summary>
    public double LogPdf(ReadOnlySpan<float> x)
    {
        int d = Dimension;
        var terms = new double[_logW.Length];
        var diff = Vector<double>.Build.Dense(d);
        for (int m = 0; m < _logW.Length; m++)
        {
            for (int i = 0; i < d; i++)
            {
                diff[i] = x[i] - _mean[m][i];
            }

            Vector<double> sol = _chol[m].Solve(diff);
            terms[m] = _logW[m] - (0.5 * sol.DotProduct(sol)) - (0.5 * _logDet[m]) - (0.5 * d * Math.Log(2 * Math.PI));
        }

        double mx = terms.Max();
        return mx + Math.Log(terms.Sum(t => Math.Exp(t - mx)));
    }

    /// <summary>Mean of −log p_true over rows: the entropy estimate on true samples, the reverse cross-entropy on model samples.</summary>
    public double MeanNegativeLogPdf(float[] x, int rows)
    {
        double s = 0;
        for (int r = 0; r < rows; r++)
        {
            s += LogPdf(x.AsSpan(r * Dimension, Dimension));
        }

        return -s / rows;
    }
}
