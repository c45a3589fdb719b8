namespace Microsoft.ML.LocalFlow.Cli.Infrastructure;

/// <summary>
/// Turns any exception that ends a command into ONE line on stderr, <c>lfm: error: ...</c>, and an exit code.
/// The layers below throw exceptions whose messages already name the file, row, column and reason; this class
/// only classifies them (bad input versus internal defect) and keeps stack traces for <c>--verbose</c>.
/// </summary>
internal static class ErrorReporter
{
    /// <summary>Writes the error line (and, when <paramref name="verbose"/>, the full exception) and returns the exit code.</summary>
    /// <param name="exception">The exception that ended the command.</param>
    /// <param name="stderr">Where the line goes.</param>
    /// <param name="verbose">Whether to append the exception's full text (stack traces included).</param>
    /// <returns>The exit code for the process.</returns>
    public static ExitCode Report(Exception exception, TextWriter stderr, bool verbose)
    {
        ExitCode code = Classify(exception);
        string message = code switch
        {
            ExitCode.Cancelled when exception is not CliException => "cancelled",
            ExitCode.Internal => $"internal error: {MessageOf(exception)} (a defect in lfm; rerun with --verbose for the stack trace and report it)",
            _ => MessageOf(exception),
        };
        stderr.WriteLine($"lfm: error: {OneLine(message)}");
        if (verbose && code != ExitCode.Cancelled)
        {
            stderr.WriteLine(exception.ToString());
        }

        return code;
    }

    /// <summary>Chooses the exit code for an exception.</summary>
    /// <param name="exception">The exception that ended the command.</param>
    /// <returns>
    /// <see cref="ExitCode.Cancelled"/> for cancellation; <see cref="ExitCode.BadInput"/> for exceptions that describe
    /// bad data, files, model files or option values; <see cref="ExitCode.Internal"/> for everything else.
    /// </returns>
    public static ExitCode Classify(Exception exception) => exception switch
    {
        CliException cli => cli.ExitCode,
        OperationCanceledException => ExitCode.Cancelled,
        // Data and file problems: these messages are written for users (row, column, reason).
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException => ExitCode.BadInput,
        InvalidDataException or FormatException or EndOfStreamException => ExitCode.BadInput,
        IOException => ExitCode.BadInput,
        // Option values the layers reject (non-positive step size, unknown category): the message names the argument.
        ArgumentException => ExitCode.BadInput,
        _ when IsLayerInputException(exception) => ExitCode.BadInput,
        _ => ExitCode.Internal,
    };

    /// <summary>The exception's message, with the layer's inner messages appended when they add information.</summary>
    private static string MessageOf(Exception exception)
    {
        string message = exception.Message;
        // ArgumentException appends " (Parameter 'x')"; keep it, it names the option the value came from.
        if (exception is AggregateException aggregate && aggregate.InnerExceptions.Count == 1)
        {
            return MessageOf(aggregate.InnerExceptions[0]);
        }

        return message;
    }

    /// <summary>
    /// Exceptions declared by the LocalFlow layers for bad user input (their type names end in
    /// <c>DataException</c>, <c>FormatException</c>, <c>SchemaException</c> or <c>ModelFileException</c>).
    /// </summary>
    private static bool IsLayerInputException(Exception exception)
    {
        Type type = exception.GetType();
        return type.Namespace is { } ns
            && ns.StartsWith("Microsoft.ML.LocalFlow", StringComparison.Ordinal)
            && !ns.StartsWith("Microsoft.ML.LocalFlow.Cli", StringComparison.Ordinal)
            && (type.Name.EndsWith("DataException", StringComparison.Ordinal)
                || type.Name.EndsWith("FormatException", StringComparison.Ordinal)
                || type.Name.EndsWith("SchemaException", StringComparison.Ordinal)
                || type.Name.EndsWith("ModelFileException", StringComparison.Ordinal)
                || type.Name.EndsWith("InputException", StringComparison.Ordinal));
    }

    /// <summary>Collapses line breaks so the error is exactly one line (scripts grep it).</summary>
    internal static string OneLine(string text)
    {
        string[] parts = text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join("; ", parts);
    }
}
