using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.LocalFlow.Cli.Infrastructure;
using Microsoft.ML.LocalFlow.Cli.Rendering;
using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Serialization;
using Microsoft.ML.LocalFlow.Tabular;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary>
/// Executes <c>lfm distill</c>: loads the model, distils its flow with <see cref="LocalFlowDistiller"/>, and writes a
/// model file with the teacher, its students and the unchanged table encoder.
/// </summary>
/// <remarks>
/// <see cref="TabularSynthesizer"/> has no Distill method yet, so the CLI composes the two layers' public pieces here:
/// the distilled flow's sections replace the teacher's in the synthesizer's model file. This belongs in the tabular
/// facade (a <c>TabularSynthesizer.Distill</c>); the CLI should call that once it exists.
/// </remarks>
internal static class DistillRunner
{
    /// <summary>Runs the command.</summary>
    public static ExitCode Execute(string modelPath, string outputPath, int? iterations, int? pairs, int? steps, int? seed, int? threads, bool quiet, CliContext context)
    {
        AtomicFile.CheckTarget(outputPath);
        TabularSynthesizer teacher = ModelFiles.Load(modelPath);
        float[] conditions = ConditionRows(teacher, modelPath);
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
        LocalFlowModel distilled = FitProgressDisplay.Run(
            context,
            display => LocalFlowDistiller.Distill(teacher.Model, options, conditions, new LocalFlowProgressAdapter(display), context.CancellationToken),
            quiet);
        clock.Stop();

        ModelFile file = teacher.ToModelFile();
        ModelFile flow = distilled.ToModelFile();
        foreach (string section in flow.SectionNames)
        {
            file.SetSection(section, flow.GetSection(section));
        }

        // Round-trip through the facade's reader: what is written is exactly what 'lfm sample --distilled' will load.
        TabularSynthesizer student = TabularSynthesizer.FromModelFile(file);
        AtomicFile.Write(outputPath, student.Save);

        int teacherNfe = distilled.Blocks.Count * SamplingOptions.Default.Solver.Steps * SamplingOptions.Default.Solver.StagesPerStep;
        int studentNfe = distilled.Blocks.Sum(b => b.Student?.Steps ?? 0);
        context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"distilled {distilled.Blocks.Count} blocks ({options.Iterations} iterations each) in {FitProgressDisplay.FormatDuration(clock.Elapsed)}; wrote '{outputPath}'"));
        context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"network evaluations per sampled row: {studentNfe} with --distilled, {teacherNfe} without (default solver)"));
        return ExitCode.Success;
    }

    /// <summary>
    /// Condition rows for a label-conditional model: each label level's encoding, repeated by its training count, so
    /// that the students are trained on the label marginal the teacher was trained on. Empty for an unconditional model.
    /// </summary>
    private static float[] ConditionRows(TabularSynthesizer teacher, string modelPath)
    {
        if (teacher.Model.ConditionDimension == 0)
        {
            return [];
        }

        if (teacher.LabelLevels.Count == 0)
        {
            throw CliException.BadInput($"'{modelPath}' is conditioned on the numeric column '{teacher.LabelColumn}'; distilling such a model is not supported yet");
        }

        var rows = new List<float>();
        for (int k = 0; k < teacher.LabelLevels.Count; k++)
        {
            float[] encoded = teacher.Encoder.EncodeConditionValue(teacher.LabelLevels[k]);
            for (int r = 0; r < Math.Max(1, teacher.LabelCounts[k]); r++)
            {
                rows.AddRange(encoded);
            }
        }

        return [.. rows];
    }
}
