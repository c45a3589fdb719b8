namespace Microsoft.ML.Runtime;

/// <summary>A message sent through an <see cref="IChannel"/>. Its constructors are internal, as in ML.NET.</summary>
public readonly struct ChannelMessage
{
    private readonly string _message;
    private readonly object[]? _args;

    /// <summary>The severity.</summary>
    public readonly ChannelMessageKind Kind;

    /// <summary>The sensitivity.</summary>
    public readonly MessageSensitivity Sensitivity;

    internal ChannelMessage(ChannelMessageKind kind, MessageSensitivity sensitivity, string message)
    {
        Kind = kind;
        Sensitivity = sensitivity;
        _message = message ?? string.Empty;
        _args = null;
    }

    internal ChannelMessage(ChannelMessageKind kind, MessageSensitivity sensitivity, string fmt, params object[] args)
    {
        Kind = kind;
        Sensitivity = sensitivity;
        _message = fmt ?? string.Empty;
        _args = args;
    }

    /// <summary>The formatted message text (invariant culture).</summary>
    public string Message => _args is { Length: > 0 }
        ? string.Format(System.Globalization.CultureInfo.InvariantCulture, _message, _args)
        : _message;
}
