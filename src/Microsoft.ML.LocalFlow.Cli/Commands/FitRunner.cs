using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.LocalFlow.Cli.Infrastructure;
using Microsoft.ML.LocalFlow.Cli.Rendering;
using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Csv;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary>Executes <c>lfm fit</c>: reads the table, fits through the tabular layer, saves the model atomically.</summary>
internal static class FitRunner
{
    /// <summary>The suffix of the checkpoint directory next to the model file.</summary>
    public const string CheckpointSuffix = ".checkpoint";

    /// <summary>Runs the command.</summary>
    public static ExitCode Execute(FitSettings settings, CliContext context)
    {
        // Fail before a long fit, not after it, when the model cannot be written.
        string modelPath = AtomicFile.CheckTarget(settings.ModelPath);
        SchemaOptions schemaOptions = DataFiles.SchemaOptionsFor(settings.ColumnKinds, settings.SkipBadRows);
        CsvReadResult data = DataFiles.Read(settings.DataPath, "data", schemaOptions, context);
        Table table = data.Table;
        if (settings.Label is string label && table.Schema.IndexOf(label) < 0)
        {
            throw CliException.BadInput(
                $"--label '{label}': '{settings.DataPath}' has no such column (columns: {string.Join(", ", table.Schema.Select(c => c.Name))})");
        }

        string checkpointDirectory = modelPath + CheckpointSuffix;
        string checkpointFile = Path.Combine(checkpointDirectory, LocalFlowTrainer.CheckpointFileName);
        if (settings.Resume && !File.Exists(checkpointFile))
        {
            context.Stderr.WriteLine($"lfm: no checkpoint in '{checkpointDirectory}'; fitting from the start");
        }

        TabularSynthesizerOptions options = FitOptionsBuilder.Build(settings, checkpointDirectory);
        LocalFlowProgressAdapter? adapter = null;
        var clock = Stopwatch.StartNew();
        TabularSynthesizer synthesizer;
        try
        {
            synthesizer = FitProgressDisplay.Run(
                context,
                display =>
                {
                    adapter = new LocalFlowProgressAdapter(display);
                    return TabularSynthesizer.Fit(table, options, adapter, context.CancellationToken);
                },
                settings.Quiet);
        }
        catch (OperationCanceledException cancelled)
        {
            int done = adapter?.CompletedBlocks ?? 0;
            int total = adapter?.BlockCount ?? options.Flow.Schedule.Count;
            if (done == 0 || !File.Exists(checkpointFile))
            {
                DeleteCheckpoint(checkpointDirectory, checkpointFile);
                throw new CliException(ExitCode.Cancelled, "cancelled before the first block finished; nothing was written", cancelled);
            }

            throw new CliException(
                ExitCode.Cancelled,
                $"cancelled; block{(done == 1 ? "" : "s")} 1{(done == 1 ? "" : "-" + done)} of {total} {(done == 1 ? "is" : "are")} checkpointed in '{checkpointDirectory}': rerun the same command with --resume to continue",
                cancelled);
        }
        catch (ArgumentException tooSmall) when (tooSmall.ParamName == "training")
        {
            // The facade's check of the table itself (e.g. too few rows): say which file.
            DeleteCheckpoint(checkpointDirectory, checkpointFile);
            string reason = tooSmall.Message.Replace(" (Parameter 'training')", "", StringComparison.Ordinal);
            throw CliException.BadInput($"'{settings.DataPath}': {reason}", tooSmall);
        }
        catch
        {
            // Bad data or options: the checkpoint (if any) belongs to a fit that cannot continue.
            DeleteCheckpoint(checkpointDirectory, checkpointFile);
            throw;
        }

        AtomicFile.Write(modelPath, synthesizer.Save);
        DeleteCheckpoint(checkpointDirectory, checkpointFile);
        clock.Stop();
        WriteSummary(settings, table, synthesizer, adapter, clock.Elapsed, context);
        return ExitCode.Success;
    }

    private static void WriteSummary(FitSettings settings, Table table, TabularSynthesizer synthesizer,
        LocalFlowProgressAdapter? adapter, TimeSpan elapsed, CliContext context)
    {
        LocalFlowModel model = synthesizer.Model;
        LocalFlowOptions flow = model.Options;
        TextWriter o = context.Stdout;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fitted '{settings.DataPath}': {table.RowCount} rows, {table.ColumnCount} columns, encoded width {synthesizer.Encoder.Width}{(synthesizer.LabelColumn is null ? "" : $", conditioned on '{synthesizer.LabelColumn}'")}"));
        o.WriteLine($"columns: {string.Join(", ", synthesizer.Schema.Select(c => $"{c.Name} ({c.Kind.ToString().ToLowerInvariant()}{(c.IsNullable ? ", nullable" : "")})"))}");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model: {model.Blocks.Count} block(s) [{flow.Schedule}], MLP {flow.HiddenWidth} x {flow.HiddenLayers}, {flow.IterationsPerBlock} iterations/block, batch {flow.BatchSize}, lr {flow.LearningRate}, seed {flow.Seed}, preset {FitOptionsBuilder.ParsePreset(settings.Preset).ToString().ToLowerInvariant()}"));
        if (synthesizer.FitSettings is { } fit)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"training rows: smoothing σ {fit.Smoothing:0.###}{(fit.ChosenFromRowCount ? $" (chosen for {fit.TrainingRows} rows; --smoothing overrides)" : " (as given)")}, {fit.DequantizationCopies} noisy cop{(fit.DequantizationCopies == 1 ? "y" : "ies")}"));
        }

        if (adapter is not null && adapter.FinalLosses.Count > 0)
        {
            o.WriteLine("final training loss per block: " + string.Join(", ", adapter.FinalLosses.Select(l => l.ToString("F4", CultureInfo.InvariantCulture))));
        }

        o.WriteLine($"wrote '{settings.ModelPath}' ({new FileInfo(settings.ModelPath).Length:N0} bytes) in {FitProgressDisplay.FormatDuration(elapsed)}");
    }

    /// <summary>Removes the checkpoint file and its directory when that is then empty (never a user's other files).</summary>
    private static void DeleteCheckpoint(string directory, string file)
    {
        try
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }

            if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover checkpoint is harmless (a later fit checks that it matches).
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
