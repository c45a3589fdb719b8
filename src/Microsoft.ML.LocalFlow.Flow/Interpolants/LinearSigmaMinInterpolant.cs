namespace Microsoft.ML.LocalFlow.Flow.Interpolants;

/// <summary>
/// I_t = (1 − t)·X0 + (σ_min + (1 − σ_min)·t)·X1; ∂I_t/∂t = (1 − σ_min)·X1 − X0.
/// Lipman et al.'s conditional OT path with noise at t = 1: at t = 0 the data is blurred by σ_min·X1.
/// </summary>
public sealed class LinearSigmaMinInterpolant : Interpolant
{
    /// <summary>Creates the interpolant.</summary>
    /// <param name="sigmaMin">σ_min in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sigmaMin"/> is outside [0, 1).</exception>
    public LinearSigmaMinInterpolant(double sigmaMin)
    {
        if (!(sigmaMin >= 0 && sigmaMin < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(sigmaMin), sigmaMin, "σ_min must be in [0, 1).");
        }

        SigmaMin = sigmaMin;
    }

    /// <summary>σ_min.</summary>
    public double SigmaMin { get; }

    /// <inheritdoc/>
    public override InterpolantKind Kind => InterpolantKind.LinearSigmaMin;

    /// <inheritdoc/>
    public override (float A, float B, float DaDt, float DbDt) Coefficients(float t)
    {
        float s = (float)SigmaMin;
        return (1 - t, s + ((1 - s) * t), -1, 1 - s);
    }
}
