using System.CommandLine;
using Microsoft.ML.LocalFlow.Cli.Infrastructure;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary><c>lfm evaluate REAL.csv SYNTH.csv [--label COLUMN] [--json]</c>: fidelity, detection and privacy metrics.</summary>
internal static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context, Option<bool> verbose)
    {
        Argument<string> real = CommonOptions.CsvArgument("REAL", "The real table (CSV).");
        Argument<string> synthetic = CommonOptions.CsvArgument("SYNTH", "The synthetic table (CSV) with the same columns.");
        var holdout = new Option<string?>("--holdout") { Description = "Real rows held out of training (CSV): enables the DCR privacy check (synthetic vs held-out distance to the training rows).", HelpName = "HOLDOUT.csv" };
        var label = new Option<string?>("--label", "-l") { Description = "A categorical label column: adds per-class row counts, Quality Score and detection.", HelpName = "COLUMN" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of tables." };
        Option<int?> seed = CommonOptions.Seed("Random seed for the detection classifier's split. Default: 0.");

        var command = new Command("evaluate", "Compare a synthetic table with the real one: Column Shapes, Column Pair Trends, Quality Score, detection, DCR, missing rates.")
        {
            real, synthetic, holdout, label, json, seed,
        };
        command.SetAction(parseResult => CommandRunner.Run(context, parseResult, verbose, () => EvaluateRunner.Execute(
            parseResult.GetRequiredValue(real),
            parseResult.GetRequiredValue(synthetic),
            parseResult.GetValue(holdout),
            parseResult.GetValue(label),
            parseResult.GetValue(json),
            parseResult.GetValue(seed),
            context)));
        return command;
    }
}
