using Microsoft.ML.LocalFlow.Flow.Schedules;

namespace Microsoft.ML.LocalFlow;

/// <summary>The searched settings of one sweep trial.</summary>
/// <param name="StepSizes">The chain of blocks (its count is the number of blocks).</param>
/// <param name="HiddenWidth">Hidden width.</param>
/// <param name="HiddenLayers">Hidden layers.</param>
/// <param name="LearningRate">Learning rate.</param>
/// <param name="IterationsPerBlock">Iterations per block this trial trained with (its rung's share of the configuration's budget).</param>
public sealed record LocalFlowTrialParameters(StepSizeSchedule StepSizes, int HiddenWidth, int HiddenLayers, double LearningRate, int IterationsPerBlock)
{
    /// <summary>Number of blocks.</summary>
    public int NumberOfBlocks => StepSizes.Count;

    /// <summary>A copy of <paramref name="baseOptions"/> with these settings.</summary>
    /// <param name="baseOptions">The other settings.</param>
    /// <returns>The options of the trial.</returns>
    public LocalFlowMatchingOptions ApplyTo(LocalFlowMatchingOptions baseOptions)
    {
        ArgumentNullException.ThrowIfNull(baseOptions);
        LocalFlowMatchingOptions o = baseOptions.Clone();
        o.StepSizes = StepSizes;
        o.HiddenWidth = HiddenWidth;
        o.HiddenLayers = HiddenLayers;
        o.LearningRate = LearningRate;
        o.IterationsPerBlock = IterationsPerBlock;
        return o;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        FormattableString.Invariant(
            $"blocks {NumberOfBlocks} ({string.Join(",", StepSizes.Steps.Select(s => s.IsFree ? "free" : s.Gamma.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)))}), {HiddenWidth}×{HiddenLayers}, lr {LearningRate:G3}, {IterationsPerBlock} it/block");
}
