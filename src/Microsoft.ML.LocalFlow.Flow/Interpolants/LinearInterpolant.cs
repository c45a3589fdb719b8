namespace Microsoft.ML.LocalFlow.Flow.Interpolants;

/// <summary>I_t = (1 − t)·X0 + t·X1; ∂I_t/∂t = X1 − X0.</summary>
public sealed class LinearInterpolant : Interpolant
{
    /// <inheritdoc/>
    public override InterpolantKind Kind => InterpolantKind.Linear;

    /// <inheritdoc/>
    public override (float A, float B, float DaDt, float DbDt) Coefficients(float t) => (1 - t, t, -1, 1);
}
