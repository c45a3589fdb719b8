using Microsoft.ML.LocalFlow.Numerics.Threading;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Threading;

[TestClass]
public sealed class WorkerPoolTests
{
    private sealed class RecordingJob : IParallelJob
    {
        public int[] Calls { get; } = new int[8];

        public int[] Counts { get; } = new int[8];

        public int[] ThreadIds { get; } = new int[8];

        public void Execute(int part, int partCount)
        {
            Interlocked.Increment(ref Calls[part]);
            Counts[part] = partCount;
            ThreadIds[part] = Environment.CurrentManagedThreadId;
        }
    }

    private sealed class ThrowingJob(int failingPart) : IParallelJob
    {
        public int Finished;

        public void Execute(int part, int partCount)
        {
            if (part == failingPart)
            {
                throw new InvalidDataException($"part {part}");
            }

            Interlocked.Increment(ref Finished);
        }
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    public void EveryPartRunsOncePerRun(int threads)
    {
        using WorkerPool pool = new(threads);
        var job = new RecordingJob();
        for (int run = 1; run <= 200; run++)
        {
            pool.Run(job);
            for (int p = 0; p < threads; p++)
            {
                Assert.AreEqual(run, job.Calls[p], $"part {p} after run {run}");
                Assert.AreEqual(threads, job.Counts[p]);
            }
        }

        Assert.AreEqual(0, job.Calls[threads], "no part beyond the thread count");
        Assert.AreEqual(Environment.CurrentManagedThreadId, job.ThreadIds[0], "part 0 runs on the caller");
        Assert.AreEqual(threads, job.ThreadIds.Take(threads).Distinct().Count(), "each part has its own thread");
    }

    [TestMethod]
    public void RunsAfterWorkersHaveBlocked()
    {
        // Longer than the spin phase, so the second run has to wake blocked workers.
        using WorkerPool pool = new(2);
        var job = new RecordingJob();
        pool.Run(job);
        Thread.Sleep(50);
        pool.Run(job);
        Assert.AreEqual(2, job.Calls[1]);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(1)]
    public void PartExceptionIsRethrownAfterAllParts(int failingPart)
    {
        using WorkerPool pool = new(3);
        var job = new ThrowingJob(failingPart);
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => pool.Run(job));
        Assert.AreEqual($"part {failingPart}", ex.Message);
        Assert.AreEqual(2, job.Finished);

        // The pool stays usable.
        var ok = new RecordingJob();
        pool.Run(ok);
        Assert.AreEqual(1, ok.Calls[2]);
    }

    [TestMethod]
    public void RunAllocatesNothingAfterWarmUp()
    {
        using WorkerPool pool = new(2);
        var job = new RecordingJob();
        pool.Run(job);
        Thread.Sleep(20); // let the worker block once, so both the spinning and the blocking hand-off are measured
        pool.Run(job);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            pool.Run(job);
        }

        Thread.Sleep(20);
        pool.Run(job);
        Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [TestMethod]
    public void InvalidThreadCountIsNamed()
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new WorkerPool(0));
        Assert.AreEqual("threadCount", ex.ParamName);
        Assert.AreEqual(0, ex.ActualValue);
    }

    [TestMethod]
    public void DisposedPoolRefusesWork()
    {
        var pool = new WorkerPool(2);
        pool.Dispose();
        pool.Dispose(); // idempotent
        Assert.ThrowsExactly<ObjectDisposedException>(() => pool.Run(new RecordingJob()));
    }

    [TestMethod]
    public void SequentialRunsInlineAndSurvivesDispose()
    {
        WorkerPool.Sequential.Dispose();
        var job = new RecordingJob();
        WorkerPool.Sequential.Run(job);
        Assert.AreEqual(1, WorkerPool.Sequential.ThreadCount);
        Assert.AreEqual(1, job.Calls[0]);
        Assert.AreEqual(Environment.CurrentManagedThreadId, job.ThreadIds[0]);
    }
}
