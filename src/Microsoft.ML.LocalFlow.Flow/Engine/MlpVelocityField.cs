using Microsoft.ML.LocalFlow.Numerics.Nn;
using Microsoft.ML.LocalFlow.Numerics.Ode;
using Microsoft.ML.LocalFlow.Numerics.Random;

namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>
/// Adapts an <see cref="Mlp"/> velocity field v(t, x, c) to the solver seam. One instance per thread: it owns the
/// inference workspace. The condition rows of the chunk being integrated are set before each integration
/// (they are carried with the rows, never integrated).
/// </summary>
internal sealed class MlpVelocityField : IDivergenceVectorField
{
    private readonly MlpInferenceWorkspace _workspace;

    public MlpVelocityField(MlpInferenceWorkspace workspace)
    {
        _workspace = workspace;
        Dimension = workspace.Shape.DataDimension;
        ConditionDimension = workspace.Shape.ConditionDimension;
    }

    public int Dimension { get; }

    public int ConditionDimension { get; }

    public MlpShape Shape => _workspace.Shape;

    /// <summary>The network evaluated; must have the workspace's shape.</summary>
    public Mlp? Network { get; set; }

    /// <summary>rows × c conditions of the current chunk (empty when c = 0).</summary>
    public ReadOnlyMemory<float> Condition { get; set; }

    /// <summary>0 for the exact divergence, else the number of Hutchinson probes per row.</summary>
    public int HutchinsonProbes { get; set; }

    /// <summary>Probe source for Hutchinson (reseeded per chunk by the caller).</summary>
    public Rng? ProbeRng { get; set; }

    /// <summary>Threads for the network's GEMMs (only when the engine parallelises inside the network), else null.</summary>
    public Numerics.Threading.WorkerPool? GemmPool { get; set; }

    public void Evaluate(float t, ReadOnlySpan<float> x, int rows, Span<float> dxdt)
    {
        ReadOnlySpan<float> ts = [t];
        int n = rows * Dimension;
        Network!.Forward(ts, x.Slice(0, n), Condition.Span.Slice(0, rows * ConditionDimension), rows, dxdt.Slice(0, n), _workspace, GemmPool);
    }

    public void EvaluateWithDivergence(float t, ReadOnlySpan<float> x, int rows, Span<float> dxdt, Span<float> divergence)
    {
        ReadOnlySpan<float> ts = [t];
        int n = rows * Dimension;
        ReadOnlySpan<float> c = Condition.Span.Slice(0, rows * ConditionDimension);
        if (HutchinsonProbes > 0)
        {
            Network!.ForwardWithDivergenceEstimate(ts, x.Slice(0, n), c, rows, dxdt.Slice(0, n), divergence.Slice(0, rows),
                HutchinsonProbes, ProbeRng!, _workspace, GemmPool);
        }
        else
        {
            Network!.ForwardWithDivergence(ts, x.Slice(0, n), c, rows, dxdt.Slice(0, n), divergence.Slice(0, rows), _workspace, GemmPool);
        }
    }
}
