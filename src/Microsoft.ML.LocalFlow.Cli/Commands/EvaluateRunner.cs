using Microsoft.ML.LocalFlow.Cli.Infrastructure;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary>Executes the command: calls the modelling layers and renders the result.</summary>
internal static class EvaluateRunner
{
    /// <summary>Runs the command.</summary>
    public static ExitCode Execute(string realPath, string syntheticPath, string? holdoutPath, string? label, bool json, int? seed, CliContext context)
    {
        InputFiles.RequireFile(realPath, "real data");
        InputFiles.RequireFile(syntheticPath, "synthetic data");
        throw new CliException(ExitCode.Internal, "this command is not wired to the modelling layer in this build");
    }
}
