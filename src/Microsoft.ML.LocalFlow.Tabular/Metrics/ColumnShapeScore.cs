namespace Microsoft.ML.LocalFlow.Tabular.Metrics;

/// <summary>One column's shape score.</summary>
/// <param name="Column">Column name.</param>
/// <param name="Metric">Which metric.</param>
/// <param name="Score">In [0, 1]; 1 = identical marginals.</param>
public sealed record ColumnShapeScore(string Column, ShapeMetric Metric, double Score);
