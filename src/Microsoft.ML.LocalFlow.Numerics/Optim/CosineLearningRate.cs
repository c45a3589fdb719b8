namespace Microsoft.ML.LocalFlow.Numerics.Optim;

/// <summary>
/// Linear warm-up then cosine decay: rate(it) = peak·(it + 1)/W for it &lt; W; then
/// min + ½(peak − min)(1 + cos(π·(it − W)/(T − W))) for W ≤ it &lt; T; min from T on.
/// </summary>
public sealed class CosineLearningRate : ILearningRateSchedule
{
    /// <summary>Creates a cosine schedule with linear warm-up.</summary>
    /// <param name="peakRate">The rate at the end of warm-up; finite and positive.</param>
    /// <param name="warmupIterations">W, iterations of linear warm-up; at least 0.</param>
    /// <param name="totalIterations">T, the iteration where the decay reaches the minimum; greater than W.</param>
    /// <param name="minimumRate">The floor; in [0, peak].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the parameter name says which.</exception>
    public CosineLearningRate(float peakRate, int warmupIterations, int totalIterations, float minimumRate = 0f)
    {
        PeakRate = ScheduleChecks.Positive(peakRate, nameof(peakRate));
        if (warmupIterations < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(warmupIterations), warmupIterations, "Warm-up iterations cannot be negative.");
        }

        if (totalIterations <= warmupIterations)
        {
            throw new ArgumentOutOfRangeException(nameof(totalIterations), totalIterations, $"Total iterations must exceed the warm-up ({warmupIterations}).");
        }

        if (!(minimumRate >= 0f && minimumRate <= peakRate))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumRate), minimumRate, $"The minimum rate must be in [0, {peakRate}].");
        }

        WarmupIterations = warmupIterations;
        TotalIterations = totalIterations;
        MinimumRate = minimumRate;
    }

    /// <summary>The rate at the end of warm-up.</summary>
    public float PeakRate { get; }

    /// <summary>W.</summary>
    public int WarmupIterations { get; }

    /// <summary>T.</summary>
    public int TotalIterations { get; }

    /// <summary>The floor.</summary>
    public float MinimumRate { get; }

    /// <inheritdoc />
    public float LearningRate(long iteration)
    {
        ScheduleChecks.Iteration(iteration);
        if (iteration < WarmupIterations)
        {
            return (float)((double)PeakRate * (iteration + 1) / WarmupIterations);
        }

        if (iteration >= TotalIterations)
        {
            return MinimumRate;
        }

        double progress = (double)(iteration - WarmupIterations) / (TotalIterations - WarmupIterations);
        return (float)(MinimumRate + 0.5 * (PeakRate - MinimumRate) * (1 + Math.Cos(Math.PI * progress)));
    }
}
