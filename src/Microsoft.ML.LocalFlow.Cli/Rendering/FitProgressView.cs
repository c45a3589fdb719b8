namespace Microsoft.ML.LocalFlow.Cli.Rendering;

/// <summary>One progress report during fit, as the console shows it (mapped from the flow layer's report).</summary>
/// <param name="Block">The block being trained, 1-based.</param>
/// <param name="BlockCount">The number of blocks.</param>
/// <param name="Iteration">Iterations done in this block.</param>
/// <param name="IterationCount">Iterations planned for this block (early stopping may end it sooner).</param>
/// <param name="Loss">The latest training loss (mean squared velocity error).</param>
/// <param name="ValidationLoss">The latest validation loss, when a validation split is used.</param>
/// <param name="Elapsed">Time since the fit started.</param>
/// <param name="Eta">Estimated time to the end of the fit, when the layer can tell.</param>
/// <param name="Phase">What the block is doing (training, push-forward), for the display.</param>
internal sealed record FitProgressView(
    int Block,
    int BlockCount,
    long Iteration,
    long IterationCount,
    double Loss,
    double? ValidationLoss,
    TimeSpan Elapsed,
    TimeSpan? Eta,
    string Phase)
{
    /// <summary>Whether the phase runs iterations (training, distilling), so that iteration and loss mean something.</summary>
    public bool IsIterating => Phase is "training" or "distilling";
}
