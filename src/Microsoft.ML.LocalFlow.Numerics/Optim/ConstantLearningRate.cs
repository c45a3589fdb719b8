namespace Microsoft.ML.LocalFlow.Numerics.Optim;

/// <summary>The same rate at every iteration.</summary>
public sealed class ConstantLearningRate : ILearningRateSchedule
{
    /// <summary>Creates a constant schedule.</summary>
    /// <param name="rate">The rate; finite and positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not finite and positive.</exception>
    public ConstantLearningRate(float rate)
    {
        Rate = ScheduleChecks.Positive(rate, nameof(rate));
    }

    /// <summary>The rate.</summary>
    public float Rate { get; }

    /// <inheritdoc />
    public float LearningRate(long iteration) => Rate;
}
