using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Schedules;
using Microsoft.ML.LocalFlow.Tabular;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary>
/// Turns <c>lfm fit</c>'s settings into the tabular layer's options. Every value the user did not give keeps the
/// preset's value, and the presets are the tabular layer's single definition
/// (<see cref="TabularSynthesizerOptions.FromPreset(SynthesisPreset)"/>, shared with the ML.NET surface); the CLI adds
/// no modelling choice of its own.
/// </summary>
internal static class FitOptionsBuilder
{
    /// <summary>Builds the options.</summary>
    /// <param name="settings">The parsed command line.</param>
    /// <param name="checkpointDirectory">Where the flow layer writes its per-block checkpoint.</param>
    /// <returns>Options for <see cref="TabularSynthesizer.Fit"/>.</returns>
    public static TabularSynthesizerOptions Build(FitSettings settings, string checkpointDirectory)
    {
        var options = TabularSynthesizerOptions.FromPreset(ParsePreset(settings.Preset));
        LocalFlowOptions flow = options.Flow;
        flow.Schedule = ScheduleFor(settings, flow.Schedule);
        if (settings.Hidden is int hidden)
        {
            flow.HiddenWidth = hidden;
        }

        if (settings.Layers is int layers)
        {
            flow.HiddenLayers = layers;
        }

        if (settings.Iterations is int iterations)
        {
            flow.IterationsPerBlock = iterations;
        }

        if (settings.Batch is int batch)
        {
            flow.BatchSize = batch;
        }

        if (settings.LearningRate is double lr)
        {
            flow.LearningRate = lr;
        }

        if (settings.ValidationFraction is double fraction)
        {
            flow.ValidationFraction = fraction;
        }

        if (settings.Patience is int patience)
        {
            flow.EarlyStoppingPatience = patience;
        }

        if (settings.Smoothing is double smoothing)
        {
            options.Smoothing = smoothing;
        }

        if (settings.Seed is int seed)
        {
            flow.Seed = (ulong)seed;
            options.EncodingSeed = seed;
        }

        if (settings.Threads is int threads)
        {
            flow.Threads = threads;
        }

        flow.CheckpointDirectory = checkpointDirectory;
        flow.ResumeFromCheckpoint = settings.Resume;
        options.LabelColumn = settings.Label;
        return options;
    }

    /// <summary>The preset named on the command line (validated by the parser), or <see cref="SynthesisPreset.Balanced"/>.</summary>
    public static SynthesisPreset ParsePreset(string? name) =>
        name is null ? SynthesisPreset.Balanced : Enum.Parse<SynthesisPreset>(name, ignoreCase: true);

    /// <summary>
    /// The block chain: <c>--baseline-fm</c> gives one free block; <c>--step-sizes</c> is taken as written;
    /// <c>--blocks N</c> extends the default chain's geometric progression (c = its first γ, ρ = the ratio of its first
    /// two) to N blocks, the last one free; otherwise the default chain.
    /// </summary>
    public static StepSizeSchedule ScheduleFor(FitSettings settings, StepSizeSchedule defaultSchedule)
    {
        if (settings.BaselineFm)
        {
            return StepSizeSchedule.FlowMatching;
        }

        if (settings.StepSizes is { } steps)
        {
            return steps.Gammas.Count == 0 ? StepSizeSchedule.FlowMatching : StepSizeSchedule.Explicit(steps.Gammas, steps.FinalBlockFree);
        }

        if (settings.Blocks is int blocks)
        {
            // If the default chain ever has fewer than two OU steps, fall back to the official POWER progression
            // (γ₁ = 0.15, ratio 0.2 / 0.15).
            const double PowerFirstGamma = 0.15, PowerRatio = 0.2 / 0.15;
            double c = defaultSchedule.Steps[0].IsFree ? PowerFirstGamma : defaultSchedule.Steps[0].Gamma;
            double rho = defaultSchedule.Count > 2 && !defaultSchedule.Steps[1].IsFree ? defaultSchedule.Steps[1].Gamma / c : PowerRatio;
            return StepSizeSchedule.Exponential(c, rho, blocks, lastFree: true);
        }

        return defaultSchedule;
    }
}
