using Microsoft.ML.LocalFlow.Tabular;

namespace Microsoft.ML.LocalFlow.Cli.Infrastructure;

/// <summary>Loads model files through the tabular layer with the CLI's file checks.</summary>
internal static class ModelFiles
{
    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <exception cref="CliException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">Truncated, corrupt, foreign or another format version (the layer's message names the path and why).</exception>
    public static TabularSynthesizer Load(string path)
    {
        InputFiles.RequireFile(path, "model");
        try
        {
            return TabularSynthesizer.Load(path);
        }
        catch (EndOfStreamException truncated)
        {
            throw new InvalidDataException($"'{path}': the model file is truncated", truncated);
        }
        catch (InvalidDataException invalid) when (invalid.Message.StartsWith($"'{path}': '{path}': ", StringComparison.Ordinal))
        {
            // Both the flow and the tabular layer prefix the path; say it once.
            throw new InvalidDataException(invalid.Message[($"'{path}': ".Length)..], invalid);
        }
    }
}
