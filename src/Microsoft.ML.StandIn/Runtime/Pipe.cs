namespace Microsoft.ML.Runtime;

/// <summary>A pipe: <see cref="ChannelMessage"/>s go to the log, other message types are dropped (nothing listens for them).</summary>
internal sealed class Pipe<TMessage> : IPipe<TMessage>
{
    private readonly Action<TMessage> _send;

    private Pipe(string name, Action<TMessage> send)
    {
        ContextDescription = name;
        _send = send;
    }

    public string ContextDescription { get; }

    internal static IPipe<TMessage> Create(LogSink sink, string name)
    {
        if (typeof(TMessage) == typeof(ChannelMessage))
            return (IPipe<TMessage>)(object)new Channel(sink, name);
        return new Pipe<TMessage>(name, static _ => { });
    }

    public TException Process<TException>(TException ex)
        where TException : Exception
        => ex;

    public void Send(TMessage msg) => _send(msg);

    public void Dispose()
    {
    }
}
