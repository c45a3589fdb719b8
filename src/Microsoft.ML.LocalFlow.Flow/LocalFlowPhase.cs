namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>What a fit is doing when it reports progress.</summary>
public enum LocalFlowPhase
{
    /// <summary>Training a block's velocity field.</summary>
    Training = 0,

    /// <summary>Pushing the training pool through a finished block.</summary>
    PushForward = 1,

    /// <summary>A block finished (and its checkpoint, if any, was written).</summary>
    BlockCompleted = 2,

    /// <summary>Resumed from a checkpoint: blocks up to <see cref="LocalFlowProgress.Block"/> were loaded, not trained.</summary>
    Resumed = 3,

    /// <summary>Training a distilled student.</summary>
    Distilling = 4,
}
