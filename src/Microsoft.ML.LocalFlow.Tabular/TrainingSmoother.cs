using Microsoft.ML.LocalFlow.Tabular.Encoding;

namespace Microsoft.ML.LocalFlow.Tabular;

/// <summary>
/// The shrunk smoothed bootstrap (Silverman, "Density Estimation", 1986, §6.4.1) on the encoded training matrix: each row
/// x becomes x' = μ + √(1 − σ²)(x − μ) + σ L ε with ε ~ N(0, I) and L Lᵀ = Σ, the rows' covariance. The smoothed rows keep
/// the mean μ and covariance Σ exactly (so correlations, i.e. pair trends, are not attenuated the way independent noise
/// attenuates them) but no longer sit on the training rows, which a flow trained long on a small table otherwise reproduces.
/// </summary>
/// <remarks>
/// Layout: <c>data</c> is row-major [rows × width] float32, modified in place. Σ is accumulated in double; its Cholesky
/// factor skips directions with no variance (constant or collinear one-hot coordinates), so L is lower triangular with
/// zero columns there.
/// </remarks>
internal static class TrainingSmoother
{
    /// <summary>Smooths <paramref name="data"/> in place with bandwidth <paramref name="sigma"/> in (0, 1).</summary>
    /// <param name="data">[rows × width] row-major.</param>
    /// <param name="group">Per row, its group (a categorical label's level), or empty for one group: μ is then each group's
    /// mean and Σ the pooled within-group covariance, so the noise never moves a row towards another class.</param>
    /// <param name="rows">Rows.</param>
    /// <param name="width">Columns.</param>
    /// <param name="sigma">σ in (0, 1): the share of each row's standard deviation replaced by kernel noise.</param>
    /// <param name="seed">Seed of ε.</param>
    public static void Smooth(Span<float> data, ReadOnlySpan<int> group, int rows, int width, double sigma, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sigma, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sigma, 1.0);
        int groups = 1;
        foreach (int g in group)
        {
            groups = Math.Max(groups, g + 1);
        }

        var sums = new double[groups * width];
        var counts = new int[groups];
        for (int i = 0; i < rows; i++)
        {
            int g = group.IsEmpty ? 0 : group[i];
            counts[g]++;
            ReadOnlySpan<float> x = data.Slice(i * width, width);
            for (int j = 0; j < width; j++)
            {
                sums[g * width + j] += x[j];
            }
        }

        for (int g = 0; g < groups; g++)
        {
            for (int j = 0; j < width; j++)
            {
                sums[g * width + j] /= Math.Max(1, counts[g]);
            }
        }

        var cov = new double[width * width];
        var d = new double[width];
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<double> mean = sums.AsSpan((group.IsEmpty ? 0 : group[i]) * width, width);
            ReadOnlySpan<float> x = data.Slice(i * width, width);
            for (int j = 0; j < width; j++)
            {
                d[j] = x[j] - mean[j];
            }

            for (int a = 0; a < width; a++)
            {
                double da = d[a];
                for (int b = 0; b <= a; b++)
                {
                    cov[a * width + b] += da * d[b];
                }
            }
        }

        for (int a = 0; a < width; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                cov[a * width + b] /= Math.Max(1, rows - groups);
            }
        }

        double[] l = Cholesky(cov, width);
        double keep = Math.Sqrt(1 - sigma * sigma);
        var rng = new NoiseRng(seed);
        var eps = new double[width];
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<double> mean = sums.AsSpan((group.IsEmpty ? 0 : group[i]) * width, width);
            Perturb(data.Slice(i * width, width), mean, keep, sigma, l, eps, ref rng);
        }
    }

    /// <summary>
    /// One smoothed row: x ← m + keep·(x − m) + scale·L·ε with ε ~ N(0, I) drawn from <paramref name="rng"/> into
    /// <paramref name="eps"/> (scratch, width long). L is lower-triangular, row-major width × width. Shared by both kernels.
    /// </summary>
    internal static void Perturb(Span<float> x, ReadOnlySpan<double> mean, double keep, double scale, ReadOnlySpan<double> l, Span<double> eps, ref NoiseRng rng)
    {
        int width = x.Length;
        for (int j = 0; j < width; j++)
        {
            eps[j] = rng.NextGaussian();
        }

        for (int a = 0; a < width; a++)
        {
            double noise = 0;
            for (int b = 0; b <= a; b++)
            {
                noise += l[a * width + b] * eps[b];
            }

            x[a] = (float)(mean[a] + keep * (x[a] - mean[a]) + scale * noise);
        }
    }

    /// <summary>Lower Cholesky factor of the symmetric positive semi-definite matrix whose lower triangle is given.</summary>
    internal static double[] Cholesky(double[] a, int n)
    {
        var l = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            double diag = a[j * n + j];
            for (int k = 0; k < j; k++)
            {
                diag -= l[j * n + k] * l[j * n + k];
            }

            // A direction with (numerically) no variance left gets no noise: it is a linear function of earlier coordinates.
            if (diag <= 1e-9 * Math.Max(1e-30, a[j * n + j]))
            {
                continue;
            }

            double ljj = Math.Sqrt(diag);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++)
                {
                    s -= l[i * n + k] * l[j * n + k];
                }

                l[i * n + j] = s / ljj;
            }
        }

        return l;
    }
}
