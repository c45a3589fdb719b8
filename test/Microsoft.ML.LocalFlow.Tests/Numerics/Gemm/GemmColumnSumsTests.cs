using Microsoft.ML.LocalFlow.Numerics.Gemm;
using Microsoft.ML.LocalFlow.Numerics.Nn;
using Microsoft.ML.LocalFlow.Numerics.Nn.Kernels;
using Microsoft.ML.LocalFlow.Numerics.Threading;
using GemmApi = Microsoft.ML.LocalFlow.Numerics.Gemm.Gemm;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Gemm;

/// <summary>
/// The column sums of op(B) taken by the GEMM (<see cref="GemmEpilogue.ColumnSumsOfB"/>: s ← α·1ᵀ·op(B) + β·s, the
/// bias gradient of a weight-gradient GEMM) against a float64 reference, on every kernel path, both loop nests and
/// several thread counts; and bit for bit against the documented fixed summation order.
/// </summary>
[TestClass]
public sealed class GemmColumnSumsTests
{
    private const int MaxDim = 33;
    private const int Pad = 3;
    private const float Sentinel = -12345f;
    private const float Alpha = 1.5f;

    /// <summary>The four GEMM variants, β rotated between them (0: s starts as NaN and must not be read).</summary>
    public static IEnumerable<object[]> Variants =>
    [
        [MatrixOp.Transpose, MatrixOp.None, 0f],
        [MatrixOp.None, MatrixOp.None, 0.5f],
        [MatrixOp.None, MatrixOp.Transpose, 1f],
        [MatrixOp.Transpose, MatrixOp.Transpose, 0f],
    ];

    /// <summary>
    /// Every m, n, k in 1..33 with padded leading dimensions, packed and unpacked nest, every kernel path, on the
    /// calling thread and on 3 threads (tiny shapes leave parts without rows or without columns): s must match the
    /// float64 sums, the entries past n keep their sentinel, and C must still match the reference GEMM.
    /// </summary>
    [TestMethod]
    [TestCategory("Gemm")]
    [DynamicData(nameof(Variants))]
    public void EveryShapeUpTo33MatchesReference(MatrixOp opA, MatrixOp opB, float beta)
    {
        int ld = MaxDim + Pad;
        float[] a = GemmTestData.Random(MaxDim * ld, 1);
        float[] b = GemmTestData.Random(MaxDim * ld, 2);
        float[] c0 = GemmTestData.Random(MaxDim * ld, 3);
        float[] s0 = GemmTestData.Random(MaxDim + Pad, 4);
        float[] expectedC = new float[MaxDim * ld];
        float[] actualC = new float[MaxDim * ld];
        double[] expectedS = new double[MaxDim];
        float[] actualS = new float[MaxDim + Pad];
        using WorkerPool three = new(3);
        int failures = 0;
        string firstFailure = string.Empty;

        for (int k = 1; k <= MaxDim; k++)
        {
            for (int n = 1; n <= MaxDim; n++)
            {
                var (bRows, bCols) = GemmTestData.Stored(opB, k, n);
                int ldb = bCols + Pad;
                int bLength = (bRows - 1) * ldb + bCols;
                for (int j = 0; j < n; j++)
                {
                    double sum = 0;
                    for (int p = 0; p < k; p++)
                    {
                        sum += B(b, opB, ldb, p, j);
                    }

                    expectedS[j] = Alpha * sum + (beta == 0f ? 0 : beta * (double)s0[j]);
                }

                for (int m = 1; m <= MaxDim; m++)
                {
                    var (aRows, aCols) = GemmTestData.Stored(opA, m, k);
                    int lda = aCols + Pad;
                    int ldc = n + Pad;
                    int aLength = (aRows - 1) * lda + aCols;
                    int cLength = (m - 1) * ldc + n;
                    FillC(expectedC, c0, m, n, ldc, beta);
                    GemmReference.Multiply(opA, opB, m, n, k, Alpha, a.AsSpan(0, aLength), lda, b.AsSpan(0, bLength), ldb,
                        beta, expectedC.AsSpan(0, cLength), ldc);
                    float tolerance = 1e-6f * (k + 4) * 2f;
                    foreach (GemmKernelKind kernel in GemmTestData.SupportedKernels)
                    {
                        foreach (GemmAlgorithm algorithm in (GemmAlgorithm[])[GemmAlgorithm.Packed, GemmAlgorithm.Unpacked, GemmAlgorithm.PackedCopyA])
                        {
                            // Three threads on a third of the shapes (rotating), to keep the test short.
                            WorkerPool? pool = (m + n + k) % 3 == 0 ? three : null;
                            FillC(actualC, c0, m, n, ldc, beta);
                            FillSums(actualS, s0, n, beta);
                            GemmApi.Multiply(opA, opB, m, n, k, Alpha, a.AsSpan(0, aLength), lda, b.AsSpan(0, bLength), ldb,
                                beta, actualC.AsSpan(0, cLength), ldc, pool, kernel, algorithm,
                                GemmEpilogue.ColumnSumsOfB(actualS.AsSpan(0, n)));
                            string? where = CompareSums(expectedS, actualS, n, tolerance) ?? CompareC(expectedC, actualC, m, n, ldc, tolerance);
                            if (where is not null && failures++ == 0)
                            {
                                firstFailure = $"{kernel}/{algorithm} threads={(pool is null ? 1 : 3)} m={m} n={n} k={k}: {where}";
                            }
                        }
                    }
                }
            }
        }

        Assert.AreEqual(0, failures, $"{failures} mismatches; first: {firstFailure}");
    }

