using Microsoft.ML.LocalFlow.Numerics.Random;

namespace Microsoft.ML.LocalFlow.Flow.Couplings;

/// <summary>The free block: X1 = Z ~ N(0, I), independent of X0 (the OU step with γ = ∞).</summary>
public sealed class IndependentGaussianCoupling : ICoupling
{
    /// <summary>The shared instance (stateless).</summary>
    public static IndependentGaussianCoupling Instance { get; } = new();

    /// <inheritdoc/>
    public double Gamma => double.PositiveInfinity;

    /// <inheritdoc/>
    public bool IsFree => true;

    /// <inheritdoc/>
    public void Couple(ReadOnlySpan<float> x0, Span<float> x1, int rows, int dimension, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        rng.FillGaussian(x1.Slice(0, rows * dimension));
    }
}
