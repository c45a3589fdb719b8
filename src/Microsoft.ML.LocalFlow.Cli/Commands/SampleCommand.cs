using System.CommandLine;
using Microsoft.ML.LocalFlow.Cli.Infrastructure;
using Microsoft.ML.LocalFlow.Cli.Parsing;
using Microsoft.ML.LocalFlow.Numerics.Ode;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary><c>lfm sample --model M --rows N --out OUT.csv [options]</c>: writes synthetic rows.</summary>
internal static class SampleCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context, Option<bool> verbose)
    {
        Option<string> model = CommonOptions.ModelIn();
        var rows = new Option<int>("--rows", "-n")
        {
            Description = "Number of synthetic rows to generate (> 0).",
            Required = true,
            HelpName = "N",
            CustomParser = result => CommonOptions.ParsePositiveInt(result, "--rows") ?? 0,
        };
        Option<string> output = CommonOptions.Output("--out", "-o", "The synthetic CSV to write (same columns, order and number formats as the training data).", "OUT.csv");
        Option<int?> seed = CommonOptions.Seed("Random seed; the same model and seed give the same rows. Default: 0.");
        var solver = new Option<OdeSolverKind?>("--solver")
        {
            Description = "ODE solver: rk4, dopri5, euler or heun. Default: the model's (chosen by measurement, see docs/cli.md).",
            HelpName = "rk4|dopri5|euler|heun",
            CustomParser = result =>
            {
                string text = result.Tokens[0].Value;
                if (Enum.TryParse(text, ignoreCase: true, out OdeSolverKind name) && Enum.IsDefined(name) && !char.IsDigit(text[0]))
                {
                    return name;
                }

                result.AddError($"--solver '{text}' is not one of rk4, dopri5, euler, heun");
                return null;
            },
        };
        Option<int?> steps = CommonOptions.PositiveInt("--steps", [], "Solver steps per block (fixed-step solvers). Default: the model's.", "K");
        var distilled = new Option<bool>("--distilled") { Description = "Generate with the distilled one-step maps ('lfm distill'): many times faster." };
        var where = new Option<ColumnAssignment?>("--where", "-w")
        {
            Description = "Generate only rows whose label column (fit --label) has this value, exactly (no rejection).",
            HelpName = "COLUMN=VALUE",
            CustomParser = result =>
            {
                ColumnAssignment? a = ColumnAssignment.TryParse(result.Tokens[0].Value, "--where", splitAtLast: false, out string? error);
                if (a is null)
                {
                    result.AddError(error!);
                }

                return a;
            },
        };
        Option<int?> threads = CommonOptions.Threads();

        var command = new Command("sample", "Generate synthetic rows from a fitted model.")
        {
            model, rows, output, seed, solver, steps, distilled, where, threads,
        };
        command.SetAction(parseResult => CommandRunner.Run(context, parseResult, verbose, () => SampleRunner.Execute(
            new SampleSettings
            {
                ModelPath = parseResult.GetRequiredValue(model),
                Rows = parseResult.GetValue(rows),
                OutputPath = parseResult.GetRequiredValue(output),
                Seed = parseResult.GetValue(seed),
                Solver = parseResult.GetValue(solver),
                Steps = parseResult.GetValue(steps),
                Distilled = parseResult.GetValue(distilled),
                Where = parseResult.GetValue(where),
                Threads = parseResult.GetValue(threads),
            },
            context)));
        return command;
    }
}
