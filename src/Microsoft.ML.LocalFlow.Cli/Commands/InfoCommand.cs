using System.CommandLine;
using Microsoft.ML.LocalFlow.Cli.Infrastructure;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary><c>lfm info --model M [--json]</c>: what a model file holds.</summary>
internal static class InfoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context, Option<bool> verbose)
    {
        Option<string> model = CommonOptions.ModelIn();
        var json = new Option<bool>("--json") { Description = "Print as JSON instead of tables." };
        var command = new Command("info", "Show a model's options, blocks and columns.") { model, json };
        command.SetAction(parseResult => CommandRunner.Run(context, parseResult, verbose, () => InfoRunner.Execute(
            parseResult.GetRequiredValue(model),
            parseResult.GetValue(json),
            context)));
        return command;
    }
}
