using Microsoft.ML.LocalFlow.Cli.Infrastructure;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary>Executes the command: calls the modelling layers and renders the result.</summary>
internal static class DistillRunner
{
    /// <summary>Runs the command.</summary>
    public static ExitCode Execute(string modelPath, string outputPath, int? iterations, int? seed, int? threads, bool quiet, CliContext context)
    {
        InputFiles.RequireFile(modelPath, "model");
        AtomicFile.CheckTarget(outputPath);
        throw new CliException(ExitCode.Internal, "this command is not wired to the modelling layer in this build");
    }
}
