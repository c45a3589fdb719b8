namespace Microsoft.ML.Data;

/// <summary>An immutable sequence of estimators; <see cref="Fit"/> fits each on the output of the previous transformers.</summary>
/// <typeparam name="TLastTransformer">The transformer type of the last estimator.</typeparam>
public sealed class EstimatorChain<TLastTransformer> : IEstimator<TransformerChain<TLastTransformer>>
    where TLastTransformer : class, ITransformer
{
    private readonly IEstimator<ITransformer>[] _estimators;
    private readonly TransformerScope[] _scopes;

    /// <summary>The last estimator, or <see langword="null"/> for an empty chain (a public field, as in ML.NET).</summary>
    public readonly IEstimator<TLastTransformer>? LastEstimator;

    /// <summary>Creates an empty chain.</summary>
    public EstimatorChain()
    {
        _estimators = [];
        _scopes = [];
        LastEstimator = null;
    }

    private EstimatorChain(IEstimator<ITransformer>[] estimators, TransformerScope[] scopes)
    {
        _estimators = estimators;
        _scopes = scopes;
        LastEstimator = estimators.Length == 0 ? null : estimators[^1] as IEstimator<TLastTransformer>;
    }

    /// <summary>Checks the input shape, then fits every estimator in turn on the data transformed so far.</summary>
    /// <param name="input">The training data.</param>
    /// <returns>The chain of fitted transformers.</returns>
    public TransformerChain<TLastTransformer> Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShape.Create(input.Schema));
        var current = input;
        var transformers = new ITransformer[_estimators.Length];
        for (int i = 0; i < _estimators.Length; i++)
        {
            transformers[i] = _estimators[i].Fit(current);
            if (i < _estimators.Length - 1)
                current = transformers[i].Transform(current);
        }
        return new TransformerChain<TLastTransformer>(transformers, _scopes);
    }

    /// <summary>Propagates the shape through every estimator.</summary>
    /// <param name="inputSchema">The input shape.</param>
    /// <returns>The output shape.</returns>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var shape = inputSchema;
        foreach (var estimator in _estimators)
            shape = estimator.GetOutputSchema(shape);
        return shape;
    }

    /// <summary>A new chain with <paramref name="estimator"/> appended.</summary>
    /// <typeparam name="TNewTrans">The appended estimator's transformer type.</typeparam>
    /// <param name="estimator">The estimator.</param>
    /// <param name="scope">The scopes its transformer takes part in.</param>
    /// <returns>The longer chain; this one is unchanged.</returns>
    public EstimatorChain<TNewTrans> Append<TNewTrans>(IEstimator<TNewTrans> estimator, TransformerScope scope = TransformerScope.Everything)
        where TNewTrans : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return new EstimatorChain<TNewTrans>([.. _estimators, estimator], [.. _scopes, scope]);
    }
}
