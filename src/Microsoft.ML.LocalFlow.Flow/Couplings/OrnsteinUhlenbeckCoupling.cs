using System.Numerics.Tensors;
using Microsoft.ML.LocalFlow.Numerics.Random;

namespace Microsoft.ML.LocalFlow.Flow.Couplings;

/// <summary>
/// One OU step of size γ: X1 = e^{−γ}·X0 + sqrt(1 − e^{−2γ})·Z with Z ~ N(0, I) fresh each call, so
/// E[X1 | X0] = e^{−γ}X0 and Cov[X1 | X0] = (1 − e^{−2γ})I; N(0, I) is invariant.
/// </summary>
public sealed class OrnsteinUhlenbeckCoupling : ICoupling
{
    /// <summary>Creates the coupling.</summary>
    /// <param name="gamma">Step size γ &gt; 0 (finite).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gamma"/> is not positive and finite.</exception>
    public OrnsteinUhlenbeckCoupling(double gamma)
    {
        if (!(gamma > 0) || !double.IsFinite(gamma))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "The OU step size γ must be positive and finite.");
        }

        Gamma = gamma;
        Shrink = (float)Math.Exp(-gamma);
        NoiseScale = (float)Math.Sqrt(1 - Math.Exp(-2 * gamma));
    }

    /// <inheritdoc/>
    public double Gamma { get; }

    /// <inheritdoc/>
    public bool IsFree => false;

    /// <summary>e^{−γ}.</summary>
    public float Shrink { get; }

    /// <summary>sqrt(1 − e^{−2γ}).</summary>
    public float NoiseScale { get; }

    /// <inheritdoc/>
    public void Couple(ReadOnlySpan<float> x0, Span<float> x1, int rows, int dimension, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        int n = rows * dimension;
        Span<float> dst = x1.Slice(0, n);
        rng.FillGaussian(dst);
        TensorPrimitives.Multiply(dst, NoiseScale, dst);
        TensorPrimitives.MultiplyAdd(x0.Slice(0, n), Shrink, dst, dst);
    }
}
