namespace Microsoft.ML.LocalFlow.Tabular.Metrics;

/// <summary>The per-column shape metric (SDMetrics names).</summary>
public enum ShapeMetric
{
    /// <summary>1 − D, D the two-sample Kolmogorov–Smirnov statistic over non-missing values (numeric and datetime columns).</summary>
    KSComplement,

    /// <summary>1 − ½ Σ_c |p_real(c) − p_syn(c)| over levels, missing counted as a level (categorical and boolean columns).</summary>
    TVComplement,
}
