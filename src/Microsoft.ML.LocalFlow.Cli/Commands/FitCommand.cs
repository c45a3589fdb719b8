using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Microsoft.ML.LocalFlow.Cli.Infrastructure;
using Microsoft.ML.LocalFlow.Cli.Parsing;
using Microsoft.ML.LocalFlow.Tabular;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary><c>lfm fit DATA.csv --model OUT.lfm [options]</c>: trains an LFM model on a CSV table.</summary>
internal static class FitCommand
{
    /// <summary>The preset names <c>--preset</c> accepts.</summary>
    public static readonly string[] PresetNames = [.. Enum.GetNames<SynthesisPreset>().Select(n => n.ToLowerInvariant())];

    /// <summary>Builds the command.</summary>
    /// <param name="context">The invocation's writers and cancellation.</param>
    /// <param name="verbose">The global <c>--verbose</c> option.</param>
    public static Command Create(CliContext context, Option<bool> verbose)
    {
        Argument<string> data = CommonOptions.CsvArgument("DATA", "The training table: a CSV file with a header row (numbers, categories, booleans, dates, empty cells for missing values).");
        Option<string> model = CommonOptions.Output("--model", "-m", "Where to write the fitted model (.lfm).", "OUT.lfm");
        var preset = new Option<string?>("--preset", "-p")
        {
            Description = "The default configuration to start from: fast, balanced (default) or quality. Options below override parts of it.",
            HelpName = "fast|balanced|quality",
        };
        preset.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is string name && !PresetNames.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                result.AddError($"--preset '{name}' is not one of {string.Join(", ", PresetNames)}");
            }
        });
        Option<int?> blocks = CommonOptions.PositiveInt("--blocks", ["-b"], "Number of LFM blocks (OU steps follow the preset's exponential schedule). Exclusive with --step-sizes.", "N");
        var stepSizes = new Option<StepSizeList?>("--step-sizes")
        {
            Description = "Explicit OU step sizes γ of the blocks, comma-separated, each > 0; 'free' as the last element adds a free (independent Gaussian) block. Example: 0.15,0.2,free.",
            HelpName = "γ1,γ2,...[,free]",
            CustomParser = ParseStepSizes,
        };
        Option<int?> hidden = CommonOptions.PositiveInt("--hidden", [], "Width of each hidden layer of the velocity MLP.", "H");
        Option<int?> layers = CommonOptions.PositiveInt("--layers", [], "Number of hidden layers of the velocity MLP.", "K");
        Option<int?> iterations = CommonOptions.PositiveInt("--iterations", ["-i"], "Training iterations per block (early stopping may end a block sooner).", "I");
        Option<int?> batch = CommonOptions.PositiveInt("--batch", [], "Rows per training batch.", "B");
        Option<double?> lr = CommonOptions.PositiveDouble("--lr", "Adam learning rate.", "LR");
        Option<int?> seed = CommonOptions.Seed("Random seed; the same data, options and seed give the same model.");
        Option<int?> threads = CommonOptions.Threads();
        Option<double?> validationFraction = CommonOptions.BoundedDouble(
            "--validation-fraction",
            "Share of rows held out to report validation loss per block (and for --patience), in [0, 0.5]; 0 disables it.",
            "F",
            f => f >= 0 && f <= 0.5,
            "in [0, 0.5]");
        Option<int?> patience = CommonOptions.PositiveInt(
            "--patience",
            [],
            "Early stopping: end a block after this many validation checks (every 100 iterations) without improvement, keeping its best weights. Needs --validation-fraction > 0. Default: never stop early.",
            "P");
        Option<double?> smoothing = CommonOptions.BoundedDouble(
            "--smoothing",
            "Bandwidth σ of the smoothing applied to the encoded training rows so that small tables are not copied, in [0, 0.95]; 0 turns it off. Default: chosen from the row count and width (up to 0.8 for small tables, 0 above 20,000 rows).",
            "S",
            s => s >= 0 && s <= 0.95,
            "in [0, 0.95]");
        var baselineFm = new Option<bool>("--baseline-fm") { Description = "Fit plain flow matching (one free block) instead of LFM: the paper's baseline." };
        var label = new Option<string?>("--label", "-l") { Description = "A column to condition generation on ('lfm sample --where COLUMN=VALUE').", HelpName = "COLUMN" };
        Option<ColumnAssignment[]> columnKinds = CommonOptions.Assignments(
            "--column-kind",
            "Override an inferred column kind: continuous, integer, categorical, boolean or datetime. Repeatable.",
            "COLUMN=KIND",
            splitAtLast: true);
        var skipBadRows = new Option<bool>("--skip-bad-rows") { Description = "Drop rows with a bad cell (ragged, unparsable) instead of failing; the count and the first one are reported." };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted fit from its last finished block (same data, options and seed)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress display; only the final summary." };

        var command = new Command("fit", "Fit a Local Flow Matching model to a CSV table.")
        {
            data, model, preset, blocks, stepSizes, hidden, layers, iterations, batch, lr, seed, threads,
            validationFraction, patience, smoothing, baselineFm, label, columnKinds, skipBadRows, resume, quiet,
        };
        command.Validators.Add(result =>
        {
            bool hasBlocks = result.GetResult(blocks) is { Implicit: false };
            bool hasSteps = result.GetResult(stepSizes) is { Implicit: false };
            if (hasBlocks && hasSteps)
            {
                result.AddError("--blocks and --step-sizes are exclusive: --step-sizes already fixes the number of blocks");
            }

            if (result.GetResult(patience) is { Implicit: false } && !(result.GetValue(validationFraction) > 0))
            {
                result.AddError("--patience needs a validation split: add --validation-fraction F with F > 0");
            }

            if (result.GetValue(baselineFm) && (hasBlocks || hasSteps))
            {
                result.AddError("--baseline-fm fits a single free block: it cannot be combined with --blocks or --step-sizes");
            }
        });
        command.SetAction(parseResult => CommandRunner.Run(context, parseResult, verbose, () =>
        {
            var settings = new FitSettings
            {
                DataPath = parseResult.GetRequiredValue(data),
                ModelPath = parseResult.GetRequiredValue(model),
                Preset = parseResult.GetValue(preset),
                Blocks = parseResult.GetValue(blocks),
                StepSizes = parseResult.GetValue(stepSizes),
                Hidden = parseResult.GetValue(hidden),
                Layers = parseResult.GetValue(layers),
                Iterations = parseResult.GetValue(iterations),
                Batch = parseResult.GetValue(batch),
                LearningRate = parseResult.GetValue(lr),
                Seed = parseResult.GetValue(seed),
                Threads = parseResult.GetValue(threads),
                ValidationFraction = parseResult.GetValue(validationFraction),
                Patience = parseResult.GetValue(patience),
                Smoothing = parseResult.GetValue(smoothing),
                BaselineFm = parseResult.GetValue(baselineFm),
                Label = parseResult.GetValue(label),
                ColumnKinds = parseResult.GetValue(columnKinds) ?? [],
                SkipBadRows = parseResult.GetValue(skipBadRows),
                Resume = parseResult.GetValue(resume),
                Quiet = parseResult.GetValue(quiet),
            };
            return FitRunner.Execute(settings, context);
        }));
        return command;
    }

    private static StepSizeList? ParseStepSizes(ArgumentResult result)
    {
        if (result.Tokens.Count != 1)
        {
            result.AddError("--step-sizes takes one comma-separated list, e.g. 0.15,0.2,free");
            return null;
        }

        StepSizeList? list = StepSizeList.TryParse(result.Tokens[0].Value, out string? error);
        if (list is null)
        {
            result.AddError(error!);
        }

        return list;
    }
}
