using Microsoft.ML.LocalFlow.Numerics.Nn;

namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>
/// A k-step student of a block's reverse ODE map: starting from x at t = 1, for j = k … 1,
/// x ← x + s(t_j, x[, c]) with t_j = j/k, approximating the teacher's solution at t_{j−1} (so x ends near x(0)).
/// NFE per block = <see cref="Steps"/>.
/// </summary>
public sealed class DistilledStudent
{
    /// <summary>Creates a student.</summary>
    /// <param name="network">The residual map s; same input layout as the teacher.</param>
    /// <param name="steps">k, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is below 1.</exception>
    public DistilledStudent(Mlp network, int steps)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        Network = network;
        Steps = steps;
    }

    /// <summary>The residual network s(t, x[, c]).</summary>
    public Mlp Network { get; }

    /// <summary>k: student evaluations per block.</summary>
    public int Steps { get; }
}
