namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>A progress report of <see cref="LocalFlowTrainer.Fit(ReadOnlySpan{float}, int, int, ReadOnlySpan{float}, int, LocalFlowOptions, IProgress{LocalFlowProgress}?, CancellationToken)"/>.</summary>
/// <param name="Phase">What is happening.</param>
/// <param name="Block">1-based block index.</param>
/// <param name="BlockCount">Number of blocks N.</param>
/// <param name="Iteration">Iterations done in this block.</param>
/// <param name="IterationsPerBlock">Iterations planned per block.</param>
/// <param name="Loss">Mean training loss over the iterations since the last report (NaN when none).</param>
/// <param name="ValidationLoss">Latest validation loss of this block, or NaN without a validation split.</param>
/// <param name="Elapsed">Time since the fit started.</param>
/// <param name="EstimatedRemaining">Estimated time to finish (from the iteration rate so far), or null before it is known.</param>
public readonly record struct LocalFlowProgress(
    LocalFlowPhase Phase,
    int Block,
    int BlockCount,
    int Iteration,
    int IterationsPerBlock,
    double Loss,
    double ValidationLoss,
    TimeSpan Elapsed,
    TimeSpan? EstimatedRemaining);
