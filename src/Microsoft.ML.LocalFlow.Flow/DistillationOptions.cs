using Microsoft.ML.LocalFlow.Numerics.Ode;

namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>How <see cref="LocalFlowDistiller"/> trains the per-block students.</summary>
public sealed record class DistillationOptions
{
    /// <summary>k: student evaluations per block (1 = one-step map). Default 1.</summary>
    public int Steps { get; init; } = 1;

    /// <summary>Teacher trajectories generated per block (training pairs). Default 50,000.</summary>
    public int Pairs { get; init; } = 50_000;

    /// <summary>
    /// Optimiser iterations per block. Default 6000: measured against 2000 (docs/perf/flow.md, `quick --case distill`), it cuts
    /// a one-step student's excess cross-entropy 2.5–7× (ring +0.065 → +0.009 nats, 6-D mixture +0.62 → +0.25, Old Faithful
    /// +0.093 → +0.024 teacher CE) for little extra time where the teacher's pairs dominate (Old Faithful, 4 × 256 × 3: 194 s
    /// against 207 s), about 2.5× the time on small networks (ring, 96 × 3: 52 s against 17–22 s).
    /// </summary>
    public int Iterations { get; init; } = 6000;

    /// <summary>Pairs per iteration. Default 1024.</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>Base learning rate (cosine decay to 0 over the block). Default 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>The teacher's solver for the pairs. Default RK4 with 20 steps per block.</summary>
    public OdeSolverOptions Teacher { get; init; } = OdeSolverOptions.Fixed(OdeSolverKind.Rk4, 20);

    /// <summary>Seed of the teacher's noise, the students' batches and initialisation. Default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>Threads; 0 = processor count. Default 0.</summary>
    public int Threads { get; init; }

    /// <summary>The defaults.</summary>
    public static DistillationOptions Default { get; } = new();

    /// <summary>Checks every property.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A property is out of range.</exception>
    public void Validate()
    {
        Check(Steps, 1, 1024, nameof(Steps));
        Check(Pairs, 1, 50_000_000, nameof(Pairs));
        Check(Iterations, 1, 100_000_000, nameof(Iterations));
        Check(BatchSize, 1, 10_000_000, nameof(BatchSize));
        Check(Threads, 0, 1024, nameof(Threads));
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be positive and finite.");
        }

        ArgumentNullException.ThrowIfNull(Teacher, nameof(Teacher));
        Teacher.Validate();
    }

    private static void Check(int v, int min, int max, string name)
    {
        if (v < min || v > max)
        {
            throw new ArgumentOutOfRangeException(name, v, $"{name} must be in [{min}, {max}].");
        }
    }
}
