using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Encoding;

namespace Microsoft.ML.LocalFlow.PerformanceTests.Tabular;

/// <summary>
/// Baseline: Gaussian copula with empirical marginals. The table is encoded with the quantile encoder (each numeric
/// marginal becomes N(0, 1); categoricals one-hot/bits, missingness indicators), a multivariate normal is fitted to
/// the encoded rows (mean, covariance + 1e-6·I), sampled, and decoded.
/// </summary>
public static class GaussianCopulaBaseline
{
    public static Table Sample(Table train, int rows, int seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        var enc = TabularEncoder.Fit(train, new TabularEncoderOptions { Continuous = ContinuousEncoding.Quantile });
        EncodedTable e = enc.Encode(train, seed, addNoise: true);
        int n = e.Rows, d = e.Width;
        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < d; k++)
            {
                mean[k] += e.Data[i * d + k] / (double)n;
            }
        }

        var cov = new double[d, d];
        for (int i = 0; i < n; i++)
        {
            for (int a = 0; a < d; a++)
            {
                double da = e.Data[i * d + a] - mean[a];
                for (int b = 0; b <= a; b++)
                {
                    cov[a, b] += da * (e.Data[i * d + b] - mean[b]) / (n - 1);
                }
            }
        }

        // Cholesky of the lower triangle (jitter keeps one-hot blocks, which are rank-deficient, positive definite).
        var l = new double[d, d];
        for (int a = 0; a < d; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                double s = cov[a, b] + (a == b ? 1e-6 : 0);
                for (int k = 0; k < b; k++)
                {
                    s -= l[a, k] * l[b, k];
                }

                l[a, b] = a == b ? Math.Sqrt(Math.Max(s, 1e-12)) : s / l[b, b];
            }
        }

        var rng = new Random(seed);
        var x = new float[rows * d];
        var z = new double[d];
        for (int i = 0; i < rows; i++)
        {
            for (int k = 0; k < d; k++)
            {
                double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
                z[k] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            }

            for (int a = 0; a < d; a++)
            {
                double v = mean[a];
                for (int k = 0; k <= a; k++)
                {
                    v += l[a, k] * z[k];
                }

                x[i * d + a] = (float)v;
            }
        }

        return enc.Decode(x, rows);
    }
}
