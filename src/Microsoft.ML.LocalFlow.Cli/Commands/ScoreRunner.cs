using Microsoft.ML.LocalFlow.Cli.Infrastructure;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary>Executes the command: calls the modelling layers and renders the result.</summary>
internal static class ScoreRunner
{
    /// <summary>Runs the command.</summary>
    public static ExitCode Execute(string modelPath, string dataPath, string outputPath, int? threads, bool json, CliContext context)
    {
        InputFiles.RequireFile(modelPath, "model");
        InputFiles.RequireFile(dataPath, "data");
        AtomicFile.CheckTarget(outputPath);
        throw new CliException(ExitCode.Internal, "this command is not wired to the modelling layer in this build");
    }
}
