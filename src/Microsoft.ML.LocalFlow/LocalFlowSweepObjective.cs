namespace Microsoft.ML.LocalFlow;

/// <summary>What a sweep minimises, measured on the held-out rows.</summary>
public enum LocalFlowSweepObjective
{
    /// <summary>
    /// The mean negative log-likelihood of the validation rows, in nats per row (lower is better). Fast and exact for the
    /// model's own density; the default.
    /// </summary>
    ValidationNegativeLogLikelihood = 0,

    /// <summary>
    /// The Quality Score (mean of Column Shapes and Column Pair Trends, as SDMetrics defines them) of generated rows against the
    /// validation rows; the loss is 1 − score. Closer to what users judge, but noisier and slower.
    /// </summary>
    QualityScore = 1,
}
