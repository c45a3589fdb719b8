using System.Text.Json;
using System.Text.Json.Serialization;

namespace Microsoft.ML.LocalFlow.Tabular.Metrics;

/// <summary>
/// Fidelity, detection and privacy metrics of a synthetic table against the real one (definitions in
/// <see cref="QualityMetrics"/>). Plain properties, so it serialises to JSON as is (<see cref="ToJson"/>).
/// </summary>
public sealed class QualityReport
{
    /// <summary>Mean of the per-column shape scores (SDMetrics "Column Shapes").</summary>
    public required double ColumnShapes { get; init; }

    /// <summary>Mean of the per-pair trend scores over all pairs (SDMetrics "Column Pair Trends" before 0.27); null with one column.</summary>
    public required double? ColumnPairTrends { get; init; }

    /// <summary>Mean over the pairs whose real data shows a trend (SDMetrics ≥ 0.27 rule); null when none does.</summary>
    public required double? ColumnPairTrendsMeetingThreshold { get; init; }

    /// <summary>Mean of <see cref="ColumnShapes"/> and <see cref="ColumnPairTrends"/> (SDMetrics overall Quality Score).</summary>
    public required double QualityScore { get; init; }

    /// <summary>1 − max(0, 2·acc − 1), acc the leave-one-out k-NN accuracy of telling real from synthetic rows; 1 = indistinguishable.</summary>
    public required double? DetectionScore { get; init; }

    /// <summary>The k-NN classifier's accuracy itself (0.5 = chance).</summary>
    public required double? DetectionAccuracy { get; init; }

    /// <summary>Distance to closest record; null without a holdout table.</summary>
    public required DcrSummary? Dcr { get; init; }

    /// <summary>Per-column shape scores.</summary>
    public required IReadOnlyList<ColumnShapeScore> Shapes { get; init; }

    /// <summary>Per-pair trend scores.</summary>
    public required IReadOnlyList<ColumnPairTrendScore> PairTrends { get; init; }

    /// <summary>Per-column missing rates.</summary>
    public required IReadOnlyList<MissingRateDifference> MissingRates { get; init; }

    /// <summary>Rows of the real table.</summary>
    public required int RealRows { get; init; }

    /// <summary>Rows of the synthetic table.</summary>
    public required int SyntheticRows { get; init; }

    /// <summary>The report as JSON (enums as names).</summary>
    public string ToJson(bool indented = false) => JsonSerializer.Serialize(this, new JsonSerializerOptions
    {
        WriteIndented = indented,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    });
}
