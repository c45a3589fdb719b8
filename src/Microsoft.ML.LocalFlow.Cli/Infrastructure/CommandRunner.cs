using System.CommandLine;

namespace Microsoft.ML.LocalFlow.Cli.Infrastructure;

/// <summary>Runs a command's body and turns whatever it throws into one error line and an exit code.</summary>
internal static class CommandRunner
{
    /// <summary>Runs <paramref name="body"/>.</summary>
    /// <param name="context">The invocation's writers.</param>
    /// <param name="parseResult">The parse, for the <c>--verbose</c> flag.</param>
    /// <param name="verbose">The global <c>--verbose</c> option.</param>
    /// <param name="body">The command; returns its exit code.</param>
    /// <returns>The process exit code.</returns>
    public static int Run(CliContext context, ParseResult parseResult, Option<bool> verbose, Func<ExitCode> body)
    {
        try
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            return (int)body();
        }
        catch (Exception exception)
        {
            context.Stdout.Flush();
            return (int)ErrorReporter.Report(exception, context.Stderr, parseResult.GetValue(verbose));
        }
    }
}
