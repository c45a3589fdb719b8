using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Schedules;
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

    /// <summary>
    /// Options holding preset <paramref name="preset"/>: the single definition used by the CLI (<c>--preset</c>) and the
    /// ML.NET surface (<c>LocalFlowMatchingOptions.FromPreset</c>). What each preset sets, and why, is on
    /// <see cref="SynthesisPreset"/>; settings a preset does not name keep their defaults.
    /// </summary>
    /// <param name="preset">The preset.</param>
    /// <returns>New options; change any property afterwards.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="preset"/> is not a defined preset.</exception>
    public static TabularSynthesizerOptions FromPreset(SynthesisPreset preset)
    {
        var options = new TabularSynthesizerOptions();
        LocalFlowOptions flow = options.Flow;
        switch (preset)
        {
            case SynthesisPreset.Fast:
                flow.Schedule = StepSizeSchedule.Explicit([0.5], lastFree: true);
                flow.HiddenWidth = 64;
                flow.HiddenLayers = 2;
                flow.IterationsPerBlock = 300;
                flow.BatchSize = 256;
                flow.LearningRate = 3e-3;
                break;
            case SynthesisPreset.Balanced:
                break;
            case SynthesisPreset.Quality:
                flow.IterationsPerBlock *= 2;
                flow.ValidationFraction = 0.1;
                flow.EarlyStoppingPatience = 5;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(preset), preset, $"Unknown preset {preset}; use Fast, Balanced or Quality.");
        }

        return options;
    }
}
