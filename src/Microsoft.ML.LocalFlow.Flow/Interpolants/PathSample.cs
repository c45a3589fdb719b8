namespace Microsoft.ML.LocalFlow.Flow.Interpolants;

/// <summary>
/// A batch of training points on the path: endpoints <see cref="X0"/>, <see cref="X1"/>, times <see cref="T"/>,
/// and what an <see cref="IInterpolant"/> computes from them, <see cref="Xt"/> = I_t and <see cref="DxDt"/> = ∂I_t/∂t.
/// </summary>
/// <remarks>Buffers are allocated once for <see cref="Capacity"/> rows and reused every batch (row-major, rows × <see cref="Dimension"/>).</remarks>
public sealed class PathSample
{
    /// <summary>Allocates buffers for up to <paramref name="capacity"/> rows of dimension <paramref name="dimension"/>.</summary>
    /// <param name="capacity">Rows, at least 1.</param>
    /// <param name="dimension">Dimension d, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is below 1.</exception>
    public PathSample(int capacity, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Capacity = capacity;
        Dimension = dimension;
        Rows = capacity;
        X0 = new float[capacity * dimension];
        X1 = new float[capacity * dimension];
        Xt = new float[capacity * dimension];
        DxDt = new float[capacity * dimension];
        T = new float[capacity];
    }

    /// <summary>Rows the buffers hold.</summary>
    public int Capacity { get; }

    /// <summary>Dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Rows in use, in [0, <see cref="Capacity"/>].</summary>
    public int Rows
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Capacity);
            field = value;
        }
    }

    /// <summary>Data-side endpoints x_l, rows × d.</summary>
    public float[] X0 { get; }

    /// <summary>Noise-side endpoints x_r, rows × d.</summary>
    public float[] X1 { get; }

    /// <summary>Times, one per row, in [0, 1].</summary>
    public float[] T { get; }

    /// <summary>I_t, rows × d (the network's input).</summary>
    public float[] Xt { get; }

    /// <summary>∂I_t/∂t, rows × d (the regression target).</summary>
    public float[] DxDt { get; }
}
