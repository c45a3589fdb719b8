namespace Microsoft.ML.LocalFlow.Numerics.Threading;

// Assumptions: a fixed set of participants (the parts of one WorkerPool.Run) that all call SignalAndWait the same
// number of times per run, each with its own local sense (a bool it keeps in a local variable). Reset runs only while
// no participant is inside the barrier (between runs, on the calling thread). Nothing here allocates.

/// <summary>
/// A sense-reversing spin barrier for the parts of one <see cref="WorkerPool"/> run: each arrival decrements a
/// counter; the last one resets the counter and flips the shared sense, which releases the others.
/// </summary>
/// <remarks>
/// <para>
/// Why not <see cref="Barrier"/>: it allocates on contention paths and blocks through kernel events, which costs
/// more than the tens of microseconds of work between two waits in a GEMM. Why not spin only: this runs on VMs whose
/// vCPUs are descheduled at times; a pure spin would then burn the other vCPU's whole time slice. So a waiter spins
/// with <see cref="SpinWait"/> (which falls back to <see cref="Thread.Yield"/> and <c>Thread.Sleep(0)</c> after a
/// few rounds), never sleeping a full millisecond.
/// </para>
/// <para>
/// A part that fails between two waits calls <see cref="Abort"/>: every waiter, now and later in that run, returns
/// <see langword="false"/> at once instead of waiting for an arrival that will never come, so a failure cannot
/// deadlock the pool (which then rethrows the failure).
/// </para>
/// </remarks>
internal sealed class SpinBarrier
{
    private readonly int _participants;
    private int _remaining;
    private volatile bool _sense;
    private volatile bool _aborted;

    /// <summary>Creates a barrier for <paramref name="participants"/> parts.</summary>
    /// <param name="participants">Number of parts that meet at every wait; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="participants"/> is below 1.</exception>
    public SpinBarrier(int participants)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(participants, 1);
        _participants = participants;
        _remaining = participants;
    }

    /// <summary>The shared sense; a participant starts a run with its local sense equal to this.</summary>
    /// <remarks>
    /// Safe to read at the start of a part even while others already wait: the sense flips only once every
    /// participant has arrived, so it cannot change before this participant's own first arrival.
    /// </remarks>
    public bool Sense => _sense;

    /// <summary>Whether <see cref="Abort"/> was called since the last <see cref="Reset"/>.</summary>
    public bool IsAborted => _aborted;

    /// <summary>Clears an abort and re-arms the counter. Call only while no participant is inside the barrier.</summary>
    public void Reset()
    {
        _aborted = false;
        Volatile.Write(ref _remaining, _participants);
    }

    /// <summary>Releases every present and future waiter of this run with <see langword="false"/>.</summary>
    public void Abort() => _aborted = true;

    /// <summary>
    /// Arrives and waits until every participant has arrived. <paramref name="localSense"/> is the participant's
    /// own sense (start from <see cref="Sense"/>); it is flipped on every call.
    /// </summary>
    /// <returns><see langword="true"/> when all arrived; <see langword="false"/> when the barrier was aborted.</returns>
    public bool SignalAndWait(ref bool localSense)
    {
        bool target = !localSense;
        localSense = target;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            // Last to arrive: re-arm for the next phase, then release the others (the volatile write of the sense
            // is a release, so the re-armed counter and every part's writes before its arrival are visible).
            Volatile.Write(ref _remaining, _participants);
            _sense = target;
            return !_aborted;
        }

        SpinWait spinner = default;
        while (_sense != target)
        {
            if (_aborted)
            {
                return false;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return !_aborted;
    }
}
