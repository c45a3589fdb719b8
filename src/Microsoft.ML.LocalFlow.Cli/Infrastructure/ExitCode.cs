namespace Microsoft.ML.LocalFlow.Cli.Infrastructure;

/// <summary>The process exit codes of <c>lfm</c>; docs/cli.md lists them for scripts.</summary>
internal enum ExitCode
{
    /// <summary>The command did what was asked.</summary>
    Success = 0,

    /// <summary>The input data, a model file or an option value was rejected (the error line says which and where).</summary>
    BadInput = 1,

    /// <summary>The command line itself could not be parsed: unknown option, missing argument, malformed value.</summary>
    Usage = 2,

    /// <summary>A defect in lfm or a layer below it; rerun with <c>--verbose</c> for the stack trace.</summary>
    Internal = 3,

    /// <summary>Cancelled by Ctrl+C (SIGINT); 128 + 2, as shells report it.</summary>
    Cancelled = 130,
}
