using Microsoft.ML.LocalFlow.Numerics.Optim;

namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>
/// Builds one block's optimiser (the Numerics Adam/AdamW with fused global-norm clipping) from the options, with a
/// learning-rate schedule that restarts every block, as the official code creates a new optimiser per block.
/// </summary>
internal static class BlockOptimizer
{
    public static IOptimizer Create(int parameterCount, LocalFlowOptions o)
    {
        var schedule = new BlockSchedule(o);
        float clip = o.GradientClipNorm > 0 ? (float)o.GradientClipNorm : float.PositiveInfinity;
        return o.Optimizer == OptimizerKind.AdamW
            ? new AdamW(parameterCount, schedule, weightDecay: (float)o.WeightDecay, maxGradientNorm: clip)
            : new Adam(parameterCount, schedule, maxGradientNorm: clip);
    }

    /// <summary>The learning rate at 0-based iteration <paramref name="iteration"/> of a block: linear warm-up, then constant, StepLR or cosine to 0.</summary>
    public static double LearningRate(LocalFlowOptions o, long iteration)
    {
        double lr = o.LearningRate;
        int w = o.WarmupIterations;
        if (iteration < w)
        {
            return lr * (iteration + 1) / w;
        }

        return o.LearningRateSchedule switch
        {
            LearningRateScheduleKind.Step => lr * Math.Pow(o.LearningRateDecay, iteration / o.LearningRateStepSize),
            LearningRateScheduleKind.Cosine => o.IterationsPerBlock - w <= 1 ? lr
                : lr * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1.0, (double)(iteration - w) / (o.IterationsPerBlock - w)))),
            _ => lr,
        };
    }

    private sealed class BlockSchedule(LocalFlowOptions o) : ILearningRateSchedule
    {
        public float LearningRate(long iteration) => (float)BlockOptimizer.LearningRate(o, iteration);
    }
}
