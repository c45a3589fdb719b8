using Microsoft.ML.Data;

namespace Microsoft.ML;

/// <summary>The <c>Append</c> extension methods that start estimator and transformer chains.</summary>
public static class LearningPipelineExtensions
{
    /// <summary>Chains two estimators: <c>start.Append(estimator)</c>.</summary>
    /// <typeparam name="TTrans">The appended estimator's transformer type.</typeparam>
    /// <param name="start">The first estimator.</param>
    /// <param name="estimator">The second estimator.</param>
    /// <param name="scope">The scope of the second estimator's transformer.</param>
    /// <returns>A two-element chain.</returns>
    public static EstimatorChain<TTrans> Append<TTrans>(this IEstimator<ITransformer> start, IEstimator<TTrans> estimator,
        TransformerScope scope = TransformerScope.Everything)
        where TTrans : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(estimator);
        return new EstimatorChain<ITransformer>().Append(start).Append(estimator, scope);
    }

    /// <summary>Chains two transformers: <c>start.Append(transformer)</c>.</summary>
    /// <typeparam name="TTrans">The appended transformer's type.</typeparam>
    /// <param name="start">The first transformer.</param>
    /// <param name="transformer">The second transformer.</param>
    /// <returns>A two-element chain.</returns>
    public static TransformerChain<TTrans> Append<TTrans>(this ITransformer start, TTrans transformer)
        where TTrans : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(transformer);
        return new TransformerChain<TTrans>(start, transformer);
    }
}
