using Microsoft.ML.LocalFlow.Numerics.Nn.Kernels;

namespace Microsoft.ML.LocalFlow.Numerics.Nn;

/// <summary>
/// Reusable buffers for training an <see cref="Mlp"/>: <see cref="Mlp.Forward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, MlpWorkspace, Threading.WorkerPool?)"/>
/// keeps every layer's input and activation derivative here, and <see cref="Mlp.Backward"/> reads them.
/// </summary>
/// <remarks>
/// Memory: about (InputWidth + (K + 2)·H)·MaxRows floats, plus K·H·MaxRows for SiLU and softplus, which keep φ'(z). Allocated once; forward and backward then allocate
/// nothing. A workspace is used by one thread at a time; give each concurrent caller its own.
/// </remarks>
public sealed class MlpWorkspace
{
    /// <summary>Allocates a training workspace for batches of up to <paramref name="maxRows"/> rows.</summary>
    /// <param name="shape">The architecture the workspace serves.</param>
    /// <param name="maxRows">The largest batch; at least 1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRows"/> is below 1 or the buffers would be too large.</exception>
    public MlpWorkspace(MlpShape shape, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.Validate();
        if (maxRows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRows), maxRows, "The maximum batch must be at least 1 row.");
        }

        int h = shape.HiddenWidth;
        CheckSize(maxRows, Math.Max(h, shape.InputWidth));
        Shape = shape;
        MaxRows = maxRows;
        Input = new float[maxRows * shape.InputWidth];
        Activations = new float[shape.HiddenLayers][];
        Derivatives = new float[shape.HiddenLayers][];
        for (int i = 0; i < shape.HiddenLayers; i++)
        {
            Activations[i] = new float[maxRows * h];
            // Only SiLU and softplus need φ'(z) kept; the others recover it from the activation.
            Derivatives[i] = ActivationKernels.StoresDerivative(shape.Activation) ? new float[maxRows * h] : [];
        }

        GradientA = new float[maxRows * h];
        GradientB = new float[maxRows * h];
    }

    /// <summary>The architecture this workspace serves.</summary>
    public MlpShape Shape { get; }

    /// <summary>The largest batch this workspace holds.</summary>
    public int MaxRows { get; }

    /// <summary>The rows of the last forward pass; 0 before the first.</summary>
    public int Rows { get; internal set; }

    internal float[] Input { get; }

    internal float[][] Activations { get; }

    internal float[][] Derivatives { get; }

    internal float[] GradientA { get; }

    internal float[] GradientB { get; }

    internal ElementwiseJob Job { get; } = new();

    // The model whose forward filled the buffers, so that Backward can refuse a mismatched model.
    internal Mlp? Owner { get; set; }

    internal static void CheckSize(int rows, int width)
    {
        if ((long)rows * width > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException("maxRows", rows, $"{rows} rows × {width} columns exceed the largest array.");
        }
    }
}
