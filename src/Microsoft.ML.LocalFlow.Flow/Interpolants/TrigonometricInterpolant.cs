namespace Microsoft.ML.LocalFlow.Flow.Interpolants;

/// <summary>I_t = cos(πt/2)·X0 + sin(πt/2)·X1; ∂I_t/∂t = (π/2)(cos(πt/2)·X1 − sin(πt/2)·X0). Variance-preserving for independent unit endpoints.</summary>
public sealed class TrigonometricInterpolant : Interpolant
{
    /// <inheritdoc/>
    public override InterpolantKind Kind => InterpolantKind.Trigonometric;

    /// <inheritdoc/>
    public override (float A, float B, float DaDt, float DbDt) Coefficients(float t)
    {
        double w = 0.5 * Math.PI * t;
        double c = Math.Cos(w), s = Math.Sin(w);
        return ((float)c, (float)s, (float)(-0.5 * Math.PI * s), (float)(0.5 * Math.PI * c));
    }
}
