namespace Microsoft.ML.Runtime;

/// <summary>A channel whose messages are raised as <see cref="MLContext.Log"/> events with the channel name as source.</summary>
internal sealed class Channel : IChannel
{
    private readonly LogSink _sink;
    private bool _disposed;

    internal Channel(LogSink sink, string name)
    {
        _sink = sink;
        ContextDescription = name;
    }

    public string ContextDescription { get; }

    public TException Process<TException>(TException ex)
        where TException : Exception
        => ex;

    public void Send(ChannelMessage msg)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _sink(ContextDescription, msg.Kind, msg.Message);
    }

    public void Trace(MessageSensitivity sensitivity, string fmt) => Send(new ChannelMessage(ChannelMessageKind.Trace, sensitivity, fmt));

    public void Trace(MessageSensitivity sensitivity, string fmt, params object[] args) => Send(new ChannelMessage(ChannelMessageKind.Trace, sensitivity, fmt, args));

    public void Error(MessageSensitivity sensitivity, string fmt) => Send(new ChannelMessage(ChannelMessageKind.Error, sensitivity, fmt));

    public void Error(MessageSensitivity sensitivity, string fmt, params object[] args) => Send(new ChannelMessage(ChannelMessageKind.Error, sensitivity, fmt, args));

    public void Warning(MessageSensitivity sensitivity, string fmt) => Send(new ChannelMessage(ChannelMessageKind.Warning, sensitivity, fmt));

    public void Warning(MessageSensitivity sensitivity, string fmt, params object[] args) => Send(new ChannelMessage(ChannelMessageKind.Warning, sensitivity, fmt, args));

    public void Info(MessageSensitivity sensitivity, string fmt) => Send(new ChannelMessage(ChannelMessageKind.Info, sensitivity, fmt));

    public void Info(MessageSensitivity sensitivity, string fmt, params object[] args) => Send(new ChannelMessage(ChannelMessageKind.Info, sensitivity, fmt, args));

    public void Dispose() => _disposed = true;
}
