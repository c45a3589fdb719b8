using Microsoft.ML.Runtime;

namespace Microsoft.ML;

/// <summary>The payload of <see cref="MLContext.Log"/>.</summary>
public class LoggingEventArgs : EventArgs
{
    /// <summary>Creates an event with a bare message.</summary>
    /// <param name="message">The message; also the <see cref="RawMessage"/>.</param>
    public LoggingEventArgs(string message)
    {
        RawMessage = message;
        Message = message;
        Source = string.Empty;
    }

    /// <summary>Creates an event from a channel message.</summary>
    /// <param name="message">The raw message.</param>
    /// <param name="kind">The severity.</param>
    /// <param name="source">The channel that sent it.</param>
    public LoggingEventArgs(string message, ChannelMessageKind kind, string source)
    {
        RawMessage = message;
        Kind = kind;
        Source = source;
        Message = $"[Source={source}, Kind={kind}] {message}";
    }

    /// <summary>The name of the channel that sent the message.</summary>
    public string Source { get; }

    /// <summary>The severity.</summary>
    public ChannelMessageKind Kind { get; }

    /// <summary>The message decorated with source and kind: <c>"[Source={Source}, Kind={Kind}] {RawMessage}"</c>.</summary>
    public string Message { get; }

    /// <summary>The message as sent.</summary>
    public string RawMessage { get; }
}
