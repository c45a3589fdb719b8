namespace Microsoft.ML.LocalFlow.Tabular;

/// <summary>
/// The one definition of the named starting configurations of a fit, shared by every entry point: the CLI's
/// <c>lfm fit --preset fast|balanced|quality</c> and the ML.NET surface's <c>LocalFlowMatchingOptions.FromPreset</c> both
/// map onto this enum and take their values from <see cref="TabularSynthesizerOptions.FromPreset(SynthesisPreset)"/>.
/// The measurements behind each value are in docs/tabular.md "Presets".
/// </summary>
public enum SynthesisPreset
{
    /// <summary>
    /// A quick first look: 2 blocks (γ = 0.5, then free), a 64 × 2 network, 300 iterations per block, batch 256,
    /// learning rate 3e-3. About 3–4 s on penguins (344 rows) with Quality Score 0.926 against 0.946 for
    /// <see cref="Balanced"/>: good enough to check a pipeline end to end, visibly less faithful.
    /// </summary>
    Fast = 0,

    /// <summary>
    /// The default, i.e. <c>new TabularSynthesizerOptions()</c> unchanged: the flow layer's measured configuration
    /// (<c>LocalFlowOptions</c>: the official POWER chain 0.15, 0.2, 0.26, free; a 256 × 3 network; 1,000 iterations per
    /// block; batch 1,024; learning rate 5e-3, cosine) and the tabular encoding defaults.
    /// </summary>
    Balanced = 1,

    /// <summary>
    /// <see cref="Balanced"/> with twice the iterations (2,000 per block, now an upper bound) and a 10 % validation split
    /// with early stopping after 5 evaluations without improvement, keeping each block's best weights. The split guards
    /// small tables, which the memorisation study shows are copied more the longer they are trained.
    /// </summary>
    Quality = 2,
}
