namespace Microsoft.ML.LocalFlow.Tabular.Metrics;

/// <summary>One column pair's trend score.</summary>
/// <param name="ColumnA">First column.</param>
/// <param name="ColumnB">Second column.</param>
/// <param name="Metric">Which metric.</param>
/// <param name="Score">In [0, 1]; 1 = same trend.</param>
/// <param name="RealTrend">|ρ_real| for numeric pairs, Cramér's V of the real contingency table otherwise.</param>
/// <param name="MeetsThreshold">SDMetrics ≥ 0.27 rule: |ρ_real| &gt; 0.5, or V_real &gt; 0.3.</param>
public sealed record ColumnPairTrendScore(string ColumnA, string ColumnB, PairMetric Metric, double Score, double RealTrend, bool MeetsThreshold);
