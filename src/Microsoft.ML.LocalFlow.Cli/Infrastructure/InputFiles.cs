namespace Microsoft.ML.LocalFlow.Cli.Infrastructure;

/// <summary>Checks input paths before a layer opens them, so that a missing file gets the CLI's one-line message.</summary>
internal static class InputFiles
{
    /// <summary>Throws unless <paramref name="path"/> names an existing file.</summary>
    /// <param name="path">The path as the user typed it.</param>
    /// <param name="role">What the file is for ("data", "model", "real data"), for the message.</param>
    /// <exception cref="CliException">The file does not exist or is a directory (exit code 1).</exception>
    public static void RequireFile(string path, string role)
    {
        if (Directory.Exists(path))
        {
            throw CliException.BadInput($"{role} file '{path}' is a directory, not a file");
        }

        if (!File.Exists(path))
        {
            throw CliException.BadInput($"{role} file '{path}' does not exist");
        }
    }
}
