namespace Microsoft.ML.LocalFlow.Cli;

/// <summary>Entry point of the <c>lfm</c> tool.</summary>
public static class Program
{
    /// <summary>Runs the tool.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>The process exit code.</returns>
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("lfm: no commands yet");
        return 2;
    }
}
