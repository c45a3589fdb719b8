namespace Microsoft.ML.Runtime;

/// <summary>Reports the progress of a long computation: a header naming units and metrics, then checkpoints.</summary>
public interface IProgressChannel : IProgressChannelProvider, IDisposable
{
    /// <summary>Sets the header and the callback that fills progress entries on demand.</summary>
    /// <param name="header">Names of the progress units and metrics.</param>
    /// <param name="fillAction">Fills an entry with the current progress; may be null.</param>
    void SetHeader(ProgressHeader header, Action<IProgressEntry> fillAction);

    /// <summary>Records a checkpoint with the given metric (then unit) values.</summary>
    /// <param name="values">Metric values followed by progress values; nulls are unknown.</param>
    void Checkpoint(params double?[] values);
}
