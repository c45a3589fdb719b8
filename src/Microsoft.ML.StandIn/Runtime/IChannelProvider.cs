namespace Microsoft.ML.Runtime;

/// <summary>Opens channels (for log messages) and pipes.</summary>
public interface IChannelProvider : IExceptionContext
{
    /// <summary>Opens a channel for messages; dispose it when done.</summary>
    /// <param name="name">The channel name, reported as the message source.</param>
    /// <returns>The channel.</returns>
    IChannel Start(string name);

    /// <summary>Opens a pipe for messages of type <typeparamref name="TMessage"/>.</summary>
    /// <typeparam name="TMessage">The message type.</typeparam>
    /// <param name="name">The pipe name.</param>
    /// <returns>The pipe.</returns>
    IPipe<TMessage> StartPipe<TMessage>(string name);
}
