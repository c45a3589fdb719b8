namespace Microsoft.ML.LocalFlow.Tabular.Metrics;

/// <summary>Options of <see cref="QualityMetrics.Evaluate"/>.</summary>
public sealed class QualityOptions
{
    /// <summary>Equal-width bins for numeric columns in contingency similarity (default 10, as SDMetrics).</summary>
    public int ContingencyBins { get; set; } = 10;

    /// <summary>Run the k-NN detection test (default true).</summary>
    public bool Detection { get; set; } = true;

    /// <summary>Neighbours of the detection classifier (odd; default 5).</summary>
    public int DetectionNeighbors { get; set; } = 5;

    /// <summary>Rows per side (real and synthetic, subsampled) in the detection test (default 1000).</summary>
    public int DetectionMaxRows { get; set; } = 1000;

    /// <summary>Synthetic rows (subsampled) whose DCR is measured (default 1000).</summary>
    public int DcrMaxRows { get; set; } = 1000;

    /// <summary>Training and holdout rows (subsampled) used as DCR references (default 5000).</summary>
    public int DcrMaxReferenceRows { get; set; } = 5000;

    /// <summary>Seed of the subsampling.</summary>
    public int Seed { get; set; }
}
