namespace Microsoft.ML.LocalFlow;

/// <summary>
/// The settings <c>mlContext.Generative.Sweep</c> searches, in the manner of ML.NET AutoML's <c>SearchSpace</c>: arrays are
/// choices (each value is tried about equally often), <see cref="SearchRange"/>s are sampled. The chain of a trial is
/// γ_n = <see cref="FirstStepSize"/>·<see cref="StepSizeGrowth"/>^(n−1) for n &lt; N, then a free block, with N from
/// <see cref="NumberOfBlocks"/>. Every other setting comes from <see cref="LocalFlowSweepOptions.BaseOptions"/>.
/// </summary>
public sealed class LocalFlowSearchSpace
{
    /// <summary>Blocks N (the last one free). Default 2, 3, 4, 6.</summary>
    public int[] NumberOfBlocks { get; set; } = [2, 3, 4, 6];

    /// <summary>The first OU step size γ_1. Default [0.05, 0.5], log scale.</summary>
    public SearchRange FirstStepSize { get; set; } = new(0.05, 0.5, LogScale: true);

    /// <summary>The ratio between consecutive step sizes. Default [1, 1.6].</summary>
    public SearchRange StepSizeGrowth { get; set; } = new(1.0, 1.6);

    /// <summary>Hidden width of the networks. Default 64, 128, 256.</summary>
    public int[] HiddenWidth { get; set; } = [64, 128, 256];

    /// <summary>Hidden layers (depth) of the networks. Default 2, 3, 4.</summary>
    public int[] HiddenLayers { get; set; } = [2, 3, 4];

    /// <summary>The learning rate. Default [5e-4, 5e-3], log scale.</summary>
    public SearchRange LearningRate { get; set; } = new(5e-4, 5e-3, LogScale: true);

    /// <summary>
    /// Iterations per block of a trial that reaches the last rung of successive halving; earlier rungs train with this divided
    /// by <see cref="LocalFlowSweepOptions.ReductionFactor"/> per rung to go. Default 1,000.
    /// </summary>
    public int[] IterationsPerBlock { get; set; } = [1000];

    /// <summary>Checks every dimension.</summary>
    /// <exception cref="ArgumentException">A choice list is null or empty; the parameter name is the property.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the parameter name is the property and the message gives the value.</exception>
    public void Validate()
    {
        Choices(NumberOfBlocks, 1, 1000, nameof(NumberOfBlocks));
        Choices(HiddenWidth, 1, 65536, nameof(HiddenWidth));
        Choices(HiddenLayers, 1, 64, nameof(HiddenLayers));
        Choices(IterationsPerBlock, 1, 100_000_000, nameof(IterationsPerBlock));
        FirstStepSize.Validate(nameof(FirstStepSize));
        StepSizeGrowth.Validate(nameof(StepSizeGrowth));
        LearningRate.Validate(nameof(LearningRate));
        if (FirstStepSize.Min <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(FirstStepSize), FirstStepSize, "Step sizes must be positive.");
        }

        if (StepSizeGrowth.Min <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(StepSizeGrowth), StepSizeGrowth, "The step-size ratio must be positive.");
        }

        if (LearningRate.Min <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "Learning rates must be positive.");
        }
    }

    private static void Choices(int[]? values, int min, int max, string name)
    {
        if (values is null || values.Length == 0)
        {
            throw new ArgumentException($"{name} needs at least one value.", name);
        }

        foreach (int v in values)
        {
            if (v < min || v > max)
            {
                throw new ArgumentOutOfRangeException(name, v, $"{name} holds {v}; values must be in [{min}, {max}].");
            }
        }
    }
}
