namespace Microsoft.ML.Runtime;

/// <summary>A one-way conduit for messages; dispose it when done.</summary>
/// <typeparam name="TMessage">The message type.</typeparam>
public interface IPipe<TMessage> : IExceptionContext, IDisposable
{
    /// <summary>Sends a message.</summary>
    /// <param name="msg">The message.</param>
    void Send(TMessage msg);
}
