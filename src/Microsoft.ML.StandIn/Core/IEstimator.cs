namespace Microsoft.ML;

/// <summary>An untrained pipeline step: <see cref="Fit"/> learns from data and returns a transformer. Covariant, so chains compose.</summary>
/// <typeparam name="TTransformer">The transformer type <see cref="Fit"/> returns.</typeparam>
public interface IEstimator<out TTransformer>
    where TTransformer : ITransformer
{
    /// <summary>Trains on <paramref name="input"/>.</summary>
    /// <param name="input">The training data.</param>
    /// <returns>The fitted transformer.</returns>
    TTransformer Fit(IDataView input);

    /// <summary>The shape of the output the fitted transformer will produce, checking the input shape.</summary>
    /// <param name="inputSchema">The input shape.</param>
    /// <returns>The output shape.</returns>
    SchemaShape GetOutputSchema(SchemaShape inputSchema);
}
