using System.CommandLine;
using Microsoft.ML.LocalFlow.Cli.Infrastructure;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary><c>lfm distill --model M --out M2</c>: adds one-step student maps to a model.</summary>
internal static class DistillCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context, Option<bool> verbose)
    {
        Option<string> model = CommonOptions.ModelIn();
        Option<string> output = CommonOptions.Output("--out", "-o", "The distilled model file to write (the input model is not changed).", "OUT.lfm");
        Option<int?> iterations = CommonOptions.PositiveInt("--iterations", ["-i"], "Training iterations per block for the student. Default: the layer's.", "I");
        Option<int?> pairs = CommonOptions.PositiveInt("--pairs", [], "Teacher trajectories integrated per block as training pairs. Default: the flow layer's (50,000).", "P");
        Option<int?> steps = CommonOptions.PositiveInt("--steps", [], "k: student evaluations per block (1 = a one-step map). Default: 1.", "K");
        Option<int?> seed = CommonOptions.Seed("Random seed for the teacher's pairs and the student's training.");
        Option<int?> threads = CommonOptions.Threads();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress display." };

        var command = new Command("distill", "Distil each block of a model into a k-step map (one step by default) for fast sampling ('lfm sample --distilled').")
        {
            model, output, iterations, pairs, steps, seed, threads, quiet,
        };
        command.SetAction(parseResult => CommandRunner.Run(context, parseResult, verbose, () => DistillRunner.Execute(
            parseResult.GetRequiredValue(model),
            parseResult.GetRequiredValue(output),
            parseResult.GetValue(iterations),
            parseResult.GetValue(pairs),
            parseResult.GetValue(steps),
            parseResult.GetValue(seed),
            parseResult.GetValue(threads),
            parseResult.GetValue(quiet),
            context)));
        return command;
    }
}
