namespace Microsoft.ML.LocalFlow.Numerics.Ode;

/// <summary>What an integration cost.</summary>
/// <param name="FunctionEvaluations">
/// Network/field evaluations each row went through (NFE): the maximum over the chunks the rows were split into.
/// For fixed-step solvers this is steps × stages; for Dopri5 it includes rejected steps and the initial-step probe.
/// </param>
/// <param name="AcceptedSteps">Accepted steps, summed over chunks.</param>
/// <param name="RejectedSteps">Rejected Dopri5 steps, summed over chunks (0 for fixed-step solvers).</param>
public readonly record struct OdeStatistics(int FunctionEvaluations, long AcceptedSteps, long RejectedSteps)
{
    /// <summary>Combines the costs of two disjoint sets of rows integrated over the same interval (NFE: max; steps: sum).</summary>
    /// <param name="other">The other statistics.</param>
    /// <returns>The combined statistics.</returns>
    public OdeStatistics CombineRows(OdeStatistics other) => new(
        Math.Max(FunctionEvaluations, other.FunctionEvaluations),
        AcceptedSteps + other.AcceptedSteps,
        RejectedSteps + other.RejectedSteps);

    /// <summary>Combines the costs of two consecutive integrations of the same rows (everything adds up).</summary>
    /// <param name="other">The later integration.</param>
    /// <returns>The combined statistics.</returns>
    public OdeStatistics Then(OdeStatistics other) => new(
        FunctionEvaluations + other.FunctionEvaluations,
        AcceptedSteps + other.AcceptedSteps,
        RejectedSteps + other.RejectedSteps);
}
