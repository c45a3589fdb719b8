using System.Collections;

namespace Microsoft.ML.Data;

/// <summary>
/// An immutable sequence of transformers applied in order. Each has a <see cref="TransformerScope"/>; the plain
/// <see cref="Transform(IDataView)"/> and <see cref="GetOutputSchema(DataViewSchema)"/> use <see cref="TransformerScope.Scoring"/>.
/// </summary>
/// <typeparam name="TLastTransformer">The type of the last transformer.</typeparam>
public sealed class TransformerChain<TLastTransformer> : ITransformer, IEnumerable<ITransformer>, ITransformerChainAccessor, IDisposable
    where TLastTransformer : class, ITransformer
{
    private readonly ITransformer[] _transformers;
    private readonly TransformerScope[] _scopes;
    private bool _disposed;

    /// <summary>The last transformer, or <see langword="null"/> for an empty chain (a public field, as in ML.NET).</summary>
    public readonly TLastTransformer? LastTransformer;

    /// <summary>Creates a chain with one scope per transformer.</summary>
    /// <param name="transformers">The transformers; the last must be a <typeparamref name="TLastTransformer"/>.</param>
    /// <param name="scopes">As many scopes as transformers.</param>
    /// <exception cref="ArgumentException">The counts differ, or the last transformer has the wrong type.</exception>
    public TransformerChain(IEnumerable<ITransformer> transformers, IEnumerable<TransformerScope> scopes)
    {
        ArgumentNullException.ThrowIfNull(transformers);
        ArgumentNullException.ThrowIfNull(scopes);
        _transformers = transformers.ToArray();
        _scopes = scopes.ToArray();
        if (_transformers.Length != _scopes.Length)
            throw new ArgumentException($"Got {_transformers.Length} transformers but {_scopes.Length} scopes.", nameof(scopes));
        if (_transformers.Any(t => t is null))
            throw new ArgumentException("A transformer is null.", nameof(transformers));
        LastTransformer = _transformers.Length == 0 ? null : _transformers[^1] as TLastTransformer;
        if (_transformers.Length > 0 && LastTransformer is null)
            throw new ArgumentException($"The last transformer is a '{_transformers[^1].GetType().Name}', not a '{typeof(TLastTransformer).Name}'.", nameof(transformers));
    }

    /// <summary>Creates a chain whose transformers all have scope <see cref="TransformerScope.Everything"/>.</summary>
    /// <param name="transformers">The transformers.</param>
    public TransformerChain(params ITransformer[] transformers)
        : this(transformers ?? throw new ArgumentNullException(nameof(transformers)), Enumerable.Repeat(TransformerScope.Everything, transformers.Length))
    {
    }

    ITransformer[] ITransformerChainAccessor.Transformers => _transformers;

    TransformerScope[] ITransformerChainAccessor.Scopes => _scopes;

    /// <summary>The output schema for scoring.</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <returns>The output schema.</returns>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => GetOutputSchema(inputSchema, TransformerScope.Scoring);

    /// <summary>The output schema using only the transformers whose scope meets <paramref name="scope"/>.</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <param name="scope">The scope.</param>
    /// <returns>The output schema.</returns>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema, TransformerScope scope)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var schema = inputSchema;
        for (int i = 0; i < _transformers.Length; i++)
        {
            if ((_scopes[i] & scope) != 0)
                schema = _transformers[i].GetOutputSchema(schema);
        }
        return schema;
    }

    /// <summary>Applies the transformers for scoring.</summary>
    /// <param name="input">The data.</param>
    /// <returns>The transformed data.</returns>
    public IDataView Transform(IDataView input) => Transform(input, TransformerScope.Scoring);

    /// <summary>Applies the transformers whose scope meets <paramref name="scope"/>.</summary>
    /// <param name="input">The data.</param>
    /// <param name="scope">The scope.</param>
    /// <returns>The transformed data.</returns>
    public IDataView Transform(IDataView input, TransformerScope scope)
    {
        ArgumentNullException.ThrowIfNull(input);
        var data = input;
        for (int i = 0; i < _transformers.Length; i++)
        {
            if ((_scopes[i] & scope) != 0)
                data = _transformers[i].Transform(data);
        }
        return data;
    }

    /// <summary>The chain of transformers whose scope meets <paramref name="scopeFilter"/>.</summary>
    /// <param name="scopeFilter">The scope.</param>
    /// <returns>A new chain.</returns>
    public TransformerChain<ITransformer> GetModelFor(TransformerScope scopeFilter)
    {
        var keep = Enumerable.Range(0, _transformers.Length).Where(i => (_scopes[i] & scopeFilter) != 0).ToArray();
        return new TransformerChain<ITransformer>(keep.Select(i => _transformers[i]), keep.Select(i => _scopes[i]));
    }

    /// <summary>A new chain with <paramref name="transformer"/> appended.</summary>
    /// <typeparam name="TNewLast">The appended transformer's type.</typeparam>
    /// <param name="transformer">The transformer.</param>
    /// <param name="scope">Its scope.</param>
    /// <returns>The longer chain.</returns>
    public TransformerChain<TNewLast> Append<TNewLast>(TNewLast transformer, TransformerScope scope = TransformerScope.Everything)
        where TNewLast : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(transformer);
        return new TransformerChain<TNewLast>([.. _transformers, transformer], [.. _scopes, scope]);
    }

    /// <summary>Enumerates the transformers.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<ITransformer> GetEnumerator() => ((IEnumerable<ITransformer>)_transformers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Disposes the transformers that are <see cref="IDisposable"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var transformer in _transformers)
            (transformer as IDisposable)?.Dispose();
    }

    bool ITransformer.IsRowToRowMapper => _transformers.All(t => t.IsRowToRowMapper);

    IRowToRowMapper ITransformer.GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var mappers = new IRowToRowMapper[_transformers.Length];
        var schema = inputSchema;
        for (int i = 0; i < _transformers.Length; i++)
        {
            if (!_transformers[i].IsRowToRowMapper)
                throw new InvalidOperationException($"Transformer {i} ('{_transformers[i].GetType().Name}') is not a row-to-row mapper.");
            mappers[i] = _transformers[i].GetRowToRowMapper(schema);
            schema = mappers[i].OutputSchema;
        }
        return new CompositeRowToRowMapper(inputSchema, mappers);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ctx.SaveChain(_transformers, _scopes);
    }
}
