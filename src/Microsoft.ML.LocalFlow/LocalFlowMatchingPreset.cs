namespace Microsoft.ML.LocalFlow;

/// <summary>
/// Named starting points for <see cref="LocalFlowMatchingOptions"/>, from quick smoke runs to the paper's tabular settings.
/// Start from one with <see cref="LocalFlowMatchingOptions.FromPreset(LocalFlowMatchingPreset)"/> and override what you need.
/// </summary>
public enum LocalFlowMatchingPreset
{
    /// <summary>
    /// Seconds on a laptop for a few thousand rows: 2 blocks (γ = 0.5, then free), a 64 × 2 network, 300 iterations per block,
    /// batch 256. Good enough to check a pipeline end to end; expect a visibly lower Quality Score.
    /// </summary>
    Fast = 0,

    /// <summary>
    /// The default (what <c>new LocalFlowMatchingOptions()</c> holds): the official 4-block POWER chain (0.15, 0.2, 0.26, free),
    /// a 128 × 3 network, 1,000 iterations per block, batch 512.
    /// </summary>
    Balanced = 1,

    /// <summary>
    /// The paper's tabular scale: the POWER chain, a 256 × 3 network, 4,000 iterations per block, batch 1,024, with a 10 %
    /// validation split and early stopping (patience 5 evaluations) so that small tables do not over-fit.
    /// </summary>
    Quality = 2,
}
