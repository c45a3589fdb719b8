using Microsoft.ML.LocalFlow.Flow.Schedules;
using Microsoft.ML.LocalFlow.Numerics.Nn;

namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>
/// One trained block of the chain: the velocity field v_n(t, x[, c]) that transports the block's data-side
/// distribution (t = 0) to its noise-side distribution (t = 1), and optionally a distilled student of its reverse map.
/// </summary>
public sealed class LocalFlowBlock
{
    /// <summary>Creates a block.</summary>
    /// <param name="step">The block's OU step (or free).</param>
    /// <param name="network">The velocity field; input [x, time features, condition].</param>
    /// <param name="student">A distilled student, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    public LocalFlowBlock(BlockStep step, Mlp network, DistilledStudent? student = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        Step = step;
        Network = network;
        Student = student;
    }

    /// <summary>The OU step size of the block (or free).</summary>
    public BlockStep Step { get; }

    /// <summary>The velocity field.</summary>
    public Mlp Network { get; }

    /// <summary>The distilled student of the reverse map x(1) → x(0), or null.</summary>
    public DistilledStudent? Student { get; }
}
