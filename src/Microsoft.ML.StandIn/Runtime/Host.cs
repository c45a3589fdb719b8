namespace Microsoft.ML.Runtime;

/// <summary>A named child environment of an <see cref="MLContext"/>; its channels report to the context's log.</summary>
internal sealed class Host : IHost
{
    private readonly LogSink _sink;
    private readonly ComponentCatalog _catalog;

    internal Host(LogSink sink, ComponentCatalog catalog, string name, int seed)
    {
        _sink = sink;
        _catalog = catalog;
        ContextDescription = name;
        Rand = new Random(seed);
    }

    public Random Rand { get; }

    public string ContextDescription { get; }

    public ComponentCatalog ComponentCatalog => _catalog;

    public TException Process<TException>(TException ex)
        where TException : Exception
        => ex;

    public IHost Register(string name, int? seed = null, bool? verbose = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new Host(_sink, _catalog, ContextDescription + "; " + name, seed ?? Rand.Next());
    }

    public IChannel Start(string name) => new Channel(_sink, ContextDescription + "; " + name);

    public IPipe<TMessage> StartPipe<TMessage>(string name) => Pipe<TMessage>.Create(_sink, ContextDescription + "; " + name);

    public IProgressChannel StartProgressChannel(string name) => new ProgressChannel(_sink, ContextDescription + "; " + name);
}