    /// <summary>
    /// Long k (the twod weight gradient's depth, k = 10000: 40 rank-kc blocks, a partial last one) on 1, 2 and 3
    /// threads, packed (n = 256, 100: row bands that share the summing out, a partial last panel) and unpacked (n = 2,
    /// 40; m ≤ 4 with n = 256, 100), for B as stored and Bᵀ: every thread count, loop nest and kernel path gives the same bits, equal to the
    /// documented order (KC-row chunks summed in row order, chunk sums added in order, then ·α), and within the
    /// float64 sum's rounding bound.
    /// </summary>
    [TestMethod]
    [TestCategory("Gemm")]
    [DataRow(256, 256, MatrixOp.None)]
    [DataRow(75, 100, MatrixOp.None)]
    [DataRow(256, 2, MatrixOp.None)]
    [DataRow(9, 40, MatrixOp.None)]
    [DataRow(3, 256, MatrixOp.None)]  // the input layer's dW: few rows, sums taken while op(B) streams past
    [DataRow(4, 100, MatrixOp.None)]
    [DataRow(75, 100, MatrixOp.Transpose)]
    [DataRow(256, 2, MatrixOp.Transpose)]
    public void LongKSumsHaveTheSameBitsOnEveryThreadCountAndPath(int m, int n, MatrixOp opB)
    {
        const int k = 10000;
        float[] a = GemmTestData.Random(m * k, 50);
        float[] b = GemmTestData.Random(k * n, 51);
        int ldb = opB == MatrixOp.None ? n : k;
        float[] expected = new float[n];
        for (int j = 0; j < n; j++)
        {
            float total = 0f;
            double exact = 0, absolute = 0;
            for (int pc = 0; pc < k; pc += GemmBlockSizes.KC)
            {
                float chunk = 0f;
                for (int p = pc; p < Math.Min(k, pc + GemmBlockSizes.KC); p++)
                {
                    float v = B(b, opB, ldb, p, j);
                    chunk += v;
                    exact += v;
                    absolute += Math.Abs(v);
                }

                total += chunk;
            }

            expected[j] = total * Alpha;
            Assert.AreEqual(Alpha * exact, expected[j], 1e-5 * absolute, $"the documented order itself, column {j}");
        }

        using WorkerPool two = new(2);
        using WorkerPool three = new(3);
        foreach (GemmKernelKind kernel in GemmTestData.SupportedKernels)
        {
            foreach (GemmAlgorithm algorithm in (GemmAlgorithm[])[GemmAlgorithm.Auto, GemmAlgorithm.Packed, GemmAlgorithm.Unpacked])
            {
                foreach (WorkerPool? pool in (WorkerPool?[])[null, two, three])
                {
                    float[] sums = Enumerable.Repeat(float.NaN, n).ToArray();
                    float[] c = new float[m * n];
                    GemmApi.Multiply(MatrixOp.Transpose, opB, m, n, k, Alpha, a, m, b, ldb, 0f, c, n, pool, kernel, algorithm,
                        GemmEpilogue.ColumnSumsOfB(sums));
                    for (int j = 0; j < n; j++)
                    {
                        Assert.AreEqual(expected[j], sums[j], 0f,
                            $"{kernel}/{algorithm} threads={pool?.ThreadCount ?? 1}: s[{j}]");
                    }
                }
            }
        }
    }

