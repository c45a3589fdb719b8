namespace Microsoft.ML.Runtime;

/// <summary>A channel for log messages of four severities; messages reach <c>MLContext.Log</c>.</summary>
public interface IChannel : IPipe<ChannelMessage>
{
    /// <summary>Sends a trace message.</summary>
    /// <param name="sensitivity">The message sensitivity.</param>
    /// <param name="fmt">The message.</param>
    void Trace(MessageSensitivity sensitivity, string fmt);

    /// <summary>Sends a formatted trace message.</summary>
    /// <param name="sensitivity">The message sensitivity.</param>
    /// <param name="fmt">A composite format string.</param>
    /// <param name="args">The format arguments.</param>
    void Trace(MessageSensitivity sensitivity, string fmt, params object[] args);

    /// <summary>Sends an error message.</summary>
    /// <param name="sensitivity">The message sensitivity.</param>
    /// <param name="fmt">The message.</param>
    void Error(MessageSensitivity sensitivity, string fmt);

    /// <summary>Sends a formatted error message.</summary>
    /// <param name="sensitivity">The message sensitivity.</param>
    /// <param name="fmt">A composite format string.</param>
    /// <param name="args">The format arguments.</param>
    void Error(MessageSensitivity sensitivity, string fmt, params object[] args);

    /// <summary>Sends a warning.</summary>
    /// <param name="sensitivity">The message sensitivity.</param>
    /// <param name="fmt">The message.</param>
    void Warning(MessageSensitivity sensitivity, string fmt);

    /// <summary>Sends a formatted warning.</summary>
    /// <param name="sensitivity">The message sensitivity.</param>
    /// <param name="fmt">A composite format string.</param>
    /// <param name="args">The format arguments.</param>
    void Warning(MessageSensitivity sensitivity, string fmt, params object[] args);

    /// <summary>Sends an information message.</summary>
    /// <param name="sensitivity">The message sensitivity.</param>
    /// <param name="fmt">The message.</param>
    void Info(MessageSensitivity sensitivity, string fmt);

    /// <summary>Sends a formatted information message.</summary>
    /// <param name="sensitivity">The message sensitivity.</param>
    /// <param name="fmt">A composite format string.</param>
    /// <param name="args">The format arguments.</param>
    void Info(MessageSensitivity sensitivity, string fmt, params object[] args);
}
