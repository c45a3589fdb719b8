namespace Microsoft.ML.LocalFlow.Numerics.Ode;

/// <summary>
/// A vector field that can also return its divergence tr(∂f/∂x) per row, for the log-determinant
/// (instantaneous change of variables) of a flow.
/// </summary>
public interface IDivergenceVectorField : IVectorField
{
    /// <summary>Writes f(t, x) and tr(∂f/∂x)(t, x) for every row.</summary>
    /// <param name="t">The time shared by all rows.</param>
    /// <param name="x">States, rows × <see cref="IVectorField.Dimension"/>.</param>
    /// <param name="rows">Number of rows, at least 0.</param>
    /// <param name="dxdt">Destination of f, rows × <see cref="IVectorField.Dimension"/>.</param>
    /// <param name="divergence">Destination of the divergence, one value per row.</param>
    void EvaluateWithDivergence(float t, ReadOnlySpan<float> x, int rows, Span<float> dxdt, Span<float> divergence);
}
