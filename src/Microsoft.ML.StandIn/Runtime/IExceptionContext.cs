namespace Microsoft.ML.Runtime;

/// <summary>A context that can annotate exceptions before they are thrown.</summary>
public interface IExceptionContext
{
    /// <summary>Annotates <paramref name="ex"/> with this context and returns it, ready to throw.</summary>
    /// <typeparam name="TException">The exception type.</typeparam>
    /// <param name="ex">The exception.</param>
    /// <returns><paramref name="ex"/>.</returns>
    TException Process<TException>(TException ex)
        where TException : Exception;

    /// <summary>A short description of the context, e.g. the host name.</summary>
    string ContextDescription { get; }
}
