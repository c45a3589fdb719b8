namespace Microsoft.ML.LocalFlow.Tabular.Metrics;

/// <summary>The per-pair trend metric (SDMetrics names).</summary>
public enum PairMetric
{
    /// <summary>1 − |ρ_real − ρ_syn| / 2, Pearson ρ over rows where both cells are present (two numeric/datetime columns).</summary>
    CorrelationSimilarity,

    /// <summary>1 − ½ Σ_{a,b} |P_real(a, b) − P_syn(a, b)|; a numeric column is cut into equal-width bins first (mixed or categorical pairs).</summary>
    ContingencySimilarity,
}
