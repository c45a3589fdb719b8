namespace Microsoft.ML.LocalFlow.Tabular.Encoding;

/// <summary>How Continuous, Integer and DateTime values are mapped to the flow's space.</summary>
public enum ContinuousEncoding
{
    /// <summary>
    /// Empirical-CDF Gaussianisation: y = Φ⁻¹(F(v)) with F the piecewise-linear CDF through the training quantiles
    /// (ties at their mid-rank). The encoded marginal is close to N(0, 1) whatever the shape; decode clamps to the training range.
    /// </summary>
    Quantile,

    /// <summary>y = (v − mean) / std with training mean and standard deviation; decode clamps to the bounds.</summary>
    Standardize,
}
