using Microsoft.ML.LocalFlow.Numerics.Random;

namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>The distribution of training times, and how many independent t draws each (X0, X1) pair gets (the official num_tk).</summary>
public sealed record class TimeSampling
{
    /// <summary>Uniform or Beta. Default Uniform.</summary>
    public TimeSamplingKind Kind { get; init; } = TimeSamplingKind.Uniform;

    /// <summary>Beta α &gt; 0. Default 1.</summary>
    public double Alpha { get; init; } = 1;

    /// <summary>Beta β &gt; 0. Default 1.</summary>
    public double Beta { get; init; } = 1;

    /// <summary>t draws per pair (num_tk), at least 1; the loss averages over them. Default 1.</summary>
    public int DrawsPerPair { get; init; } = 1;

    /// <summary>t ~ U(0, 1), one draw per pair.</summary>
    public static TimeSampling Uniform { get; } = new();

    /// <summary>Creates a Beta(α, β) sampling.</summary>
    /// <param name="alpha">α &gt; 0.</param>
    /// <param name="beta">β &gt; 0.</param>
    /// <param name="drawsPerPair">num_tk ≥ 1.</param>
    /// <returns>The sampling.</returns>
    public static TimeSampling BetaDistribution(double alpha, double beta, int drawsPerPair = 1)
    {
        var s = new TimeSampling { Kind = TimeSamplingKind.Beta, Alpha = alpha, Beta = beta, DrawsPerPair = drawsPerPair };
        s.Validate();
        return s;
    }

    /// <summary>Checks every property.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A property is out of range; the message names it and its value.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind))
        {
            throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown time sampling kind.");
        }

        if (!(Alpha > 0) || !double.IsFinite(Alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "Beta α must be positive and finite.");
        }

        if (!(Beta > 0) || !double.IsFinite(Beta))
        {
            throw new ArgumentOutOfRangeException(nameof(Beta), Beta, "Beta β must be positive and finite.");
        }

        if (DrawsPerPair < 1 || DrawsPerPair > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(DrawsPerPair), DrawsPerPair, "Draws per pair (num_tk) must be in [1, 1024].");
        }
    }

    /// <summary>Fills <paramref name="t"/> with independent draws.</summary>
    /// <param name="t">Destination.</param>
    /// <param name="rng">Random source.</param>
    public void Fill(Span<float> t, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (Kind == TimeSamplingKind.Uniform)
        {
            rng.FillUniform(t);
        }
        else
        {
            rng.FillBeta(t, Alpha, Beta);
        }
    }
}
