namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>How the learning rate changes over one block's iterations (restarted every block, as the official code creates a new optimiser per block).</summary>
public enum LearningRateScheduleKind
{
    /// <summary>Constant learning rate (after any warm-up).</summary>
    Constant = 0,

    /// <summary>Multiply by <see cref="LocalFlowOptions.LearningRateDecay"/> every <see cref="LocalFlowOptions.LearningRateStepSize"/> iterations (the official StepLR).</summary>
    Step = 1,

    /// <summary>Cosine decay from the base rate to 0 over the block, after a linear warm-up of <see cref="LocalFlowOptions.WarmupIterations"/>.</summary>
    Cosine = 2,
}
