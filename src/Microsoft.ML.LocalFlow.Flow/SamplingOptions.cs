using Microsoft.ML.LocalFlow.Numerics.Ode;
using Microsoft.ML.LocalFlow.Numerics.Threading;

namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>How <see cref="LocalFlowSampler"/> integrates the blocks in reverse.</summary>
public sealed record class SamplingOptions
{
    /// <summary>The solver per block (t: 1 → 0). Default RK4 with 10 steps (the PyTorch reference's sampling setting).</summary>
    public OdeSolverOptions Solver { get; init; } = OdeSolverOptions.Fixed(OdeSolverKind.Rk4, 10);

    /// <summary>Use the distilled students where a block has one (NFE = k per block). Default false.</summary>
    public bool UseDistilled { get; init; }

    /// <summary>Threads when no <see cref="Pool"/> is given; 0 = processor count. Default 0.</summary>
    public int Threads { get; init; }

    /// <summary>A pool to run on (not disposed); overrides <see cref="Threads"/>.</summary>
    public WorkerPool? Pool { get; init; }

    /// <summary>Rows integrated together per thread. Default 1024.</summary>
    public int ChunkRows { get; init; } = 1024;

    /// <summary>The defaults.</summary>
    public static SamplingOptions Default { get; } = new();

    /// <summary>Checks every property.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A property is out of range.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Solver, nameof(Solver));
        Solver.Validate();
        if (Threads < 0 || Threads > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be in [0, 1024].");
        }

        if (ChunkRows < 1 || ChunkRows > 1 << 20)
        {
            throw new ArgumentOutOfRangeException(nameof(ChunkRows), ChunkRows, "ChunkRows must be in [1, 1048576].");
        }
    }

    internal int EffectiveThreads => Pool?.ThreadCount ?? (Threads > 0 ? Threads : Environment.ProcessorCount);
}
