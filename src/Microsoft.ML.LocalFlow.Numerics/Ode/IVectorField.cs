namespace Microsoft.ML.LocalFlow.Numerics.Ode;

/// <summary>
/// A time-dependent vector field f(t, x) evaluated on a batch of rows: the only thing an <see cref="OdeSolver"/> sees.
/// </summary>
/// <remarks>
/// Layout: <c>x</c> and <c>dxdt</c> are row-major, <c>rows × Dimension</c>, contiguous (row stride = Dimension).
/// An instance may hold scratch buffers, so one instance must not be evaluated from two threads at once;
/// parallel callers give each thread its own instance.
/// </remarks>
public interface IVectorField
{
    /// <summary>The state dimension d.</summary>
    int Dimension { get; }

    /// <summary>Writes f(t, x) for every row.</summary>
    /// <param name="t">The time shared by all rows.</param>
    /// <param name="x">States, rows × <see cref="Dimension"/>.</param>
    /// <param name="rows">Number of rows, at least 0.</param>
    /// <param name="dxdt">Destination, rows × <see cref="Dimension"/>; must not overlap <paramref name="x"/>.</param>
    void Evaluate(float t, ReadOnlySpan<float> x, int rows, Span<float> dxdt);
}
