using Microsoft.ML.LocalFlow.Numerics.Gemm;
using Microsoft.ML.LocalFlow.Numerics.Threading;
using GemmApi = Microsoft.ML.LocalFlow.Numerics.Gemm.Gemm;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Gemm;

[TestClass]
public sealed class GemmTests
{
    private const int MaxDim = 33;
    private const int Pad = 3; // every leading dimension is 3 more than its minimum

    public static IEnumerable<object[]> Variants =>
    [
        [MatrixOp.None, MatrixOp.None],
        [MatrixOp.None, MatrixOp.Transpose],
        [MatrixOp.Transpose, MatrixOp.None],
        [MatrixOp.Transpose, MatrixOp.Transpose],
    ];

    /// <summary>
    /// Every m, n, k in 1..33, β ∈ {0, 0.5}, α = 1.5, padded leading dimensions, on every kernel path this machine
    /// runs and with both loop nests (packed and unpacked), against the float64 reference. With β = 0 the old C is
    /// NaN, so a read of C would show; the padding columns of C hold a sentinel that must survive (no stray writes).
    /// </summary>
    [TestMethod]
    [TestCategory("Gemm")]
    [DynamicData(nameof(Variants))]
    public void EveryShapeUpTo33MatchesReference(MatrixOp opA, MatrixOp opB)
    {
        const float alpha = 1.5f;
        const float sentinel = -12345f;
        int ld = MaxDim + Pad;
        float[] a = GemmTestData.Random(MaxDim * ld, 1);
        float[] b = GemmTestData.Random(MaxDim * ld, 2);
        float[] c0 = GemmTestData.Random(MaxDim * ld, 3);
        float[] expected = new float[MaxDim * ld];
        float[] actual = new float[MaxDim * ld];
        GemmKernelKind[] kernels = [.. GemmTestData.SupportedKernels];
        // Packed reads A (and Aᵀ) in place on these short leading dimensions; PackedCopyA keeps the packing of Ã covered.
        GemmAlgorithm[] algorithms = [GemmAlgorithm.Packed, GemmAlgorithm.Unpacked, GemmAlgorithm.PackedCopyA];
        int failures = 0;
        string firstFailure = string.Empty;

        for (int m = 1; m <= MaxDim; m++)
        {
            for (int n = 1; n <= MaxDim; n++)
            {
                for (int k = 1; k <= MaxDim; k++)
                {
                    int lda = GemmTestData.Stored(opA, m, k).Cols + Pad;
                    int ldb = GemmTestData.Stored(opB, k, n).Cols + Pad;
                    int ldc = n + Pad;
                    int aLength = (GemmTestData.Stored(opA, m, k).Rows - 1) * lda + GemmTestData.Stored(opA, m, k).Cols;
                    int bLength = (GemmTestData.Stored(opB, k, n).Rows - 1) * ldb + GemmTestData.Stored(opB, k, n).Cols;
                    int cLength = (m - 1) * ldc + n;
                    foreach (float beta in (ReadOnlySpan<float>)[0f, 0.5f])
                    {
                        Fill(expected, c0, m, n, ldc, beta, sentinel);
                        GemmReference.Multiply(opA, opB, m, n, k, alpha, a.AsSpan(0, aLength), lda,
                            b.AsSpan(0, bLength), ldb, beta, expected.AsSpan(0, cLength), ldc);
                        float tolerance = 1e-6f * (k + 4) * 2f;
                        foreach (GemmKernelKind kernel in kernels)
                        {
                            foreach (GemmAlgorithm algorithm in algorithms)
                            {
                                Fill(actual, c0, m, n, ldc, beta, sentinel);
                                GemmApi.Multiply(opA, opB, m, n, k, alpha, a.AsSpan(0, aLength), lda,
                                    b.AsSpan(0, bLength), ldb, beta, actual.AsSpan(0, cLength), ldc, null, kernel, algorithm);
                                if (!Matches(expected, actual, m, n, ldc, tolerance, out string where))
                                {
                                    if (failures++ == 0)
                                    {
                                        firstFailure = $"{kernel}/{algorithm} m={m} n={n} k={k} beta={beta}: {where}";
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        Assert.AreEqual(0, failures, $"{failures} mismatches; first: {firstFailure}");
    }

    /// <summary>
    /// Long k (≥ 4·KC, a partial last rank-k update) on pools of 2 and 3 threads, where the row bands pack one shared
    /// B̃ cooperatively: every element against the float64 reference within its own rounding bound, for all four
    /// variants and every kernel path; β = 0 over a NaN-filled C proves C is not read, and the padding columns
    /// of C keep their sentinel.
    /// </summary>
    [TestMethod]
    [TestCategory("Gemm")]
    [DataRow(2, 75, 130, 1100)]
    [DataRow(3, 75, 130, 1100)]
    [DataRow(2, 200, 96, 1024)]
    [DataRow(2, 150, 2, 1100)]  // Aᵀ·B with n ≤ 2: rows of C as vectors (GemmUnpacked.RunTransposedThin) plus a ragged tail
    [DataRow(3, 150, 1, 1100)]
    [DataRow(2, 3, 256, 1100)]  // at most 4 rows: op(B) streamed once (GemmUnpacked.RunFewRows), a ragged column tail
    [DataRow(3, 4, 100, 1100)]
    public void LongKOnSeveralThreadsMatchesReference(int threads, int m, int n, int k)
    {
        const float alpha = 1.5f;
        const float sentinel = -12345f;
        using WorkerPool pool = new(threads);
        foreach (object[] variant in Variants)
        {
            var opA = (MatrixOp)variant[0];
            var opB = (MatrixOp)variant[1];
            int lda = GemmTestData.Stored(opA, m, k).Cols + Pad;
            int ldb = GemmTestData.Stored(opB, k, n).Cols + Pad;
            int ldc = n + Pad;
            float[] a = GemmTestData.Random(GemmTestData.Stored(opA, m, k).Rows * lda, 40);
            float[] b = GemmTestData.Random(GemmTestData.Stored(opB, k, n).Rows * ldb, 41);
            float[] c0 = GemmTestData.Random(m * ldc, 42);
            foreach (float beta in (ReadOnlySpan<float>)[0f, 0.5f])
            {
                foreach (GemmKernelKind kernel in GemmTestData.SupportedKernels)
                {
                    float[] c = new float[m * ldc];
                    Fill(c, c0, m, n, ldc, beta, sentinel);
                    GemmApi.Multiply(opA, opB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, pool, kernel, GemmAlgorithm.Auto);
                    for (int i = 0; i < m; i++)
                    {
                        for (int j = 0; j < ldc; j++)
                        {
                            if (j >= n)
                            {
                                Assert.AreEqual(sentinel, c[i * ldc + j], $"{kernel} {opA}/{opB}: padding C[{i},{j}] was written");
                                continue;
                            }

                            double sum = 0, sumAbs = 0;
                            for (int p = 0; p < k; p++)
                            {
                                double av = opA == MatrixOp.None ? a[i * lda + p] : a[p * lda + i];
                                double bv = opB == MatrixOp.None ? b[p * ldb + j] : b[j * ldb + p];
                                sum += av * bv;
                                sumAbs += Math.Abs(av * bv);
                            }

                            double old = beta == 0f ? 0 : beta * (double)c0[i * ldc + j];
                            double expected = alpha * sum + old;
                            double bound = (k + 2) * 6e-8 * (alpha * sumAbs + Math.Abs(old)) + 1e-12;
                            Assert.IsTrue(Math.Abs(c[i * ldc + j] - expected) <= bound,
                                $"{kernel} {opA}/{opB} beta={beta} threads={threads}: C[{i},{j}] = {c[i * ldc + j]}, expected {expected} ± {bound}");
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// BLIS's O(n²) check at the paper's shapes: C·x must equal α·A·(B·x) + β·C₀·x (float64) for a random x,
    /// on every kernel path with two threads, for all four variants.
    /// </summary>
    [TestMethod]
    [TestCategory("Gemm")]
    [DataRow(4096, 256, 256)]
    [DataRow(1000, 362, 362)]
    public void RandomVectorCheckAtPaperShapes(int m, int n, int k)
    {
        using WorkerPool pool = new(2);
        foreach (object[] variant in Variants)
        {
            var opA = (MatrixOp)variant[0];
            var opB = (MatrixOp)variant[1];
            (int aRows, int aCols) = GemmTestData.Stored(opA, m, k);
            (int bRows, int bCols) = GemmTestData.Stored(opB, k, n);
            float[] a = GemmTestData.Random(aRows * aCols, 10);
            float[] b = GemmTestData.Random(bRows * bCols, 11);
            float[] c0 = GemmTestData.Random(m * n, 12);
            double[] x = [.. GemmTestData.Random(n, 13).Select(v => (double)v)];
            const float alpha = 0.75f;
            const float beta = 0.5f;

            // Reference: Bx = op(B)·x, then z = α·op(A)·Bx + β·C0·x, with |·| versions for the error bound.
            double[] bx = new double[k], bxAbs = new double[k];
            for (int p = 0; p < k; p++)
            {
                for (int j = 0; j < n; j++)
                {
                    double bv = opB == MatrixOp.None ? b[p * bCols + j] : b[j * bCols + p];
                    bx[p] += bv * x[j];
                    bxAbs[p] += Math.Abs(bv * x[j]);
                }
            }

            double[] z = new double[m], zAbs = new double[m];
            for (int i = 0; i < m; i++)
            {
                double s = 0, sAbs = 0, cx = 0, cxAbs = 0;
                for (int p = 0; p < k; p++)
                {
                    double av = opA == MatrixOp.None ? a[i * aCols + p] : a[p * aCols + i];
                    s += av * bx[p];
                    sAbs += Math.Abs(av) * bxAbs[p];
                }

                for (int j = 0; j < n; j++)
                {
                    cx += c0[i * n + j] * x[j];
                    cxAbs += Math.Abs(c0[i * n + j] * x[j]);
                }

                z[i] = alpha * s + beta * cx;
                zAbs[i] = Math.Abs(alpha) * sAbs + Math.Abs(beta) * cxAbs;
            }

            foreach (GemmKernelKind kernel in GemmTestData.SupportedKernels)
            {
                float[] c = (float[])c0.Clone();
                GemmApi.Multiply(opA, opB, m, n, k, alpha, a, aCols, b, bCols, beta, c, n, pool, kernel, GemmAlgorithm.Auto);
                for (int i = 0; i < m; i++)
                {
                    double y = 0;
                    for (int j = 0; j < n; j++)
                    {
                        y += c[i * n + j] * x[j];
                    }

                    // Worst-case float32 rounding of a length-k dot product plus the final scaling: (k + 2)·u.
                    double bound = (k + 2) * 6e-8 * zAbs[i] + 1e-12;
                    if (Math.Abs(y - z[i]) > bound)
                    {
                        Assert.Fail($"{kernel} {opA}{opB} {m}x{n}x{k}: row {i}: C·x = {y}, expected {z[i]} (bound {bound}).");
                    }
                }
            }
        }
    }

    /// <summary>
    /// The same thread count gives the same bits, run after run; and because the partition only moves whole
    /// tiles between threads, one and two threads agree too.
    /// </summary>
    [TestMethod]
    [TestCategory("Gemm")]
    [DataRow(300, 200, 500, MatrixOp.None, MatrixOp.Transpose)]  // packed
    [DataRow(517, 40, 300, MatrixOp.None, MatrixOp.Transpose)]   // unpacked (n ≤ 64)
    [DataRow(700, 300, 20, MatrixOp.None, MatrixOp.Transpose)]   // packed, one short rank-k update
    // Long k (≥ 4·KC): row bands that pack B̃ cooperatively (GemmPackedDriver.RunShared), with an odd panel count
    // (n = 100 → 4 or 7 micro-panels), a partial last rank-k update and odd m.
    [DataRow(90, 100, 1100, MatrixOp.Transpose, MatrixOp.None)]
    [DataRow(90, 100, 1100, MatrixOp.None, MatrixOp.None)]
    [DataRow(90, 100, 1100, MatrixOp.None, MatrixOp.Transpose)]
    [DataRow(37, 70, 1030, MatrixOp.Transpose, MatrixOp.Transpose)]
    public void SameThreadCountGivesSameBits(int m, int n, int k, MatrixOp opA, MatrixOp opB)
    {
        using WorkerPool pool = new(2);
        float[] a = GemmTestData.Random(m * k, 20);
        float[] b = GemmTestData.Random(n * k, 21);
        int lda = GemmTestData.Stored(opA, m, k).Cols;
        int ldb = GemmTestData.Stored(opB, k, n).Cols;
        foreach (GemmKernelKind kernel in GemmTestData.SupportedKernels)
        {
            float[] first = Run(pool);
            for (int repeat = 0; repeat < 3; repeat++)
            {
                CollectionAssert.AreEqual(first, Run(pool), $"{kernel}: two threads, repeat {repeat}");
            }

            CollectionAssert.AreEqual(first, Run(null), $"{kernel}: one thread vs two");

            float[] Run(WorkerPool? p)
            {
                float[] c = GemmTestData.Random(m * n, 22);
                GemmApi.Multiply(opA, opB, m, n, k, 1.25f, a, lda, b, ldb, 0.5f, c, n, p, kernel, GemmAlgorithm.Auto);
                return c;
            }
        }
    }

    /// <summary>After a warm-up call, Multiply allocates nothing on the calling thread, for one and two threads.</summary>
    [TestMethod]
    [TestCategory("Gemm")]
    [DataRow(1, 300, 200, 260)]
    [DataRow(2, 300, 200, 260)]
    [DataRow(1, 500, 8, 256)]
    [DataRow(2, 500, 8, 256)]
    [DataRow(2, 4096, 256, 7)]
    [DataRow(1, 1000, 256, 256)] // A read in place (lda = k = KC)
    [DataRow(2, 1000, 256, 256)]
    public void NoAllocationAfterWarmUp(int threads, int m, int n, int k)
    {
        using WorkerPool pool = new(threads);
        float[] a = GemmTestData.Random(m * k, 30);
        float[] b = GemmTestData.Random(k * n, 31);
        float[] c = new float[m * n];
        foreach (var (opA, opB) in new[] { (MatrixOp.None, MatrixOp.None), (MatrixOp.Transpose, MatrixOp.None), (MatrixOp.None, MatrixOp.Transpose) })
        {
            int lda = opA == MatrixOp.None ? k : m;
            int ldb = opB == MatrixOp.None ? n : k;
            for (int i = 0; i < 4; i++)
            {
                // Warm-up: workspaces grow, the JIT tiers up, and the pool's wait primitives finish their lazy set-up.
                GemmApi.Multiply(opA, opB, m, n, k, 1f, a, lda, b, ldb, 0f, c, n, pool);
            }

            // The least over three rounds: one-off runtime work (tiered JIT promoting a method mid-round) has been seen
            // to allocate a few KB on this thread once in a full-suite run; a per-call allocation shows up in every round.
            long allocated = long.MaxValue;
            for (int round = 0; round < 3; round++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 20; i++)
                {
                    GemmApi.Multiply(opA, opB, m, n, k, 1f, a, lda, b, ldb, 0.5f, c, n, pool);
                }

                allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            Assert.AreEqual(0L, allocated, $"{opA}{opB} with {threads} thread(s) allocated {allocated} bytes in every round.");
        }
    }

    /// <summary>β = 0 overwrites a NaN-filled C on both loop nests and every kernel, at sizes past one cache block.</summary>
    [TestMethod]
    [TestCategory("Gemm")]
    [DataRow(530, 300, 270)]
    [DataRow(530, 50, 270)]
    public void BetaZeroNeverReadsC(int m, int n, int k)
    {
        float[] a = GemmTestData.Random(m * k, 40);
        float[] b = GemmTestData.Random(k * n, 41);
        float[] expected = new float[m * n];
        GemmReference.Multiply(MatrixOp.None, MatrixOp.None, m, n, k, 1f, a, k, b, n, 0f, expected, n);
        foreach (GemmKernelKind kernel in GemmTestData.SupportedKernels)
        {
            foreach (GemmAlgorithm algorithm in new[] { GemmAlgorithm.Packed, GemmAlgorithm.Unpacked })
            {
                float[] c = Enumerable.Repeat(float.NaN, m * n).ToArray();
                GemmApi.Multiply(MatrixOp.None, MatrixOp.None, m, n, k, 1f, a, k, b, n, 0f, c, n, null, kernel, algorithm);
                for (int i = 0; i < c.Length; i++)
                {
                    Assert.AreEqual(expected[i], c[i], 1e-4f, $"{kernel}/{algorithm} element {i}");
                }
            }
        }
    }

    [TestMethod]
    [TestCategory("Gemm")]
    public void ZeroDepthScalesC()
    {
        float[] c = [1, 2, 3, 4, 5, 6];
        GemmApi.Multiply(MatrixOp.None, MatrixOp.None, 2, 3, 0, 2f, [], 1, [], 3, 0.5f, c, 3);
        CollectionAssert.AreEqual(new float[] { 0.5f, 1, 1.5f, 2, 2.5f, 3 }, c);

        float[] nan = [float.NaN, float.NaN, float.NaN];
        GemmApi.Multiply(MatrixOp.None, MatrixOp.None, 1, 3, 0, 2f, [], 1, [], 3, 0f, nan, 3);
        CollectionAssert.AreEqual(new float[] { 0, 0, 0 }, nan);
    }

    [TestMethod]
    [TestCategory("Gemm")]
    public void EmptyOutputIsANoOp()
    {
        float[] c = [7f];
        GemmApi.Multiply(MatrixOp.None, MatrixOp.None, 0, 1, 5, 1f, [], 5, new float[5], 1, 0f, c, 1);
        GemmApi.Multiply(MatrixOp.None, MatrixOp.None, 1, 0, 5, 1f, new float[5], 5, [], 1, 0f, c, 1);
        Assert.AreEqual(7f, c[0]);
    }

    [TestMethod]
    [TestCategory("Gemm")]
    public void AlphaZeroDoesNotReadAOrB()
    {
        float[] a = [float.NaN, float.NaN];
        float[] b = [float.NaN, float.NaN];
        float[] c = [4f];
        GemmApi.Multiply(MatrixOp.None, MatrixOp.None, 1, 1, 2, 0f, a, 2, b, 1, 0.25f, c, 1);
        Assert.AreEqual(1f, c[0]);
    }

    [TestMethod]
    [TestCategory("Gemm")]
    public void HandComputed2x3Times3x2()
    {
        // [1 2 3; 4 5 6]·[7 8; 9 10; 11 12] = [58 64; 139 154].
        float[] a = [1, 2, 3, 4, 5, 6];
        float[] b = [7, 8, 9, 10, 11, 12];
        float[] c = [1, 1, 1, 1];
        GemmApi.Multiply(MatrixOp.None, MatrixOp.None, 2, 2, 3, 2f, a, 3, b, 2, -1f, c, 2);
        CollectionAssert.AreEqual(new float[] { 115, 127, 277, 307 }, c);
    }

    [TestMethod]
    [TestCategory("Gemm")]
    public void KernelIsTheWidestSupported()
    {
        GemmKernelKind expected = GemmApi.IsSupported(GemmKernelKind.Avx512) ? GemmKernelKind.Avx512
            : GemmApi.IsSupported(GemmKernelKind.Avx2) ? GemmKernelKind.Avx2 : GemmKernelKind.Portable;
        Assert.AreEqual(expected, GemmApi.Kernel);
        Assert.AreEqual(System.Runtime.Intrinsics.X86.Avx512F.IsSupported, GemmApi.IsSupported(GemmKernelKind.Avx512));
    }

    [TestMethod]
    [TestCategory("Gemm")]
    public void UnsupportedKernelIsRefused()
    {
        if (GemmApi.IsSupported(GemmKernelKind.Avx512))
        {
            Assert.Inconclusive("AVX-512 is supported here; run with DOTNET_EnableAVX512=0 to test the refusal.");
        }

        Assert.ThrowsExactly<PlatformNotSupportedException>(() =>
            GemmApi.Multiply(MatrixOp.None, MatrixOp.None, 1, 1, 1, 1f, [1f], 1, [1f], 1, 0f, new float[1], 1, null, GemmKernelKind.Avx512, GemmAlgorithm.Auto));
    }

    [TestMethod]
    [TestCategory("Gemm")]
    public void SharedPoolIsRefusedWhileBusy()
    {
        // A pool runs one GEMM at a time: a second caller must get a clear error, not a corrupted result.
        using WorkerPool pool = new(2);
        var job = new BlockingJob();
        var running = Task.Run(() => pool.Run(job));
        job.Started.Wait();
        try
        {
            Assert.ThrowsExactly<InvalidOperationException>(() =>
                GemmApi.Multiply(MatrixOp.None, MatrixOp.None, 100, 100, 100, 1f, new float[10000], 100, new float[10000], 100, 0f, new float[10000], 100, pool));
        }
        finally
        {
            job.Release.Set();
            running.Wait();
        }
    }

    private sealed class BlockingJob : IParallelJob
    {
        public ManualResetEventSlim Started { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public void Execute(int part, int partCount)
        {
            if (part == 0)
            {
                Started.Set();
                Release.Wait();
            }
        }
    }

    private static void Fill(float[] target, float[] c0, int m, int n, int ldc, float beta, float sentinel)
    {
        Array.Fill(target, sentinel);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                target[i * ldc + j] = beta == 0f ? float.NaN : c0[i * ldc + j];
            }
        }
    }

    private static bool Matches(float[] expected, float[] actual, int m, int n, int ldc, float tolerance, out string where)
    {
        int rows = m;
        for (int t = 0; t < (rows - 1) * ldc + ldc; t++)
        {
            int i = t / ldc;
            int j = t % ldc;
            bool inside = j < n;
            bool ok = inside ? Math.Abs(expected[t] - actual[t]) <= tolerance : expected[t].Equals(actual[t]);
            if (!ok)
            {
                where = $"C[{i},{j}] = {actual[t]}, expected {expected[t]}";
                return false;
            }
        }

        where = string.Empty;
        return true;
    }
}
