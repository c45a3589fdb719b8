namespace Microsoft.ML.LocalFlow.Numerics.Optim;

/// <summary>
/// Step decay, as the official LFM code (PyTorch StepLR stepped every iteration):
/// rate(it) = initial·γ^⌊it / stepSize⌋.
/// </summary>
public sealed class StepLearningRate : ILearningRateSchedule
{
    /// <summary>Creates a step schedule.</summary>
    /// <param name="initialRate">The rate for the first <paramref name="stepSize"/> iterations; finite and positive.</param>
    /// <param name="stepSize">Iterations between decays; at least 1.</param>
    /// <param name="gamma">The factor applied at each decay; finite and positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the parameter name says which.</exception>
    public StepLearningRate(float initialRate, int stepSize, float gamma)
    {
        InitialRate = ScheduleChecks.Positive(initialRate, nameof(initialRate));
        if (stepSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "The step size must be at least 1 iteration.");
        }

        StepSize = stepSize;
        Gamma = ScheduleChecks.Positive(gamma, nameof(gamma));
    }

    /// <summary>The rate before the first decay.</summary>
    public float InitialRate { get; }

    /// <summary>Iterations between decays.</summary>
    public int StepSize { get; }

    /// <summary>The decay factor γ.</summary>
    public float Gamma { get; }

    /// <inheritdoc />
    public float LearningRate(long iteration)
    {
        ScheduleChecks.Iteration(iteration);
        return (float)(InitialRate * Math.Pow(Gamma, iteration / StepSize));
    }
}
