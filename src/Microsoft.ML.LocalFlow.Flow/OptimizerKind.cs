namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>The optimiser that trains each block's velocity field.</summary>
public enum OptimizerKind
{
    /// <summary>Adam with bias correction (the official code).</summary>
    Adam = 0,

    /// <summary>Adam with decoupled weight decay (<see cref="LocalFlowOptions.WeightDecay"/>).</summary>
    AdamW = 1,
}
