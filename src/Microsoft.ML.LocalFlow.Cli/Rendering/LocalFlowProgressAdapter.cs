using Microsoft.ML.LocalFlow.Flow;

namespace Microsoft.ML.LocalFlow.Cli.Rendering;

/// <summary>
/// Receives the flow layer's progress reports, forwards them to the console display, and remembers which blocks
/// finished (so that a cancelled fit can say what its checkpoint holds).
/// </summary>
internal sealed class LocalFlowProgressAdapter(IProgress<FitProgressView> display) : IProgress<LocalFlowProgress>
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<int, double> _lastLoss = [];
    private int _completedBlocks;

    /// <summary>The number of blocks finished (trained or loaded from a checkpoint) so far.</summary>
    public int CompletedBlocks => Volatile.Read(ref _completedBlocks);

    /// <summary>The number of blocks of the fit, once known.</summary>
    public int BlockCount { get; private set; }

    /// <summary>The last training loss reported for each block, in block order.</summary>
    public IReadOnlyList<double> FinalLosses
    {
        get
        {
            lock (_gate)
            {
                return [.. _lastLoss.Values];
            }
        }
    }

    /// <inheritdoc/>
    public void Report(LocalFlowProgress value)
    {
        lock (_gate)
        {
            BlockCount = value.BlockCount;
            if (value.Phase is LocalFlowPhase.BlockCompleted or LocalFlowPhase.Resumed)
            {
                Volatile.Write(ref _completedBlocks, Math.Max(_completedBlocks, value.Block));
            }

            if (value.Phase == LocalFlowPhase.Training && double.IsFinite(value.Loss))
            {
                _lastLoss[value.Block] = value.Loss;
            }
        }

        display.Report(ToView(value));
    }

    /// <summary>Maps a flow report to the display's view.</summary>
    internal static FitProgressView ToView(LocalFlowProgress p) => new(
        p.Block,
        p.BlockCount,
        p.Iteration,
        p.IterationsPerBlock,
        p.Loss,
        double.IsNaN(p.ValidationLoss) ? null : p.ValidationLoss,
        p.Elapsed,
        p.EstimatedRemaining,
        PhaseName(p.Phase));

    /// <summary>The display's word for a phase.</summary>
    internal static string PhaseName(LocalFlowPhase phase) => phase switch
    {
        LocalFlowPhase.Training => "training",
        LocalFlowPhase.PushForward => "push-forward",
        LocalFlowPhase.BlockCompleted => "done",
        LocalFlowPhase.Resumed => "resumed",
        LocalFlowPhase.Distilling => "distilling",
        _ => phase.ToString(),
    };
}
