using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Microsoft.ML.LocalFlow.Numerics.Threading;

/// <summary>
/// A fixed set of worker threads that run an <see cref="IParallelJob"/> over a fixed partition:
/// part <c>p</c> always runs the same slice, so results are bit-identical for a given thread count.
/// </summary>
/// <remarks>
/// <para>
/// Why not <see cref="Parallel"/>: it allocates per call and decides the partition at run time, which
/// breaks both "no allocation after warm-up" and "same thread count, same bits". Part 0 runs on the
/// calling thread; parts 1..T−1 on dedicated background threads. A pool is not re-entrant: one
/// <see cref="Run"/> at a time.
/// </para>
/// <para>
/// Hand-off: a run bumps a generation counter that idle workers spin on for about
/// <see cref="SpinMicroseconds"/> µs before they block on a monitor, and the caller waits for the last part the
/// same way. Spinning first matters because an MLP step issues many short GEMMs (tens of µs each) and a
/// kernel wake-up costs about as much; blocking afterwards keeps an idle pool off the cores. The monitors are
/// allocated once, so a run allocates nothing on the managed heap, not even on the first blocking wait.
/// </para>
/// </remarks>
public sealed class WorkerPool : IDisposable
{
    /// <summary>How long a waiting thread spins before it blocks.</summary>
    private const int SpinMicroseconds = 200;

    private static readonly long SpinTicks = Math.Max(1, Stopwatch.Frequency * SpinMicroseconds / 1_000_000);

    private readonly Thread[] _threads;
    private readonly object _startLock = new();
    private readonly object _doneLock = new();
    private IParallelJob? _job;
    private ExceptionDispatchInfo? _failure;
    private volatile bool _disposed;
    private int _generation;
    private int _remaining;
    private int _running;

    /// <summary>A pool of one thread: <see cref="Run"/> calls the job inline.</summary>
    public static WorkerPool Sequential { get; } = new(1);

    /// <summary>Creates a pool of <paramref name="threadCount"/> threads (the caller counts as one).</summary>
    /// <param name="threadCount">Number of parts each job is split into; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threadCount"/> is below 1 or above 1024.</exception>
    public WorkerPool(int threadCount)
    {
        if (threadCount < 1 || threadCount > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(threadCount), threadCount, "The thread count must be in [1, 1024].");
        }

        ThreadCount = threadCount;
        _threads = new Thread[threadCount - 1];
        for (int i = 0; i < _threads.Length; i++)
        {
            int part = i + 1;
            _threads[i] = new Thread(() => WorkerLoop(part))
            {
                IsBackground = true,
                Name = $"LocalFlow worker {part}",
            };
            _threads[i].Start();
        }
    }

    /// <summary>Number of parts every job is split into.</summary>
    public int ThreadCount { get; }

    /// <summary>Whether <see cref="Dispose"/> has run.</summary>
    internal bool IsDisposed => _disposed;

    /// <summary>
    /// Runs <c>job.Execute(p, ThreadCount)</c> for every part p and returns when all have finished.
    /// </summary>
    /// <param name="job">The job; it must be safe to run its parts concurrently.</param>
    /// <exception cref="ArgumentNullException"><paramref name="job"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another <see cref="Run"/> is in progress on this pool.</exception>
    /// <remarks>If a part throws, the first exception is rethrown on the caller after every part has finished.</remarks>
    public void Run(IParallelJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_threads.Length == 0)
        {
            job.Execute(0, 1);
            return;
        }

        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException("This WorkerPool is already running a job; a pool runs one job at a time.");
        }

        try
        {
            _job = job;
            _failure = null;
            Volatile.Write(ref _remaining, _threads.Length);

            // Publish the job (the increment is a full fence), then wake any worker that already blocked.
            Interlocked.Increment(ref _generation);
            lock (_startLock)
            {
                Monitor.PulseAll(_startLock);
            }

            try
            {
                job.Execute(0, ThreadCount);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(ex), null);
            }

            WaitForWorkers();
            _job = null;
            _failure?.Throw();
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private void WaitForWorkers()
    {
        long deadline = Stopwatch.GetTimestamp() + SpinTicks;
        SpinWait spinner = default;
        while (Volatile.Read(ref _remaining) != 0)
        {
            if (Stopwatch.GetTimestamp() < deadline)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
                continue;
            }

            lock (_doneLock)
            {
                while (Volatile.Read(ref _remaining) != 0)
                {
                    Monitor.Wait(_doneLock);
                }
            }
        }
    }

    private void WorkerLoop(int part)
    {
        int seen = 0;
        while (true)
        {
            long deadline = Stopwatch.GetTimestamp() + SpinTicks;
            SpinWait spinner = default;
            while (Volatile.Read(ref _generation) == seen)
            {
                if (Stopwatch.GetTimestamp() < deadline)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                    continue;
                }

                lock (_startLock)
                {
                    while (Volatile.Read(ref _generation) == seen)
                    {
                        Monitor.Wait(_startLock);
                    }
                }
            }

            seen = Volatile.Read(ref _generation);
            if (_disposed)
            {
                return;
            }

            try
            {
                _job!.Execute(part, ThreadCount);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(ex), null);
            }
            finally
            {
                if (Interlocked.Decrement(ref _remaining) == 0)
                {
                    lock (_doneLock)
                    {
                        Monitor.PulseAll(_doneLock);
                    }
                }
            }
        }
    }

    /// <summary>Stops the worker threads. The shared <see cref="Sequential"/> pool ignores disposal.</summary>
    public void Dispose()
    {
        if (_disposed || ReferenceEquals(this, Sequential))
        {
            return;
        }

        _disposed = true;
        Interlocked.Increment(ref _generation);
        lock (_startLock)
        {
            Monitor.PulseAll(_startLock);
        }

        foreach (Thread t in _threads)
        {
            t.Join();
        }
    }
}
