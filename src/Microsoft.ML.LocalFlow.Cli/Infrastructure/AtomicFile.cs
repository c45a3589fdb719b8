namespace Microsoft.ML.LocalFlow.Cli.Infrastructure;

/// <summary>
/// Writes output files so that a reader sees either the old file or the complete new one, never a partial file:
/// the content goes to a temporary file in the target's own directory (same file system, so the rename is atomic),
/// is flushed to disk, and is then renamed over the target. On any failure, cancellation included, the temporary
/// file is deleted and the target is left as it was.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through a stream.</summary>
    /// <param name="path">The target file; its directory must exist.</param>
    /// <param name="write">Writes the whole content to the stream it is given.</param>
    /// <exception cref="CliException">The target directory does not exist, or the target is a directory (exit code 1).</exception>
    public static void Write(string path, Action<Stream> write)
    {
        WriteViaTemporaryPath(path, temporaryPath =>
        {
            using var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            write(stream);
            stream.Flush(flushToDisk: true);
        });
    }

    /// <summary>
    /// Writes <paramref name="path"/> through an API that only takes a file name (for example a model's
    /// <c>Save(path)</c>): <paramref name="writeToPath"/> receives a temporary path in the target's directory.
    /// </summary>
    /// <param name="path">The target file; its directory must exist.</param>
    /// <param name="writeToPath">Writes the complete content to the path it is given.</param>
    /// <exception cref="CliException">The target directory does not exist, or the target is a directory (exit code 1).</exception>
    public static void WriteViaTemporaryPath(string path, Action<string> writeToPath)
    {
        string fullPath = CheckTarget(path);
        string directory = Path.GetDirectoryName(fullPath)!;
        // A dot-name keeps the temporary file out of casual listings; the random part lets two runs write side by side.
        string temporaryPath = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            writeToPath(temporaryPath);
            if (!File.Exists(temporaryPath))
            {
                throw new InvalidOperationException($"The writer did not create the temporary file '{temporaryPath}'.");
            }

            File.Move(temporaryPath, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporaryPath);
            throw;
        }
    }

    /// <summary>Resolves <paramref name="path"/> and checks that it can be a file target.</summary>
    /// <returns>The full path.</returns>
    /// <exception cref="CliException">The directory does not exist or the path is a directory.</exception>
    public static string CheckTarget(string path)
    {
        string fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            throw CliException.BadInput($"cannot write '{path}': it is a directory");
        }

        string? directory = Path.GetDirectoryName(fullPath);
        if (directory is null || !Directory.Exists(directory))
        {
            throw CliException.BadInput($"cannot write '{path}': directory '{directory}' does not exist");
        }

        return fullPath;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original failure is what the user needs to see.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
