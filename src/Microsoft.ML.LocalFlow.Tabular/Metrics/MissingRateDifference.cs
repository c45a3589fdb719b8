namespace Microsoft.ML.LocalFlow.Tabular.Metrics;

/// <summary>Share of missing cells of a column in the real and synthetic tables.</summary>
/// <param name="Column">Column name.</param>
/// <param name="RealRate">Missing share in the real table.</param>
/// <param name="SyntheticRate">Missing share in the synthetic table.</param>
public sealed record MissingRateDifference(string Column, double RealRate, double SyntheticRate)
{
    /// <summary>SyntheticRate − RealRate.</summary>
    public double Difference => SyntheticRate - RealRate;
}
