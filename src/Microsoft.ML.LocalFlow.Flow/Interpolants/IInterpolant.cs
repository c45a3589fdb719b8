namespace Microsoft.ML.LocalFlow.Flow.Interpolants;

/// <summary>
/// An interpolant I_t = a(t)·X0 + b(t)·X1 with a(0) = 1, b(1) = 1 (up to σ_min); it turns (X0, X1, t) into
/// X_t and dX_t/dt and never sees the network.
/// </summary>
public interface IInterpolant
{
    /// <summary>Which interpolant this is.</summary>
    InterpolantKind Kind { get; }

    /// <summary>The coefficients at time <paramref name="t"/>: I_t = a·X0 + b·X1, ∂I_t/∂t = da·X0 + db·X1.</summary>
    /// <param name="t">Time in [0, 1].</param>
    /// <returns>(a, b, da/dt, db/dt).</returns>
    (float A, float B, float DaDt, float DbDt) Coefficients(float t);

    /// <summary>Fills <see cref="PathSample.Xt"/> and <see cref="PathSample.DxDt"/> from X0, X1 and T for the sample's rows.</summary>
    /// <param name="sample">The batch.</param>
    void Interpolate(PathSample sample);
}
