using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Microsoft.ML.LocalFlow.Numerics.Gemm;
using Microsoft.ML.LocalFlow.Numerics.Threading;
using GemmApi = Microsoft.ML.LocalFlow.Numerics.Gemm.Gemm;

namespace Microsoft.ML.LocalFlow.PerformanceTests.Gemm;

/// <summary>
/// Quick GEMM figures in about a second each (the quick mode's <c>gemm2048</c> case), plus the clock and FMA-peak
/// probes that turn GFLOP/s into a fraction of the machine's peak. Not BenchmarkDotNet: no process isolation or
/// statistics, just the median of repeated calls, which shrugs off most interference from other processes.
/// </summary>
public static class GemmQuick
{
    /// <summary>
    /// GFLOP/s (2·m·n·k per call) of NN <c>Gemm.Multiply</c> with β = 0 on <paramref name="threads"/> threads:
    /// the median call time over about <paramref name="seconds"/> seconds, after two warm-up calls.
    /// </summary>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <param name="k">Columns of A, rows of B.</param>
    /// <param name="threads">Threads of the <see cref="WorkerPool"/>.</param>
    /// <param name="kind">The kernel path; null is the one <see cref="GemmApi.Kernel"/> selected.</param>
    /// <param name="seconds">Measuring time, after warm-up.</param>
    public static double MeasureGflops(int m, int n, int k, int threads, GemmKernelKind? kind = null, double seconds = 1.0)
        => Measure(m, n, k, threads, kind ?? GemmApi.Kernel, GemmAlgorithm.Auto, MatrixOp.None, MatrixOp.None, seconds).Median;

