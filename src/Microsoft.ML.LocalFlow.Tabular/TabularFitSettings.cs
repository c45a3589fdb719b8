namespace Microsoft.ML.LocalFlow.Tabular;

/// <summary>
/// The tabular settings a fit actually used, after the size rules of <see cref="TabularSynthesizerOptions"/> filled in the
/// ones left <see langword="null"/>; saved in the model file. The flow's settings are in <c>LocalFlowModel.Options</c>.
/// </summary>
/// <param name="TrainingRows">Rows of the training table (before copies).</param>
/// <param name="Smoothing">The smoothing bandwidth σ used (0 = none).</param>
/// <param name="DequantizationCopies">Noisy copies of the table that were stacked for training.</param>
/// <param name="ChosenFromRowCount">Whether σ came from <see cref="TabularSynthesizerOptions.SmoothingFor(int, int)"/> rather than from the options.</param>
/// <param name="SmoothingNeighbours">The smoothing kernel: k ≥ 2 nearest neighbours, or 0 for the label level's covariance
/// (<see cref="TabularSynthesizerOptions.SmoothingNeighbours"/>); 0 for models saved before it was recorded.</param>
public sealed record TabularFitSettings(int TrainingRows, double Smoothing, int DequantizationCopies, bool ChosenFromRowCount, int SmoothingNeighbours = 0);
