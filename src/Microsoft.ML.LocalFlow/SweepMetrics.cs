using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Metrics;

namespace Microsoft.ML.LocalFlow;

/// <summary>Scores used by the sweep that come from the tabular layer's metrics.</summary>
internal static class SweepMetrics
{
    /// <summary>The Quality Score of <paramref name="synthetic"/> against <paramref name="real"/> (no detection test: it does not enter the score).</summary>
    internal static double QualityScore(Table real, Table synthetic) =>
        QualityMetrics.Evaluate(real, synthetic, new QualityOptions { Detection = false }).QualityScore;
}
