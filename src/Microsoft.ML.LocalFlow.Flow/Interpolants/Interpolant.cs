namespace Microsoft.ML.LocalFlow.Flow.Interpolants;

/// <summary>Base class of the coefficient-form interpolants, and the factory.</summary>
public abstract class Interpolant : IInterpolant
{
    /// <inheritdoc/>
    public abstract InterpolantKind Kind { get; }

    /// <inheritdoc/>
    public abstract (float A, float B, float DaDt, float DbDt) Coefficients(float t);

    /// <summary>Creates the interpolant of kind <paramref name="kind"/>.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="sigmaMin">σ_min for <see cref="InterpolantKind.LinearSigmaMin"/>, in [0, 1); ignored otherwise.</param>
    /// <returns>The interpolant.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Unknown kind or σ_min out of range.</exception>
    public static IInterpolant Create(InterpolantKind kind, double sigmaMin = 1e-4) => kind switch
    {
        InterpolantKind.Trigonometric => new TrigonometricInterpolant(),
        InterpolantKind.Linear => new LinearInterpolant(),
        InterpolantKind.LinearSigmaMin => new LinearSigmaMinInterpolant(sigmaMin),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown interpolant kind."),
    };

    /// <inheritdoc/>
    public void Interpolate(PathSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        int d = sample.Dimension;
        float[] x0 = sample.X0, x1 = sample.X1, xt = sample.Xt, dx = sample.DxDt;
        for (int r = 0; r < sample.Rows; r++)
        {
            (float a, float b, float da, float db) = Coefficients(sample.T[r]);
            int o = r * d;
            for (int i = o; i < o + d; i++)
            {
                float p = x0[i], q = x1[i];
                xt[i] = (a * p) + (b * q);
                dx[i] = (da * p) + (db * q);
            }
        }
    }
}