    /// <summary>
    /// <see cref="MeasureGflops"/> for any variant and loop nest (internal hooks of the GEMM). Returns the GFLOP/s of
    /// the median call and of the fastest call, and (Linux only, else NaN) the rate per CPU-second of the process
    /// times the thread count. On a machine shared with other work the wall-clock figures measure the share the
    /// scheduler gave us; the CPU-time figure counts only the time our threads actually ran (spin-waits included,
    /// so it errs low), which estimates the speed on an idle machine.
    /// </summary>
    internal static (double Median, double Best, double CpuTime) Measure(int m, int n, int k, int threads, GemmKernelKind kind, GemmAlgorithm algorithm,
        MatrixOp opA, MatrixOp opB, double seconds)
    {
        float[] a = Fill(m * k, 1);
        float[] b = Fill(k * n, 2);
        float[] c = new float[m * n];
        int lda = opA == MatrixOp.None ? k : m;
        int ldb = opB == MatrixOp.None ? n : k;
        using WorkerPool pool = new(threads);
        for (int i = 0; i < 2; i++)
        {
            GemmApi.Multiply(opA, opB, m, n, k, 1f, a, lda, b, ldb, 0f, c, n, pool, kind, algorithm);
        }

        var times = new List<double>();
        var total = Stopwatch.StartNew();
        double cpuStart = ProcessCpuSeconds();
        while (total.Elapsed.TotalSeconds < seconds || times.Count < 3)
        {
            long start = Stopwatch.GetTimestamp();
            GemmApi.Multiply(opA, opB, m, n, k, 1f, a, lda, b, ldb, 0f, c, n, pool, kind, algorithm);
            times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        double cpuSeconds = ProcessCpuSeconds() - cpuStart;
        times.Sort();
        double flops = 2.0 * m * n * k;
        return (flops / times[times.Count / 2] / 1e9, flops / times[0] / 1e9, flops * times.Count * threads / cpuSeconds / 1e9);
    }

    /// <summary>CPU time of the whole process in seconds (CLOCK_PROCESS_CPUTIME_ID, ns resolution); NaN off Linux.</summary>
    private static unsafe double ProcessCpuSeconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        long* ts = stackalloc long[2];
        return ClockGetTime(2, ts) == 0 ? ts[0] + ts[1] * 1e-9 : double.NaN;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern unsafe int ClockGetTime(int clock, long* timespec);

    /// <summary>
    /// The core clock in GHz, measured on <paramref name="threads"/> threads at once (so it reflects the boost with
    /// that many busy cores): a dependent chain of integer adds and xors, each one cycle of latency on every x86
    /// core, so chain length / time = cycles per second. Returns the median over the threads' probes.
    /// </summary>
    public static double MeasureClockGhz(int threads = 1, double seconds = 0.5)
    {
        double[] ghz = new double[threads];
        Parallel(threads, t =>
        {
            const long Iterations = 100_000; // 3.2 M cycles, about 1 ms: short enough to dodge most preemption
            ulong y = (ulong)Environment.TickCount64 | 1, z = y * 3;
            double best = 0;
            var total = Stopwatch.StartNew();
            while (total.Elapsed.TotalSeconds < seconds)
            {
                long start = Stopwatch.GetTimestamp();
                ulong x = DependentChain(Iterations, y, z);
                double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
                GC.KeepAlive(x);
                best = Math.Max(best, Iterations * 32.0 / elapsed / 1e9);
            }

            ghz[t] = best;
        });
        return ghz.Order().ElementAt(threads / 2);
    }

    /// <summary>
    /// Sustained fp32 FLOP/s (in GFLOP/s, all threads together) of independent FMA chains of the given width:
    /// 12 accumulators per thread, enough to fill 2 FMA pipes of 4-cycle latency. This is the achievable peak the
    /// GEMM is compared with, and the ratio to lanes·2·clock gives the FMA issue rate per cycle.
    /// </summary>
    public static double MeasureFmaPeakGflops(int vectorBits, int threads, double seconds = 0.5)
    {
        double[] gflops = new double[threads];
        Parallel(threads, t =>
        {
            const int Iterations = 200_000; // 1.2 M cycles at 2 FMAs per cycle
            double best = 0;
            var total = Stopwatch.StartNew();
            while (total.Elapsed.TotalSeconds < seconds)
            {
                long start = Stopwatch.GetTimestamp();
                int lanes = vectorBits == 512 ? FmaChains512(Iterations) : FmaChains256(Iterations);
                double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
                best = Math.Max(best, (double)Iterations * 12 * lanes * 2 / elapsed / 1e9);
            }

            gflops[t] = best;
        });
        return gflops.Sum();
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static ulong DependentChain(long iterations, ulong y, ulong z)
    {
        ulong x = y;
        for (long i = 0; i < iterations; i++)
        {
            // 32 dependent one-cycle operations; the loop counter runs alongside on other ALUs.
            x += y; x ^= z; x += y; x ^= z; x += y; x ^= z; x += y; x ^= z;
            x += y; x ^= z; x += y; x ^= z; x += y; x ^= z; x += y; x ^= z;
            x += y; x ^= z; x += y; x ^= z; x += y; x ^= z; x += y; x ^= z;
            x += y; x ^= z; x += y; x ^= z; x += y; x ^= z; x += y; x ^= z;
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int FmaChains512(int iterations)
    {
        Vector512<float> m = Vector512.Create(0.999999f), s = Vector512.Create(1e-7f);
        Vector512<float> c0 = Vector512.Create(1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        Vector512<float> c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (int i = 0; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, m, s); c1 = Vector512.FusedMultiplyAdd(c1, m, s);
            c2 = Vector512.FusedMultiplyAdd(c2, m, s); c3 = Vector512.FusedMultiplyAdd(c3, m, s);
            c4 = Vector512.FusedMultiplyAdd(c4, m, s); c5 = Vector512.FusedMultiplyAdd(c5, m, s);
            c6 = Vector512.FusedMultiplyAdd(c6, m, s); c7 = Vector512.FusedMultiplyAdd(c7, m, s);
            c8 = Vector512.FusedMultiplyAdd(c8, m, s); c9 = Vector512.FusedMultiplyAdd(c9, m, s);
            c10 = Vector512.FusedMultiplyAdd(c10, m, s); c11 = Vector512.FusedMultiplyAdd(c11, m, s);
        }

        Vector512<float> sum = c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11;
        return sum.GetElement(0) == 42f ? 0 : 16;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int FmaChains256(int iterations)
    {
        Vector256<float> m = Vector256.Create(0.999999f), s = Vector256.Create(1e-7f);
        Vector256<float> c0 = Vector256.Create(1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        Vector256<float> c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (int i = 0; i < iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, m, s); c1 = Vector256.FusedMultiplyAdd(c1, m, s);
            c2 = Vector256.FusedMultiplyAdd(c2, m, s); c3 = Vector256.FusedMultiplyAdd(c3, m, s);
            c4 = Vector256.FusedMultiplyAdd(c4, m, s); c5 = Vector256.FusedMultiplyAdd(c5, m, s);
            c6 = Vector256.FusedMultiplyAdd(c6, m, s); c7 = Vector256.FusedMultiplyAdd(c7, m, s);
            c8 = Vector256.FusedMultiplyAdd(c8, m, s); c9 = Vector256.FusedMultiplyAdd(c9, m, s);
            c10 = Vector256.FusedMultiplyAdd(c10, m, s); c11 = Vector256.FusedMultiplyAdd(c11, m, s);
        }

        Vector256<float> sum = c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11;
        return sum.GetElement(0) == 42f ? 0 : 8;
    }

    private static void Parallel(int threads, Action<int> body)
    {
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int id = t;
            workers[t] = new Thread(() => body(id));
            workers[t].Start();
        }

        foreach (Thread w in workers)
        {
            w.Join();
        }
    }

    private static float[] Fill(int length, int seed)
    {
        var rng = new Random(seed);
        float[] x = new float[length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)(rng.NextDouble() - 0.5);
        }

        return x;
    }
}
