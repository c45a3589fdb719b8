namespace Microsoft.ML.LocalFlow.Tests.Flow;

/// <summary>
/// The energy distance between two samples (Székely and Rizzo): D² = 2·E|X − Y| − E|X − X'| − E|Y − Y'|, Euclidean norms,
/// within-sample means over distinct pairs (U-statistics), so D² is unbiased and ≈ 0 (either sign) for equal laws.
/// It is zero only when the laws are equal, needs no kernel bandwidth, and is in the data's units. Cost O((n + m)²·d).
/// (The performance project compiles this same file, linked from its csproj.)
/// </summary>
internal static class EnergyDistance
{
    /// <summary>D² between x (n × d) and y (m × d), both at least 2 rows.</summary>
    public static double Squared(ReadOnlySpan<float> x, int n, ReadOnlySpan<float> y, int m, int d) =>
        (2 * MeanDistance(x, n, y, m, d, same: false)) - MeanDistance(x, n, x, n, d, same: true) - MeanDistance(y, m, y, m, d, same: true);

    private static double MeanDistance(ReadOnlySpan<float> a, int n, ReadOnlySpan<float> b, int m, int d, bool same)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> ai = a.Slice(i * d, d);
            for (int j = same ? i + 1 : 0; j < m; j++)
            {
                ReadOnlySpan<float> bj = b.Slice(j * d, d);
                double s = 0;
                for (int k = 0; k < d; k++)
                {
                    double t = ai[k] - bj[k];
                    s += t * t;
                }

                sum += Math.Sqrt(s);
            }
        }

        return same ? sum / (n * (n - 1) / 2.0) : sum / ((double)n * m);
    }
}
