namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary>The ODE solvers <c>--solver</c> names (mapped to the flow layer's solver kinds).</summary>
internal enum SolverName
{
    /// <summary>Classic fixed-step fourth-order Runge-Kutta.</summary>
    Rk4,

    /// <summary>Adaptive Dormand-Prince 5(4) with rtol/atol.</summary>
    Dopri5,

    /// <summary>Fixed-step explicit Euler.</summary>
    Euler,

    /// <summary>Fixed-step Heun (explicit trapezoid).</summary>
    Heun,
}
