using MathNet.Numerics.LinearAlgebra;

namespace Microsoft.ML.LocalFlow.Tests.Flow;

/// <summary>A Gaussian mixture with exact log-density (float64), for KL-gap tests.</summary>
internal sealed class GaussianMixture
{
    private readonly double[] _logW;
    private readonly double[][] _mean;
    private readonly Matrix<double>[] _chol;
    private readonly double[] _logDet;

    public GaussianMixture(double[] weights, double[][] means, Matrix<double>[] covariances)
    {
        double s = weights.Sum();
        _logW = weights.Select(w => Math.Log(w / s)).ToArray();
        _mean = means;
        _chol = covariances.Select(c => c.Cholesky().Factor).ToArray();
        _logDet = _chol.Select(l => 2 * Enumerable.Range(0, l.RowCount).Sum(i => Math.Log(l[i, i]))).ToArray();
        Dimension = means[0].Length;
    }

    public int Dimension { get; }

    /// <summary>The maximum-likelihood single full-covariance Gaussian of rows × d data (the "learnt nothing but moments" baseline).</summary>
    public static GaussianMixture FitGaussian(float[] x, int rows, int d)
    {
        var mean = new double[d];
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < d; i++)
            {
                mean[i] += x[(r * d) + i] / (double)rows;
            }
        }

        var cov = Matrix<double>.Build.Dense(d, d);
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < d; i++)
            {
                for (int j = 0; j < d; j++)
                {
                    cov[i, j] += (x[(r * d) + i] - mean[i]) * (x[(r * d) + j] - mean[j]) / rows;
                }
            }
        }

        return new GaussianMixture([1.0], [mean], [cov]);
    }

    /// <summary>The classic ring of 8 Gaussians: centres on a circle of radius 4, std 0.5.</summary>
    public static GaussianMixture Ring8()
    {
        var means = Enumerable.Range(0, 8).Select(k => new[] { 4 * Math.Cos(2 * Math.PI * k / 8), 4 * Math.Sin(2 * Math.PI * k / 8) }).ToArray();
        var cov = Enumerable.Range(0, 8).Select(_ => Matrix<double>.Build.DenseIdentity(2) * 0.25).ToArray();
        return new GaussianMixture(Enumerable.Repeat(1.0, 8).ToArray(), means, cov);
    }

    /// <summary>A random d-dimensional mixture like the reference script's 'gmm' (means 3·N(0, I), cov AAᵀ·0.36/d + 0.15 I).</summary>
    public static GaussianMixture Random(int d, int components, int seed)
    {
        var rng = new System.Random(seed);
        double N() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var means = new double[components][];
        var covs = new Matrix<double>[components];
        var w = new double[components];
        for (int m = 0; m < components; m++)
        {
            means[m] = Enumerable.Range(0, d).Select(_ => 3 * N()).ToArray();
            var a = Matrix<double>.Build.Dense(d, d, (_, _) => N() * 0.6 / Math.Sqrt(d));
            covs[m] = (a * a.Transpose()) + (Matrix<double>.Build.DenseIdentity(d) * 0.15);
            w[m] = Math.Exp(0.5 * N());
        }

        return new GaussianMixture(w, means, covs);
    }

    public float[] Sample(int n, int seed)
    {
        var rng = new System.Random(seed);
        double N() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        double[] cum = _logW.Select(Math.Exp).ToArray();
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
