using Microsoft.ML.LocalFlow.Tabular;

namespace Microsoft.ML.LocalFlow;

/// <summary>
/// Named starting points for <see cref="LocalFlowMatchingOptions"/>. Each maps onto the tabular layer's single definition,
/// <see cref="SynthesisPreset"/> (values in <see cref="TabularSynthesizerOptions.FromPreset(SynthesisPreset)"/>), which the
/// CLI's <c>lfm fit --preset</c> uses too. Start from one with
/// <see cref="LocalFlowMatchingOptions.FromPreset(LocalFlowMatchingPreset)"/> and override what you need.
/// </summary>
public enum LocalFlowMatchingPreset
{
    /// <summary>
    /// <see cref="SynthesisPreset.Fast"/>: 2 blocks (γ = 0.5, then free), a 64 × 2 network, 300 iterations per block,
    /// batch 256, learning rate 3e-3. Seconds for a few thousand rows; checks a pipeline end to end at a visibly lower
    /// Quality Score.
    /// </summary>
    Fast = 0,

    /// <summary>
    /// <see cref="SynthesisPreset.Balanced"/>, the default (what <c>new LocalFlowMatchingOptions()</c> holds): the official
    /// 4-block POWER chain (0.15, 0.2, 0.26, free), a 256 × 3 network, 1,000 iterations per block, batch 1,024,
    /// learning rate 5e-3.
    /// </summary>
    Balanced = 1,

    /// <summary>
    /// <see cref="SynthesisPreset.Quality"/>: Balanced with 2,000 iterations per block (an upper bound), a 10 % validation
    /// split and early stopping after 5 evaluations without improvement, so that small tables do not over-fit.
    /// </summary>
    Quality = 2,
}
