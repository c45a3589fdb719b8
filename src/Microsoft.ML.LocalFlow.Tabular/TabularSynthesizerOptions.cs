using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Tabular.Encoding;

namespace Microsoft.ML.LocalFlow.Tabular;

/// <summary>Options of <see cref="TabularSynthesizer.Fit"/>.</summary>
public sealed class TabularSynthesizerOptions
{
    /// <summary>The flow's options (blocks, network, iterations, seed, threads, checkpoints). Default: the flow defaults.</summary>
    public LocalFlowOptions Flow { get; set; } = new();

    /// <summary>Column encodings and bounds. Its <see cref="TabularEncoderOptions.LabelColumn"/> is overwritten by <see cref="LabelColumn"/>.</summary>
    public TabularEncoderOptions Encoder { get; set; } = new();

    /// <summary>The label column for label-conditional generation (null = unconditional).</summary>
    public string? LabelColumn { get; set; }

    /// <summary>
    /// Noisy copies of the training table stacked for training (default 1): each copy draws fresh dequantisation noise,
    /// which helps small tables with many integer or categorical columns.
    /// </summary>
    public int DequantizationCopies { get; set; } = 1;

    /// <summary>Seed of the dequantisation noise (default 0).</summary>
    public int EncodingSeed { get; set; }
}
