using Microsoft.ML.LocalFlow.Tabular;

namespace Microsoft.ML.LocalFlow;

/// <summary>Scores used by the sweep that come from the tabular layer's metrics.</summary>
internal static class SweepMetrics
{
    /// <summary>The Quality Score of <paramref name="synthetic"/> against <paramref name="real"/>.</summary>
    internal static double QualityScore(Table real, Table synthetic) =>
        throw new NotSupportedException("The Quality Score objective needs the tabular metrics, which this build does not have yet.");
}
