namespace Microsoft.ML.LocalFlow.Numerics.Threading;

/// <summary>
/// A unit of work split into a fixed number of parts, run by <see cref="WorkerPool.Run"/>.
/// </summary>
/// <remarks>
/// Part <c>p</c> of <c>partCount</c> must always cover the same slice of the work, so that the same thread
/// count gives the same floating-point results whatever the scheduling. Implementations are usually a
/// class allocated once and reused, so that running a job allocates nothing.
/// </remarks>
public interface IParallelJob
{
    /// <summary>Runs part <paramref name="part"/> (0-based) of <paramref name="partCount"/> parts.</summary>
    /// <param name="part">The part to run, in [0, partCount).</param>
    /// <param name="partCount">The number of parts the work is split into; equals the pool's thread count.</param>
    void Execute(int part, int partCount);
}
