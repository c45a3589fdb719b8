namespace Microsoft.ML.LocalFlow.Flow.Schedules;

/// <summary>One block of the chain: an OU step of size <see cref="Gamma"/>, or the free block (X1 ~ N(0, I), γ = +∞).</summary>
public readonly record struct BlockStep
{
    /// <summary>Creates an OU block.</summary>
    /// <param name="gamma">γ &gt; 0 and finite, or +∞ for the free block.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gamma"/> is not positive (NaN, 0 or negative).</exception>
    public BlockStep(double gamma)
    {
        if (!(gamma > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "An OU step size must be positive (use BlockStep.Free for the free block).");
        }

        Gamma = gamma;
    }

    /// <summary>The free block.</summary>
    public static BlockStep Free => new(double.PositiveInfinity);

    /// <summary>The OU step size; +∞ for the free block.</summary>
    public double Gamma { get; }

    /// <summary>Whether this is the free block.</summary>
    public bool IsFree => double.IsPositiveInfinity(Gamma);

    /// <inheritdoc/>
    public override string ToString() => IsFree ? "free" : Gamma.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
