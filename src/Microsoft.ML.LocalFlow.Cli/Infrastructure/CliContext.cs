using Spectre.Console;

namespace Microsoft.ML.LocalFlow.Cli.Infrastructure;

/// <summary>
/// What one invocation of <c>lfm</c> writes to and listens to. Tests create one over <see cref="StringWriter"/>s;
/// <see cref="Program.Main"/> creates one over the real console.
/// </summary>
internal sealed class CliContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="stdout">Results: tables, JSON, summaries.</param>
    /// <param name="stderr">Errors and progress (so that stdout stays machine-readable).</param>
    /// <param name="interactive">Whether stderr is a terminal a live progress display can redraw.</param>
    /// <param name="cancellationToken">Signalled by Ctrl+C.</param>
    public CliContext(TextWriter stdout, TextWriter stderr, bool interactive, CancellationToken cancellationToken)
    {
        Stdout = stdout;
        Stderr = stderr;
        Interactive = interactive;
        CancellationToken = cancellationToken;
        Out = CreateConsole(stdout, interactive);
        Error = CreateConsole(stderr, interactive);
    }

    /// <summary>Results: tables, JSON, summaries.</summary>
    public TextWriter Stdout { get; }

    /// <summary>Errors and progress.</summary>
    public TextWriter Stderr { get; }

    /// <summary>Whether a live (redrawn) display may be used.</summary>
    public bool Interactive { get; }

    /// <summary>Signalled by Ctrl+C.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>A Spectre console over <see cref="Stdout"/>.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>A Spectre console over <see cref="Stderr"/>.</summary>
    public IAnsiConsole Error { get; }

    /// <summary>Whether the process's stderr is a terminal that is not a CI log.</summary>
    public static bool DetectInteractiveTerminal()
    {
        if (Console.IsErrorRedirected)
        {
            return false;
        }

        // CI systems set CI=true and capture the output: a redrawn display would fill the log with frames.
        string? ci = Environment.GetEnvironmentVariable("CI");
        if (!string.IsNullOrEmpty(ci) && !ci.Equals("false", StringComparison.OrdinalIgnoreCase) && ci != "0")
        {
            return false;
        }

        return Environment.GetEnvironmentVariable("TERM") != "dumb";
    }

    private static IAnsiConsole CreateConsole(TextWriter writer, bool interactive)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!interactive)
        {
            // Redirected output has no window width; a fixed one keeps tables unwrapped and logs stable.
            console.Profile.Width = 120;
        }

        return console;
    }
}
