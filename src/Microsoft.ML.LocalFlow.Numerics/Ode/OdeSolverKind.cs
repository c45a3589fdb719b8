namespace Microsoft.ML.LocalFlow.Numerics.Ode;

/// <summary>The integration scheme an <see cref="OdeSolver"/> uses.</summary>
public enum OdeSolverKind
{
    /// <summary>Explicit Euler: 1 evaluation per step, global order 1.</summary>
    Euler = 0,

    /// <summary>Heun (explicit trapezoid): 2 evaluations per step, global order 2.</summary>
    Heun = 1,

    /// <summary>Classical Runge–Kutta: 4 evaluations per step, global order 4.</summary>
    Rk4 = 2,

    /// <summary>
    /// Adaptive Dormand–Prince 5(4) with first-same-as-last: about 6 evaluations per accepted step;
    /// the step size follows <see cref="OdeSolverOptions.RelativeTolerance"/> and <see cref="OdeSolverOptions.AbsoluteTolerance"/>.
    /// </summary>
    Dopri5 = 3,
}
