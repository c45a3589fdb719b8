namespace Microsoft.ML.Runtime;

/// <summary>Names the progress units (e.g. "iterations") and metrics (e.g. "Loss") of a progress channel.</summary>
public sealed class ProgressHeader
{
    /// <summary>The unit names, outermost first.</summary>
    public readonly IReadOnlyList<string> UnitNames;

    /// <summary>The metric names.</summary>
    public readonly IReadOnlyList<string> MetricNames;

    /// <summary>Creates a header with metrics and units.</summary>
    /// <param name="metricNames">The metric names (null = none).</param>
    /// <param name="unitNames">The unit names (null = none).</param>
    public ProgressHeader(string[] metricNames, string[] unitNames)
    {
        MetricNames = (string[])(metricNames ?? []).Clone();
        UnitNames = (string[])(unitNames ?? []).Clone();
    }

    /// <summary>Creates a header with units only.</summary>
    /// <param name="unitNames">The unit names.</param>
    public ProgressHeader(params string[] unitNames)
        : this([], unitNames)
    {
    }
}
