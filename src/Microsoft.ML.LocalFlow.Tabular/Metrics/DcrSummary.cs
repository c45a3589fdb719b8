namespace Microsoft.ML.LocalFlow.Tabular.Metrics;

/// <summary>
/// Distance to closest record (privacy). Distance between rows: the mean over columns of a Gower-like per-cell distance:
/// numeric/datetime |a − b| / (training range), capped at 1; categorical 0 if equal else 1; both missing 0, one missing 1.
/// </summary>
/// <param name="SyntheticToTrainMedian">Median over synthetic rows of the distance to the closest training row.</param>
/// <param name="SyntheticToTrainP5">5th percentile of the same.</param>
/// <param name="HoldoutToTrainMedian">Median over held-out real rows of the distance to the closest training row (the reference).</param>
/// <param name="HoldoutToTrainP5">5th percentile of the same.</param>
/// <param name="ShareCloserToTrain">Share of synthetic rows closer to the training rows than to the held-out rows (ties count ½).</param>
/// <param name="ExpectedShare">The share a generator that does not copy would get: train rows / (train rows + holdout rows) used.</param>
/// <param name="SyntheticRows">Synthetic rows used.</param>
/// <param name="TrainRows">Training rows used.</param>
/// <param name="HoldoutRows">Held-out rows used.</param>
public sealed record DcrSummary(
    double SyntheticToTrainMedian, double SyntheticToTrainP5, double HoldoutToTrainMedian, double HoldoutToTrainP5,
    double ShareCloserToTrain, double ExpectedShare, int SyntheticRows, int TrainRows, int HoldoutRows)
{
    /// <summary>min((1 − share)/(1 − expected), 1); with equal train and holdout sizes this is SDMetrics DCROverfittingProtection, min(2·(1 − share), 1).</summary>
    public double OverfittingProtection => Math.Min((1 - ShareCloserToTrain) / (1 - ExpectedShare), 1);
}
