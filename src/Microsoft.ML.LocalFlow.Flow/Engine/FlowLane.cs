using Microsoft.ML.LocalFlow.Numerics.Nn;
using Microsoft.ML.LocalFlow.Numerics.Ode;

namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>
/// Everything one thread needs to integrate chunks of rows: a solver, a field per network shape (each with its
/// inference workspace) and scratch buffers. Allocated once per engine; reused for every chunk.
/// </summary>
internal sealed class FlowLane
{
    private readonly List<MlpVelocityField> _fields = [];

    public FlowLane(int flowDimension, int conditionDimension, int chunkRows)
    {
        ChunkRows = chunkRows;
        Solver = new OdeSolver(flowDimension, chunkRows);
        X = new float[chunkRows * flowDimension];
        Scratch = new float[Math.Max(chunkRows, FlowEngine.NoiseBlockRows) * flowDimension];
        LogDet = new double[chunkRows];
        Condition = new float[Math.Max(1, chunkRows * conditionDimension)];
    }

    public int ChunkRows { get; }

    public OdeSolver Solver { get; }

    /// <summary>The chunk's states, ChunkRows × d.</summary>
    public float[] X { get; }

    /// <summary>Noise / student outputs, at least ChunkRows × d.</summary>
    public float[] Scratch { get; }

    public double[] LogDet { get; }

    /// <summary>The chunk's condition rows, ChunkRows × c.</summary>
    public float[] Condition { get; }

    /// <summary>The statistics of the chunks this lane ran in the current job.</summary>
    public OdeStatistics Statistics { get; set; }

    /// <summary>A field for networks of <paramref name="shape"/>, created on first use.</summary>
    public MlpVelocityField Field(MlpShape shape)
    {
        foreach (MlpVelocityField f in _fields)
        {
            if (f.Shape.Equals(shape))
            {
                return f;
            }
        }

        var field = new MlpVelocityField(new MlpInferenceWorkspace(shape, ChunkRows));
        _fields.Add(field);
        return field;
    }
}
