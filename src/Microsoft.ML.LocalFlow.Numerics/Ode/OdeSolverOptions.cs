namespace Microsoft.ML.LocalFlow.Numerics.Ode;

/// <summary>How an <see cref="OdeSolver"/> integrates: the scheme and its step count or tolerances.</summary>
public sealed record class OdeSolverOptions
{
    /// <summary>The scheme. Default <see cref="OdeSolverKind.Rk4"/>.</summary>
    public OdeSolverKind Kind { get; init; } = OdeSolverKind.Rk4;

    /// <summary>Number of equal steps over the interval for fixed-step schemes. Default 10 (the reference's push-forward). Ignored by Dopri5.</summary>
    public int Steps { get; init; } = 10;

    /// <summary>Dopri5 relative tolerance. Default 1e-5 (as the official code).</summary>
    public double RelativeTolerance { get; init; } = 1e-5;

    /// <summary>Dopri5 absolute tolerance. Default 1e-5 (as the official code).</summary>
    public double AbsoluteTolerance { get; init; } = 1e-5;

    /// <summary>Dopri5: how a chunk's errors combine. Default <see cref="Dopri5ErrorNorm.ChunkRms"/> (as torchdiffeq).</summary>
    public Dopri5ErrorNorm ErrorNorm { get; init; } = Dopri5ErrorNorm.ChunkRms;

    /// <summary>Dopri5: most attempted steps (accepted + rejected) per chunk before giving up. Default 10,000.</summary>
    public int MaxSteps { get; init; } = 10_000;

    /// <summary>Fixed-step RK4 with 10 steps (the PyTorch reference's push-forward and sampling setting).</summary>
    public static OdeSolverOptions Default { get; } = new();

    /// <summary>Creates fixed-step options.</summary>
    /// <param name="kind">Euler, Heun or Rk4.</param>
    /// <param name="steps">Steps over the interval.</param>
    /// <returns>The options.</returns>
    public static OdeSolverOptions Fixed(OdeSolverKind kind, int steps) => new OdeSolverOptions { Kind = kind, Steps = steps }.Validated();

    /// <summary>Creates Dopri5 options.</summary>
    /// <param name="relativeTolerance">rtol &gt; 0.</param>
    /// <param name="absoluteTolerance">atol &gt; 0.</param>
    /// <returns>The options.</returns>
    public static OdeSolverOptions Adaptive(double relativeTolerance = 1e-5, double absoluteTolerance = 1e-5) =>
        new OdeSolverOptions { Kind = OdeSolverKind.Dopri5, RelativeTolerance = relativeTolerance, AbsoluteTolerance = absoluteTolerance }.Validated();

    /// <summary>Checks every property.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A property is out of range; the message names it and its value.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind))
        {
            throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown ODE solver kind.");
        }

        if (Kind != OdeSolverKind.Dopri5 && Steps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "A fixed-step solver needs at least 1 step.");
        }

        if (!(RelativeTolerance > 0) || !double.IsFinite(RelativeTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(RelativeTolerance), RelativeTolerance, "The relative tolerance must be positive and finite.");
        }

        if (!(AbsoluteTolerance > 0) || !double.IsFinite(AbsoluteTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(AbsoluteTolerance), AbsoluteTolerance, "The absolute tolerance must be positive and finite.");
        }

        if (!Enum.IsDefined(ErrorNorm))
        {
            throw new ArgumentOutOfRangeException(nameof(ErrorNorm), ErrorNorm, "Unknown Dopri5 error norm.");
        }

        if (MaxSteps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSteps), MaxSteps, "MaxSteps must be at least 1.");
        }
    }

    /// <summary>The number of field evaluations per step of a fixed-step scheme (Euler 1, Heun 2, RK4 4); 0 for Dopri5.</summary>
    public int StagesPerStep => Kind switch
    {
        OdeSolverKind.Euler => 1,
        OdeSolverKind.Heun => 2,
        OdeSolverKind.Rk4 => 4,
        _ => 0,
    };

    private OdeSolverOptions Validated()
    {
        Validate();
        return this;
    }
}
