namespace Microsoft.ML.LocalFlow.Numerics.Optim;

/// <summary>Exponential decay: rate(it) = initial·γ^it.</summary>
public sealed class ExponentialLearningRate : ILearningRateSchedule
{
    /// <summary>Creates an exponential schedule.</summary>
    /// <param name="initialRate">The rate at iteration 0; finite and positive.</param>
    /// <param name="gamma">The per-iteration factor; finite and positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the parameter name says which.</exception>
    public ExponentialLearningRate(float initialRate, float gamma)
    {
        InitialRate = ScheduleChecks.Positive(initialRate, nameof(initialRate));
        Gamma = ScheduleChecks.Positive(gamma, nameof(gamma));
    }

    /// <summary>The rate at iteration 0.</summary>
    public float InitialRate { get; }

    /// <summary>The per-iteration factor γ.</summary>
    public float Gamma { get; }

    /// <inheritdoc />
    public float LearningRate(long iteration)
    {
        ScheduleChecks.Iteration(iteration);
        return (float)(InitialRate * Math.Pow(Gamma, iteration));
    }
}
