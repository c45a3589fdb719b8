using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.LocalFlow.Cli.Infrastructure;
using Microsoft.ML.LocalFlow.Cli.Rendering;
using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Tabular;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary>
/// Executes <c>lfm distill</c>: loads the model, distils it with <see cref="TabularSynthesizer.Distill"/> (students trained on
/// the model's label marginal, if it has a label), and writes the teacher, its students and the unchanged table encoder.
/// </summary>
internal static class DistillRunner
{
    /// <summary>Runs the command.</summary>
    public static ExitCode Execute(string modelPath, string outputPath, int? iterations, int? pairs, int? steps, int? seed, int? threads, bool quiet, CliContext context)
    {
        AtomicFile.CheckTarget(outputPath);
        TabularSynthesizer teacher = ModelFiles.Load(modelPath);
        DistillationOptions defaults = DistillationOptions.Default;
        DistillationOptions options = defaults with
        {
            Iterations = iterations ?? defaults.Iterations,
            Pairs = pairs ?? defaults.Pairs,
            Steps = steps ?? defaults.Steps,
            Seed = seed is int s ? (ulong)s : defaults.Seed,
            Threads = threads ?? defaults.Threads,
        };

        var clock = Stopwatch.StartNew();
        TabularSynthesizer student = FitProgressDisplay.Run(
            context,
            display => teacher.Distill(options, new LocalFlowProgressAdapter(display), context.CancellationToken),
            quiet);
        clock.Stop();
        AtomicFile.Write(outputPath, student.Save);

        LocalFlowModel distilled = student.Model;
        int teacherNfe = distilled.Blocks.Count * SamplingOptions.Default.Solver.Steps * SamplingOptions.Default.Solver.StagesPerStep;
        int studentNfe = distilled.Blocks.Sum(b => b.Student?.Steps ?? 0);
        context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"distilled {distilled.Blocks.Count} blocks ({options.Iterations} iterations each) in {FitProgressDisplay.FormatDuration(clock.Elapsed)}; wrote '{outputPath}'"));
        context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"network evaluations per sampled row: {studentNfe} with --distilled, {teacherNfe} without (default solver)"));
        return ExitCode.Success;
    }
}
