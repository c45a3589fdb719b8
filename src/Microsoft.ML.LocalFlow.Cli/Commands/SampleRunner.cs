using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.LocalFlow.Cli.Infrastructure;
using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Numerics.Ode;
using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Csv;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary>Executes <c>lfm sample</c>: loads the model, generates in chunks, writes the CSV atomically.</summary>
internal static class SampleRunner
{
    /// <summary>Rows generated and written per chunk, so that memory stays bounded for any <c>--rows</c>.</summary>
    private const int ChunkRows = 65536;

    /// <summary>Runs the command.</summary>
    public static ExitCode Execute(SampleSettings settings, CliContext context)
    {
        AtomicFile.CheckTarget(settings.OutputPath);
        TabularSynthesizer synthesizer = ModelFiles.Load(settings.ModelPath);
        string? labelValue = LabelValue(settings, synthesizer);
        if (settings.Distilled && !synthesizer.Model.IsDistilled)
        {
            throw CliException.BadInput($"--distilled: model '{settings.ModelPath}' has no distilled students; run 'lfm distill --model {settings.ModelPath} --out DISTILLED.lfm' first");
        }

        SamplingOptions sampling = SamplingFor(settings);
        var clock = Stopwatch.StartNew();
        IEnumerable<Table> chunks = synthesizer.GenerateChunks(
            settings.Rows, (ulong)(settings.Seed ?? 0), labelValue, ChunkRows, sampling, context.CancellationToken);
        AtomicFile.WriteViaTemporaryPath(settings.OutputPath, temporary => TableCsv.Write(chunks, temporary));
        clock.Stop();

        double rate = settings.Rows / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {settings.Rows:N0} rows to '{settings.OutputPath}'{(labelValue is null ? "" : $" with {synthesizer.LabelColumn} = {labelValue}")} in {clock.Elapsed.TotalSeconds:F2} s ({rate:N0} rows/s; {Describe(sampling, synthesizer.Model)})"));
        return ExitCode.Success;
    }

    /// <summary>The solver options: the flow layer's sampling defaults, overridden by <c>--solver</c>/<c>--steps</c>.</summary>
    internal static SamplingOptions SamplingFor(SampleSettings settings)
    {
        SamplingOptions defaults = SamplingOptions.Default;
        OdeSolverOptions solver = defaults.Solver;
        OdeSolverKind kind = settings.Solver ?? solver.Kind;
        if (kind == OdeSolverKind.Dopri5)
        {
            if (settings.Steps is not null)
            {
                throw CliException.Usage("--steps applies to the fixed-step solvers (rk4, heun, euler); dopri5 chooses its own steps");
            }

            solver = solver.Kind == OdeSolverKind.Dopri5 ? solver : OdeSolverOptions.Adaptive();
        }
        else if (kind != solver.Kind || settings.Steps is not null)
        {
            solver = OdeSolverOptions.Fixed(kind, settings.Steps ?? solver.Steps);
        }

        return defaults with { Solver = solver, UseDistilled = settings.Distilled, Threads = settings.Threads ?? defaults.Threads };
    }

    /// <summary>The <c>--where</c> value, checked against the model's label column and levels.</summary>
    private static string? LabelValue(SampleSettings settings, TabularSynthesizer synthesizer)
    {
        if (settings.Where is not { } where)
        {
            return null;
        }

        if (synthesizer.LabelColumn is null)
        {
            throw CliException.BadInput($"--where {where}: model '{settings.ModelPath}' was fitted without --label, so it cannot condition on a column");
        }

        if (!string.Equals(where.Column, synthesizer.LabelColumn, StringComparison.Ordinal))
        {
            throw CliException.BadInput($"--where {where}: the model is conditioned on column '{synthesizer.LabelColumn}', not '{where.Column}'");
        }

        if (synthesizer.LabelLevels.Count > 0 && !synthesizer.LabelLevels.Contains(where.Value, StringComparer.Ordinal))
        {
            throw CliException.BadInput(
                $"--where {where}: '{where.Value}' is not a level of '{where.Column}' seen in training (levels: {string.Join(", ", synthesizer.LabelLevels)})");
        }

        return where.Value;
    }

    /// <summary>"rk4, 10 steps/block, 4 blocks: 160 network evaluations per row" (fixed-step or distilled).</summary>
    private static string Describe(SamplingOptions sampling, LocalFlowModel model)
    {
        int blocks = model.Blocks.Count;
        if (sampling.UseDistilled)
        {
            int nfe = model.Blocks.Sum(b => b.Student?.Steps ?? 0);
            return $"distilled students, {blocks} blocks: {nfe} network evaluations per row";
        }

        OdeSolverOptions solver = sampling.Solver;
        if (solver.Kind == OdeSolverKind.Dopri5)
        {
            return $"dopri5, rtol {solver.RelativeTolerance:G3}, atol {solver.AbsoluteTolerance:G3}, {blocks} blocks";
        }

        int evaluations = blocks * solver.Steps * solver.StagesPerStep;
        return $"{solver.Kind.ToString().ToLowerInvariant()}, {solver.Steps} steps/block, {blocks} blocks: {evaluations} network evaluations per row";
    }
}