    /// <summary>The sums ride along with an element-wise epilogue: C gets the step, s the sums, as if done apart.</summary>
    [TestMethod]
    [TestCategory("Gemm")]
    public void SumsComposeWithTheActivationGradientStep()
    {
        const int m = 290, n = 200, k = 600;
        using WorkerPool pool = new(2);
        float[] a = GemmTestData.Random(m * k, 60);
        float[] b = GemmTestData.Random(k * n, 61);
        float[] source = GemmTestData.Random(m * n, 62);
        foreach (GemmKernelKind kernel in GemmTestData.SupportedKernels)
        {
            float[] expectedC = new float[m * n];
            float[] expectedS = new float[n];
            GemmApi.Multiply(MatrixOp.Transpose, MatrixOp.None, m, n, k, 1f, a, m, b, n, 0f, expectedC, n, pool, kernel,
                GemmAlgorithm.Auto, GemmEpilogue.ActivationGradient(Activation.Relu, source));
            GemmApi.Multiply(MatrixOp.Transpose, MatrixOp.None, 1, n, k, 1f, a, m, b, n, 0f, new float[n], n, pool, kernel,
                GemmAlgorithm.Auto, GemmEpilogue.ColumnSumsOfB(expectedS));

            float[] c = new float[m * n];
            float[] s = new float[n];
            GemmApi.Multiply(MatrixOp.Transpose, MatrixOp.None, m, n, k, 1f, a, m, b, n, 0f, c, n, pool, kernel,
                GemmAlgorithm.Auto, GemmEpilogue.ActivationGradient(Activation.Relu, source).WithColumnSums(s));
            CollectionAssert.AreEqual(expectedC, c, $"{kernel}: C");
            CollectionAssert.AreEqual(expectedS, s, $"{kernel}: column sums");
        }
    }

    /// <summary>
    /// k = 0 and α = 0 give s = β·s (β = 0 writes zeros over NaN); m = 0 leaves C empty but still sums op(B);
    /// n = 0 touches nothing.
    /// </summary>
    [TestMethod]
    [TestCategory("Gemm")]
    public void DegenerateShapesFollowTheFormula()
    {
        float[] s = [2f, -4f, 8f];
        GemmApi.Multiply(MatrixOp.Transpose, MatrixOp.None, 2, 3, 0, 1f, [], 2, [], 3, 0.5f, new float[6], 3, null,
            GemmEpilogue.ColumnSumsOfB(s));
        CollectionAssert.AreEqual(new[] { 1f, -2f, 4f }, s, "k = 0, β = 0.5");

        s = [float.NaN, float.NaN, float.NaN];
        GemmApi.Multiply(MatrixOp.Transpose, MatrixOp.None, 2, 3, 4, 0f, new float[8], 2, new float[12], 3, 0f, new float[6], 3, null,
            GemmEpilogue.ColumnSumsOfB(s));
        CollectionAssert.AreEqual(new[] { 0f, 0f, 0f }, s, "α = 0, β = 0 over NaN");

        // m = 0: op(B) is 4×3 = [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]]; on two threads, both nests.
        using WorkerPool pool = new(2);
        float[] b = [1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f];
        foreach (GemmAlgorithm algorithm in (GemmAlgorithm[])[GemmAlgorithm.Packed, GemmAlgorithm.Unpacked])
        {
            s = [1f, 1f, 1f];
            GemmApi.Multiply(MatrixOp.Transpose, MatrixOp.None, 0, 3, 4, 2f, [], 1, b, 3, 1f, [], 3, pool, Microsoft.ML.LocalFlow.Numerics.Gemm.Gemm.Kernel,
                algorithm, GemmEpilogue.ColumnSumsOfB(s));
            CollectionAssert.AreEqual(new[] { 45f, 53f, 61f }, s, $"m = 0, {algorithm}: 2·(22, 26, 30) + 1");
        }

        s = [7f];
        GemmApi.Multiply(MatrixOp.Transpose, MatrixOp.None, 2, 0, 4, 1f, new float[8], 2, [], 1, 0f, [], 1, null,
            GemmEpilogue.ColumnSumsOfB(s));
        Assert.AreEqual(7f, s[0], "n = 0");
    }

