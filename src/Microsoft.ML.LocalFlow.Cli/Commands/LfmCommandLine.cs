using System.CommandLine;
using Microsoft.ML.LocalFlow.Cli.Infrastructure;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary>The <c>lfm</c> command tree.</summary>
internal static class LfmCommandLine
{
    /// <summary>Builds the root command with every subcommand bound to <paramref name="context"/>.</summary>
    /// <param name="context">The invocation's writers and cancellation.</param>
    /// <param name="verbose">Receives the global <c>--verbose</c> option (the caller needs it to report parse-time failures).</param>
    public static RootCommand Create(CliContext context, out Option<bool> verbose)
    {
        verbose = CommonOptions.Verbose();
        var root = new RootCommand(
            "lfm: Local Flow Matching for tabular data (arXiv 2410.02548). Fit a generative model to a CSV, sample synthetic rows, "
            + "score exact log-likelihoods, distil for fast sampling, and evaluate synthetic data. Exit codes: 0 ok, 1 bad input, 2 usage, 3 internal, 130 cancelled.")
        {
            verbose,
            FitCommand.Create(context, verbose),
            SampleCommand.Create(context, verbose),
            ScoreCommand.Create(context, verbose),
            DistillCommand.Create(context, verbose),
            EvaluateCommand.Create(context, verbose),
            InfoCommand.Create(context, verbose),
        };
        return root;
    }
}
