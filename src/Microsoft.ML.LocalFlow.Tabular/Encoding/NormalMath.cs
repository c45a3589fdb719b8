namespace Microsoft.ML.LocalFlow.Tabular.Encoding;

/// <summary>
/// Standard normal pdf, cdf Φ and inverse cdf Φ⁻¹ in double precision. Φ uses the Taylor series
/// Φ(z) = ½ + φ(z)·Σₙ z^(2n+1)/(2n+1)!! for |z| ≤ 3 and the Laplace continued fraction
/// Q(x) = φ(x)/(x + 1/(x + 2/(x + 3/(x + …)))) for the tails; Φ⁻¹ starts from Abramowitz–Stegun 26.2.23 and polishes
/// with Halley steps on this Φ, so Φ(Φ⁻¹(p)) = p to rounding and the quantile encoder's inverse is exact.
/// </summary>
internal static class NormalMath
{
    /// <summary>½·ln(2π).</summary>
    public const double HalfLog2Pi = 0.91893853320467274178;

    private const double InvSqrt2Pi = 0.39894228040143267794;

    /// <summary>φ(z).</summary>
    public static double Pdf(double z) => InvSqrt2Pi * Math.Exp(-0.5 * z * z);

    /// <summary>ln φ(z).</summary>
    public static double LogPdf(double z) => -0.5 * z * z - HalfLog2Pi;

    /// <summary>Φ(z); 0 and 1 beyond ±38.</summary>
    public static double Cdf(double z)
    {
        if (double.IsNaN(z))
        {
            return double.NaN;
        }

        if (z < -38)
        {
            return 0;
        }

        if (z > 38)
        {
            return 1;
        }

        if (Math.Abs(z) <= 3)
        {
            double term = z, sum = z, z2 = z * z;
            for (int k = 3; k < 200; k += 2)
            {
                term *= z2 / k;
                sum += term;
                if (Math.Abs(term) < 1e-17 * Math.Abs(sum))
                {
                    break;
                }
            }

            return 0.5 + Pdf(z) * sum;
        }

        double q = UpperTail(Math.Abs(z));
        return z < 0 ? q : 1 - q;
    }

    /// <summary>Q(x) = 1 − Φ(x) for x ≥ 3 by the continued fraction, evaluated backwards.</summary>
    private static double UpperTail(double x)
    {
        double t = x;
        for (int k = 80; k >= 1; k--)
        {
            t = x + k / t;
        }

        return Pdf(x) / t;
    }

    /// <summary>Φ⁻¹(p) for p in (0, 1); ±∞ at 0 and 1.</summary>
    public static double InvCdf(double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Must be in [0, 1].");
        }

        if (p == 0)
        {
            return double.NegativeInfinity;
        }

        if (p == 1)
        {
            return double.PositiveInfinity;
        }

        double pp = p < 0.5 ? p : 1 - p;
        double t = Math.Sqrt(-2 * Math.Log(pp));
        double z = t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
        if (p < 0.5)
        {
            z = -z;
        }

        for (int it = 0; it < 4; it++)
        {
            // Halley step on f(z) = Φ(z) − p (relative to the tail to keep precision for p near 0 or 1).
            double e = p < 0.5 ? Cdf(z) - p : (1 - p) - (1 - Cdf(z));
            double u = e / Pdf(z);
            if (!double.IsFinite(u))
            {
                break;
            }

            z -= u / (1 + 0.5 * z * u);
        }

        return z;
    }
}
