namespace Microsoft.ML.LocalFlow.Numerics.Optim;

/// <summary>A learning rate as a function of the 0-based iteration (the number of optimizer steps already taken).</summary>
public interface ILearningRateSchedule
{
    /// <summary>The rate for step number <paramref name="iteration"/> (0 for the first step).</summary>
    /// <param name="iteration">Steps already taken; at least 0.</param>
    /// <returns>A finite, non-negative rate.</returns>
    float LearningRate(long iteration);
}
