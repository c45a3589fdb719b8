using Microsoft.ML.LocalFlow.Numerics.Random;

namespace Microsoft.ML.LocalFlow.Flow.Couplings;

/// <summary>
/// Draws the noise-side endpoint X1 (x_r) of a training pair from its data-side endpoint X0 (x_l).
/// </summary>
public interface ICoupling
{
    /// <summary>The OU step size γ of this block; +∞ for the free (independent Gaussian) block.</summary>
    double Gamma { get; }

    /// <summary>True when X1 is independent of X0 (the final free block).</summary>
    bool IsFree { get; }

    /// <summary>Writes X1 for every row, drawing fresh Gaussian noise from <paramref name="rng"/>.</summary>
    /// <param name="x0">Data-side endpoints, rows × d.</param>
    /// <param name="x1">Destination, rows × d; must not overlap <paramref name="x0"/>.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="dimension">d.</param>
    /// <param name="rng">Noise source.</param>
    void Couple(ReadOnlySpan<float> x0, Span<float> x1, int rows, int dimension, Rng rng);
}
