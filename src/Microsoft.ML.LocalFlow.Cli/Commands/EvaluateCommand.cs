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
        var label = new Option<string?>("--label", "-l") { Description = "The label column, for per-class metrics.", HelpName = "COLUMN" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of tables." };
        Option<int?> seed = CommonOptions.Seed("Random seed for the detection classifier's split. Default: 0.");

        var command = new Command("evaluate", "Compare a synthetic table with the real one: Column Shapes, Column Pair Trends, Quality Score, detection, DCR, missing rates.")
        {
            real, synthetic, label, json, seed,
        };
        command.SetAction(parseResult => CommandRunner.Run(context, parseResult, verbose, () => EvaluateRunner.Execute(
            parseResult.GetRequiredValue(real),
            parseResult.GetRequiredValue(synthetic),
            parseResult.GetValue(label),
            parseResult.GetValue(json),
            parseResult.GetValue(seed),
            context)));
        return command;
    }
}
