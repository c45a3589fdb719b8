using Microsoft.ML.LocalFlow.Cli.Infrastructure;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary>Executes the command: calls the modelling layers and renders the result.</summary>
internal static class SampleRunner
{
    /// <summary>Runs the command.</summary>
    public static ExitCode Execute(SampleSettings settings, CliContext context)
    {
        InputFiles.RequireFile(settings.ModelPath, "model");
        AtomicFile.CheckTarget(settings.OutputPath);
        throw new CliException(ExitCode.Internal, "this command is not wired to the modelling layer in this build");
    }
}
