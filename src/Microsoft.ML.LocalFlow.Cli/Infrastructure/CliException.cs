namespace Microsoft.ML.LocalFlow.Cli.Infrastructure;

/// <summary>
/// A failure that the CLI itself detected (missing file, malformed option value) and that must end the command with
/// one error line and a specific exit code, without a stack trace.
/// </summary>
internal sealed class CliException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="exitCode">The exit code the process ends with.</param>
    /// <param name="message">One line: what went wrong, where (file, row, column) and why.</param>
    /// <param name="inner">The exception that caused it, if any (shown with <c>--verbose</c>).</param>
    public CliException(ExitCode exitCode, string message, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
    }

    /// <summary>The exit code the process ends with.</summary>
    public ExitCode ExitCode { get; }

    /// <summary>A bad-input error (exit code 1).</summary>
    public static CliException BadInput(string message, Exception? inner = null) => new(ExitCode.BadInput, message, inner);

    /// <summary>A usage error (exit code 2).</summary>
    public static CliException Usage(string message) => new(ExitCode.Usage, message);
}
