using System.CommandLine;
using System.Runtime.InteropServices;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Microsoft.ML.LocalFlow.Cli.Commands;
using Microsoft.ML.LocalFlow.Cli.Infrastructure;

namespace Microsoft.ML.LocalFlow.Cli;

/// <summary>Entry point of the <c>lfm</c> tool. <see cref="Main"/> is a thin wrapper over <see cref="Run(string[], TextWriter, TextWriter, CancellationToken)"/>, which tests call in-process.</summary>
public static class Program
{
    /// <summary>Runs the tool on the process console; the first Ctrl+C (or a SIGTERM) cancels the command cleanly, a second Ctrl+C kills the process.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>The process exit code: 0 ok, 1 bad input, 2 usage, 3 internal error, 130 cancelled.</returns>
    public static int Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (!cancellation.IsCancellationRequested)
            {
                // Keep the process alive so the command can stop at a safe point and delete its temporary files.
                e.Cancel = true;
                Console.Error.WriteLine("lfm: cancelling (press Ctrl+C again to kill)...");
                cancellation.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        // SIGTERM (docker stop, kill) cancels the same way, so temporary files are removed there too.
        using PosixSignalRegistration onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            cancellation.Cancel();
        });
        try
        {
            return Run(args, Console.Out, Console.Error, CliContext.DetectInteractiveTerminal(), cancellation.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Runs the tool with the given writers, as a non-interactive console (plain progress lines).</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="stdout">Results (tables, JSON, summaries).</param>
    /// <param name="stderr">Error lines and progress.</param>
    /// <param name="cancellationToken">Cancels a running command (as Ctrl+C does).</param>
    /// <returns>The exit code: 0 ok, 1 bad input, 2 usage, 3 internal error, 130 cancelled.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        => Run(args, stdout, stderr, interactive: false, cancellationToken);

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var context = new CliContext(stdout, stderr, interactive, cancellationToken);
        RootCommand root = LfmCommandLine.Create(context, out Option<bool> verbose);
        ParseResult parseResult;
        try
        {
            parseResult = root.Parse(args);
        }
        catch (Exception exception)
        {
            // A validator that throws is an lfm defect; still one line, and exit code 3.
            return (int)ErrorReporter.Report(exception, stderr, args.Contains("--verbose") || args.Contains("-v"));
        }

        if (parseResult.Action is ParseErrorAction)
        {
            // One line, like every other error; the full usage is one --help away.
            // "Unrecognized command or argument 'x'" explains more than the "required command" error it causes.
            ParseError first = parseResult.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal))
                ?? parseResult.Errors[0];
            string command = CommandPath(parseResult.CommandResult);
            string extra = parseResult.Errors.Count > 1 ? $" (and {parseResult.Errors.Count - 1} more)" : "";
            stderr.WriteLine($"lfm: error: {LowerFirst(ErrorReporter.OneLine(TrimPeriod(first.Message)))}{extra}; see '{command} --help'");
            return (int)ExitCode.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            // The commands report their own failures (CommandRunner); anything escaping here is a defect.
            EnableDefaultExceptionHandler = false,
            // Main owns Ctrl+C; System.CommandLine must not install a second handler.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return parseResult.Invoke(invocation);
        }
        catch (Exception exception)
        {
            return (int)ErrorReporter.Report(exception, stderr, parseResult.GetValue(verbose));
        }
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new Stack<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Push(c.Parent is null ? "lfm" : c.Command.Name);
            }
        }

        return string.Join(' ', names);
    }

    private static string LowerFirst(string message) =>
        message.Length > 1 && char.IsUpper(message[0]) && !char.IsUpper(message[1]) ? char.ToLowerInvariant(message[0]) + message[1..] : message;

    private static string TrimPeriod(string message) => message.EndsWith('.') ? message[..^1] : message;
}
