using System.CommandLine;
using Microsoft.ML.LocalFlow.Cli.Infrastructure;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary><c>lfm score --model M DATA.csv --out SCORES.csv</c>: exact log-likelihood per row.</summary>
internal static class ScoreCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context, Option<bool> verbose)
    {
        Option<string> model = CommonOptions.ModelIn();
        Argument<string> data = CommonOptions.CsvArgument("DATA", "The rows to score: a CSV with the training table's columns.");
        Option<string> output = CommonOptions.Output("--out", "-o", "The scores CSV: one 'log_likelihood' column (nats), one row per input row, in order.", "SCORES.csv");
        Option<int?> threads = CommonOptions.Threads();
        var json = new Option<bool>("--json") { Description = "Print the summary (mean NLL in nats and bits per dimension) as JSON." };

        var command = new Command("score", "Compute the exact log-likelihood of each row under a model.") { model, data, output, threads, json };
        command.SetAction(parseResult => CommandRunner.Run(context, parseResult, verbose, () => ScoreRunner.Execute(
            parseResult.GetRequiredValue(model),
            parseResult.GetRequiredValue(data),
            parseResult.GetRequiredValue(output),
            parseResult.GetValue(threads),
            parseResult.GetValue(json),
            context)));
        return command;
    }
}
