using Microsoft.ML.LocalFlow.Cli;

namespace Microsoft.ML.LocalFlow.Tests.Cli;

/// <summary>The outcome of one in-process <c>lfm</c> run.</summary>
internal sealed record LfmResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The non-empty stderr lines.</summary>
    public string[] ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs <c>lfm</c> in-process through <see cref="Program.Run(string[], TextWriter, TextWriter, CancellationToken)"/>.</summary>
internal static class LfmInvoker
{
    public static LfmResult Run(params string[] args) => Run(CancellationToken.None, args);

    public static LfmResult Run(CancellationToken cancellationToken, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = Program.Run(args, stdout, stderr, cancellationToken);
        return new LfmResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts a failure with exactly one <c>lfm: error:</c> line on stderr containing every fragment.</summary>
    public static void AssertOneLineError(LfmResult result, int expectedExitCode, params string[] fragments)
    {
        Assert.AreEqual(expectedExitCode, result.ExitCode, result.ToString());
        string[] lines = result.ErrorLines.Where(l => !l.StartsWith("block ", StringComparison.Ordinal)).ToArray();
        Assert.HasCount(1, lines, result.ToString());
        StringAssert.StartsWith(lines[0], "lfm: error: ", result.ToString());
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, lines[0], StringComparison.OrdinalIgnoreCase, $"expected '{fragment}' in: {lines[0]}");
        }

        Assert.DoesNotContain("   at ", result.Stderr, "no stack trace without --verbose");
    }
}

/// <summary>A fresh temporary directory, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lfm-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="content"/> to a file in the directory and returns its path.</summary>
    public string Write(string name, string content)
    {
        string path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>The names of all files in the directory (temporary files included), sorted.</summary>
    public string[] FileNames() => Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
