namespace Microsoft.ML.LocalFlow.Tabular.Encoding;

/// <summary>Options of <see cref="TabularEncoder.Fit(Table, TabularEncoderOptions?)"/>.</summary>
public sealed class TabularEncoderOptions
{
    /// <summary>Encoding of Continuous, Integer and DateTime columns (default <see cref="ContinuousEncoding.Quantile"/>; see docs/tabular.md for the measurement).</summary>
    public ContinuousEncoding Continuous { get; set; } = ContinuousEncoding.Quantile;

    /// <summary>Categorical columns with at most this many levels (missing level included) are one-hot; wider ones use analog bits (default 16).</summary>
    public int OneHotMaxLevels { get; set; } = 16;

    /// <summary>The label column: kept out of the feature matrix and encoded as the condition vector (null = none).</summary>
    public string? LabelColumn { get; set; }

    /// <summary>User bounds by column name; decoded values are clamped to them (instead of the observed range).</summary>
    public IDictionary<string, ColumnBounds> Bounds { get; } = new Dictionary<string, ColumnBounds>(StringComparer.Ordinal);

    /// <summary>Most knots of a quantile map (default 4096); more distinct values are thinned at evenly spaced ranks.</summary>
    public int MaxQuantileKnots { get; set; } = 4096;

    /// <summary>
    /// Bandwidth of the Gaussian kernel that smooths a quantile map's CDF, as a multiple of Silverman's rule
    /// b = 0.9·min(σ, IQR/1.34)·n^(−1/5) (and at least the column's lattice step); 0 = the empirical CDF, which gives each
    /// training value its own mass over its own cell. <see langword="null"/> (the default): the empirical CDF when the
    /// encoder is fitted on its own; <c>TabularSynthesizer.Fit</c> chooses with
    /// <see cref="TabularSynthesizerOptions.QuantileBandwidthFor(bool)"/> (1 when it smooths the training rows, else 0).
    /// A column whose values would no longer round-trip exactly through float32 under the smoothed map (without a decimal
    /// lattice: to within 1e-6 of its range) falls back to the empirical one. See docs/tabular.md "Smoothed quantile map".
    /// </summary>
    public double? QuantileBandwidth { get; set; }

    /// <summary>
    /// Dequantise Continuous columns on their decimal lattice (step 10^-decimals), as Integer columns on theirs
    /// (default true): ties become a proper density and decoding rounds back to the column's decimals.
    /// </summary>
    public bool DequantizeDecimals { get; set; } = true;
}
