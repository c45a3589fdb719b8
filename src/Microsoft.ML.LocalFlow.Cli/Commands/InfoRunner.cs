using Microsoft.ML.LocalFlow.Cli.Infrastructure;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary>Executes the command: calls the modelling layers and renders the result.</summary>
internal static class InfoRunner
{
    /// <summary>Runs the command.</summary>
    public static ExitCode Execute(string modelPath, bool json, CliContext context)
    {
        InputFiles.RequireFile(modelPath, "model");
        throw new CliException(ExitCode.Internal, "this command is not wired to the modelling layer in this build");
    }
}
