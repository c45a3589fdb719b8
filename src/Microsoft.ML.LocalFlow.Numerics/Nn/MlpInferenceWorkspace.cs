using Microsoft.ML.LocalFlow.Numerics.Nn.Kernels;

namespace Microsoft.ML.LocalFlow.Numerics.Nn;

/// <summary>
/// Reusable buffers for inference with an <see cref="Mlp"/>: the forward pass without gradient buffers, and the
/// divergence tr(∂v/∂x) by forward-mode tangents. Several threads may evaluate the same <see cref="Mlp"/> at once,
/// each with its own workspace.
/// </summary>
/// <remarks>
/// The forward pass uses (InputWidth + 2H)·MaxRows floats. The first divergence call also allocates tangent buffers,
/// processing rows in chunks so that one tangent buffer (chunk·probes × H) stays near <see cref="TangentBudget"/>
/// floats; later calls with at most as many probes allocate nothing.
/// </remarks>
public sealed class MlpInferenceWorkspace
{
    /// <summary>The target size, in floats, of one tangent buffer (chunk rows · probes · H).</summary>
    public const int TangentBudget = 1 << 20;

    /// <summary>Allocates an inference workspace for batches of up to <paramref name="maxRows"/> rows.</summary>
    /// <param name="shape">The architecture the workspace serves.</param>
    /// <param name="maxRows">The largest batch; at least 1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRows"/> is below 1 or the buffers would be too large.</exception>
    public MlpInferenceWorkspace(MlpShape shape, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.Validate();
        if (maxRows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRows), maxRows, "The maximum batch must be at least 1 row.");
        }

        MlpWorkspace.CheckSize(maxRows, Math.Max(shape.HiddenWidth, shape.InputWidth));
        Shape = shape;
        MaxRows = maxRows;
        Input = new float[maxRows * shape.InputWidth];
        BufferA = new float[maxRows * shape.HiddenWidth];
        BufferB = new float[maxRows * shape.HiddenWidth];
    }

    /// <summary>The architecture this workspace serves.</summary>
    public MlpShape Shape { get; }

    /// <summary>The largest batch this workspace holds.</summary>
    public int MaxRows { get; }

    internal float[] Input { get; }

    internal float[] BufferA { get; }

    internal float[] BufferB { get; }

    internal float[] Derivative { get; private set; } = [];

    internal float[] TangentA { get; private set; } = [];

    internal float[] TangentB { get; private set; } = [];

    internal float[] Probes { get; private set; } = [];

    internal float[] OutputTangent { get; private set; } = [];

    internal ElementwiseJob Job { get; } = new();

    /// <summary>Rows per divergence chunk for <paramref name="probes"/> tangent directions per row.</summary>
    internal int ChunkRows(int probes)
    {
        long perRow = (long)probes * Math.Max(Shape.HiddenWidth, Shape.DataDimension);
        return (int)Math.Clamp(TangentBudget / perRow, 1, MaxRows);
    }

    /// <summary>Makes sure the tangent buffers hold <paramref name="chunkRows"/>·<paramref name="probes"/> rows.</summary>
    internal void EnsureTangents(int chunkRows, int probes)
    {
        int h = Shape.HiddenWidth;
        int d = Shape.DataDimension;
        long tangentRows = (long)chunkRows * probes;
        if (tangentRows * Math.Max(h, d) > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(probes), probes, "Too many probes for one tangent buffer.");
        }

        if (TangentA.Length < tangentRows * h)
        {
            TangentA = new float[tangentRows * h];
            TangentB = new float[tangentRows * h];
        }

        if (OutputTangent.Length < tangentRows * d)
        {
            OutputTangent = new float[tangentRows * d];
            Probes = new float[tangentRows * d];
        }

        if (Derivative.Length < (long)chunkRows * h)
        {
            Derivative = new float[chunkRows * h];
        }
    }
}
