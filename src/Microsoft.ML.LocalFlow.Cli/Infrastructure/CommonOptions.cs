using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.ML.LocalFlow.Cli.Parsing;

namespace Microsoft.ML.LocalFlow.Cli.Infrastructure;

/// <summary>Option and argument builders shared by the commands, so that names, help and validation agree.</summary>
internal static class CommonOptions
{
    /// <summary><c>--verbose</c>: stack traces on errors (recursive: accepted by every command).</summary>
    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Print the full exception (stack trace) after an error line.",
        Recursive = true,
    };

    /// <summary>The required <c>--model</c> option naming an existing model file.</summary>
    public static Option<string> ModelIn() => new("--model", "-m")
    {
        Description = "The model file (.lfm) written by 'lfm fit' or 'lfm distill'.",
        Required = true,
        HelpName = "MODEL",
    };

    /// <summary>A required output-file option.</summary>
    public static Option<string> Output(string name, string alias, string description, string helpName) => new(name, alias)
    {
        Description = description + " Written atomically: a failed run leaves no file behind.",
        Required = true,
        HelpName = helpName,
    };

    /// <summary>A required positional CSV path.</summary>
    public static Argument<string> CsvArgument(string name, string description) => new(name)
    {
        Description = description,
    };

    /// <summary><c>--seed</c>: the random seed (same seed, same output).</summary>
    public static Option<int?> Seed(string description) => new("--seed", "-s")
    {
        Description = description,
        HelpName = "S",
    };

    /// <summary><c>--threads</c>: worker threads for the numerics engine (default: all cores).</summary>
    public static Option<int?> Threads()
    {
        var option = new Option<int?>("--threads", "-t")
        {
            Description = "Worker threads for the numerics engine. Default: the number of cores.",
            HelpName = "T",
        };
        RequirePositive(option);
        return option;
    }

    /// <summary>Adds a validator that rejects values ≤ 0, naming the option and the value.</summary>
    public static void RequirePositive(Option<int?> option) => option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int?>() is int v && v <= 0)
        {
            result.AddError($"{option.Name} must be a positive integer, got {v}");
        }
    });

    /// <summary>Adds a validator that rejects values ≤ 0 or not finite.</summary>
    public static void RequirePositive(Option<double?> option) => option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<double?>() is double v && !(double.IsFinite(v) && v > 0))
        {
            result.AddError($"{option.Name} must be a finite number > 0, got {v.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
    });

    /// <summary>A repeatable <c>COLUMN=VALUE</c> option.</summary>
    public static Option<ColumnAssignment[]> Assignments(string name, string description, string helpName, bool splitAtLast)
    {
        return new Option<ColumnAssignment[]>(name)
        {
            Description = description,
            HelpName = helpName,
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
            DefaultValueFactory = _ => [],
            CustomParser = result => ParseAssignments(result, name, splitAtLast),
        };
    }

    private static ColumnAssignment[] ParseAssignments(ArgumentResult result, string name, bool splitAtLast)
    {
        var list = new List<ColumnAssignment>(result.Tokens.Count);
        foreach (Token token in result.Tokens)
        {
            ColumnAssignment? assignment = ColumnAssignment.TryParse(token.Value, name, splitAtLast, out string? error);
            if (assignment is null)
            {
                result.AddError(error!);
                return [];
            }

            list.Add(assignment);
        }

        return [.. list];
    }
}
