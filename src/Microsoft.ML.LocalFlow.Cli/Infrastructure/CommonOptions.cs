using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
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
        CustomParser = result =>
        {
            string text = result.Tokens[0].Value;
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed))
            {
                return seed;
            }

            result.AddError($"--seed '{text}' is not an integer");
            return null;
        },
    };

    /// <summary><c>--threads</c>: worker threads for the numerics engine (default: all cores).</summary>
    public static Option<int?> Threads() =>
        PositiveInt("--threads", ["-t"], "Worker threads for the numerics engine. Default: the number of cores.", "T");

    /// <summary>An optional integer option whose value must be &gt; 0; the parser names the option and the value.</summary>
    public static Option<int?> PositiveInt(string name, string[] aliases, string description, string helpName) => new(name, aliases)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result => ParsePositiveInt(result, name),
    };

    /// <summary>An optional number option whose value must be finite and &gt; 0.</summary>
    public static Option<double?> PositiveDouble(string name, string description, string helpName) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result => ParseDouble(result, name, v => v > 0, "a finite number > 0"),
    };

    /// <summary>An optional number option whose value must satisfy <paramref name="accept"/>.</summary>
    public static Option<double?> BoundedDouble(string name, string description, string helpName, Func<double, bool> accept, string expectation) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result => ParseDouble(result, name, accept, expectation),
    };

    /// <summary>Parses one token as an integer &gt; 0, adding an error that names the option otherwise.</summary>
    public static int? ParsePositiveInt(ArgumentResult result, string name)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            result.AddError($"{name} '{text}' is not an integer");
            return null;
        }

        if (value <= 0)
        {
            result.AddError($"{name} must be a positive integer, got {value}");
            return null;
        }

        return value;
    }

    private static double? ParseDouble(ArgumentResult result, string name, Func<double, bool> accept, string expectation)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            result.AddError($"{name} '{text}' is not a number");
            return null;
        }

        if (!double.IsFinite(value) || !accept(value))
        {
            result.AddError($"{name} must be {expectation}, got {text}");
            return null;
        }

        return value;
    }

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
