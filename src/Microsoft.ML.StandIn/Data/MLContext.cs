using Microsoft.ML.Runtime;

namespace Microsoft.ML;

/// <summary>
/// The entry point of ML.NET: holds the catalogs (<see cref="Data"/>, <see cref="Transforms"/>, <see cref="Model"/>), the random seed
/// and the <see cref="Log"/> event. Implements <see cref="IHostEnvironment"/> explicitly: cast <c>(IHostEnvironment)mlContext</c>
/// to register hosts and open channels whose messages arrive at <see cref="Log"/>.
/// </summary>
public sealed class MLContext : IHostEnvironmentInternal
{
    private readonly object _randLock = new();
    private readonly Random _rand;

    /// <summary>Creates a context.</summary>
    /// <param name="seed">The seed for every random choice made through this context; <see langword="null"/> = nondeterministic.</param>
    public MLContext(int? seed = null)
    {
        Seed = seed;
        _rand = seed is int s ? new Random(s) : new Random();
        ComponentCatalog = new ComponentCatalog();
        Data = new DataOperationsCatalog(this);
        Model = new ModelOperationsCatalog(this);
        Transforms = new TransformsCatalog(this);
    }

    /// <summary>Data transformations (the stand-in ships none; extension packages add them).</summary>
    public TransformsCatalog Transforms { get; }

    /// <summary>Model saving and loading.</summary>
    public ModelOperationsCatalog Model { get; }

    /// <summary>Data loading, conversion and splitting.</summary>
    public DataOperationsCatalog Data { get; }

    /// <summary>Raised for every message sent through a channel of this context or its hosts.</summary>
    public event EventHandler<LoggingEventArgs>? Log;

    /// <summary>The component catalog.</summary>
    public ComponentCatalog ComponentCatalog { get; }

    /// <summary>The seed given to the constructor.</summary>
    internal int? Seed { get; }

    int? IHostEnvironmentInternal.Seed => Seed;

    string IExceptionContext.ContextDescription => nameof(MLContext);

    /// <summary>Draws a seed from the context's random source (deterministic when the context was seeded).</summary>
    internal int NextSeed()
    {
        lock (_randLock)
            return _rand.Next();
    }

    internal void Emit(string source, ChannelMessageKind kind, string message)
        => Log?.Invoke(this, new LoggingEventArgs(message, kind, source));

    TException IExceptionContext.Process<TException>(TException ex) => ex;

    IHost IHostEnvironment.Register(string name, int? seed, bool? verbose)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new Host(Emit, ComponentCatalog, name, seed ?? NextSeed());
    }

    IChannel IChannelProvider.Start(string name) => new Channel(Emit, name);

    IPipe<TMessage> IChannelProvider.StartPipe<TMessage>(string name) => Pipe<TMessage>.Create(Emit, name);

    IProgressChannel IProgressChannelProvider.StartProgressChannel(string name) => new ProgressChannel(Emit, name);
}