    /// <summary>A sums span shorter than n is refused with the argument named.</summary>
    [TestMethod]
    [TestCategory("Gemm")]
    public void ShortSumsAreRefused()
    {
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            GemmApi.Multiply(MatrixOp.Transpose, MatrixOp.None, 3, 3, 4, 1f, new float[12], 3, new float[12], 3, 0f, new float[9], 3, null,
                GemmEpilogue.ColumnSumsOfB(new float[2])));
        Assert.AreEqual("epilogue.ColumnSums", error.ParamName);
    }

    /// <summary>After warm-up, a weight-gradient GEMM with its column sums allocates nothing, packed and unpacked.</summary>
    [TestMethod]
    [TestCategory("Gemm")]
    [DataRow(1, 256)]
    [DataRow(2, 256)]
    [DataRow(2, 6)]
    public void NoAllocationAfterWarmUp(int threads, int n)
    {
        const int m = 100, k = 700;
        using WorkerPool pool = new(threads);
        float[] a = GemmTestData.Random(k * m, 70);
        float[] b = GemmTestData.Random(k * n, 71);
        float[] c = new float[m * n];
        float[] s = new float[n];
        for (int i = 0; i < 4; i++)
        {
            GemmApi.Multiply(MatrixOp.Transpose, MatrixOp.None, m, n, k, 1f, a, m, b, n, 0f, c, n, pool, GemmEpilogue.ColumnSumsOfB(s));
        }

        long allocated = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 5; i++)
            {
                GemmApi.Multiply(MatrixOp.Transpose, MatrixOp.None, m, n, k, 1f, a, m, b, n, 0f, c, n, pool, GemmEpilogue.ColumnSumsOfB(s));
            }

            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.AreEqual(0L, allocated);
    }

    private static float B(float[] b, MatrixOp opB, int ldb, int p, int j)
        => opB == MatrixOp.None ? b[p * ldb + j] : b[j * ldb + p];

    private static void FillC(float[] target, float[] c0, int m, int n, int ldc, float beta)
    {
        Array.Fill(target, Sentinel);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                target[i * ldc + j] = beta == 0f ? float.NaN : c0[i * ldc + j];
            }
        }
    }

    private static void FillSums(float[] target, float[] s0, int n, float beta)
    {
        Array.Fill(target, Sentinel);
        for (int j = 0; j < n; j++)
        {
            target[j] = beta == 0f ? float.NaN : s0[j];
        }
    }

    private static string? CompareSums(double[] expected, float[] actual, int n, float tolerance)
    {
        for (int j = 0; j < actual.Length; j++)
        {
            bool ok = j >= n ? actual[j].Equals(Sentinel) : Math.Abs(expected[j] - actual[j]) <= tolerance * (1 + Math.Abs(expected[j]));
            if (!ok)
            {
                return $"s[{j}] = {actual[j]}, expected {(j >= n ? Sentinel : expected[j])}";
            }
        }

        return null;
    }

    private static string? CompareC(float[] expected, float[] actual, int m, int n, int ldc, float tolerance)
    {
        for (int t = 0; t < (m - 1) * ldc + ldc; t++)
        {
            int j = t % ldc;
            bool ok = j >= n ? actual[t].Equals(Sentinel) : Math.Abs(expected[t] - actual[t]) <= tolerance * (1f + Math.Abs(expected[t]));
            if (!ok)
            {
                return $"C[{t / ldc},{j}] = {actual[t]}, expected {expected[t]}";
            }
        }

        return null;
    }
}
