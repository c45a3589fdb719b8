namespace Microsoft.ML.LocalFlow.Tabular.Encoding;

/// <summary>How Continuous, Integer and DateTime values are mapped to the flow's space.</summary>
public enum ContinuousEncoding
{
    /// <summary>
    /// CDF Gaussianisation: y = Φ⁻¹(F(v)) with F a piecewise-linear CDF of the training values: kernel-smoothed
    /// (<see cref="TabularEncoderOptions.QuantileBandwidth"/>; a synthesizer that smooths its training rows uses it), else the empirical one (ties at their mid-rank).
    /// The encoded marginal is close to N(0, 1) whatever the shape; decode clamps to the training range.
    /// </summary>
    Quantile,

    /// <summary>y = (v − mean) / std with training mean and standard deviation; decode clamps to the bounds.</summary>
    Standardize,
}
