using Microsoft.ML.LocalFlow.Numerics.Gemm;
using Microsoft.ML.LocalFlow.Numerics.Nn;
using Microsoft.ML.LocalFlow.Numerics.Threading;
using GemmApi = Microsoft.ML.LocalFlow.Numerics.Gemm.Gemm;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Gemm;

/// <summary>
/// op(A)'s micro-panels read in place (<see cref="GemmAPanels"/>): the size rules, and the same bits as packing Ã on
/// every shape, kernel path, thread count and epilogue. Agreement with the float64 reference is in
/// <see cref="GemmTests"/> (whose <c>Packed</c> now reads A in place on every shape ≤ 33, next to <c>PackedCopyA</c>).
/// </summary>
[TestClass]
public sealed unsafe class GemmInPlaceATests
{
    private const int MaxDim = 33;
    private const int Pad = 3;

    [TestMethod]
    [TestCategory("Gemm")]
    public void ChooseAPanelsFollowsTheSizeRules()
    {
        Assert.AreEqual(GemmAPanels.InPlace, Choose(MatrixOp.None, 10000, 256, 256, 256, GemmAlgorithm.Auto), "twod's hidden layer");
        Assert.AreEqual(GemmAPanels.InPlace, Choose(MatrixOp.None, 10000, 256, 3, 3, GemmAlgorithm.Auto), "input layer, k = d + 1");
        Assert.AreEqual(GemmAPanels.InPlace, Choose(MatrixOp.None, 100, 100, 200, GemmBlockSizes.InPlaceAMaxLda, GemmAlgorithm.Packed));
        Assert.AreEqual(GemmAPanels.Packed, Choose(MatrixOp.None, 100, 100, 200, GemmBlockSizes.InPlaceAMaxLda + 1, GemmAlgorithm.Auto), "lda past the threshold");
        Assert.AreEqual(GemmAPanels.Packed, Choose(MatrixOp.None, 2048, 2048, 2048, 2048, GemmAlgorithm.Auto), "2048³ keeps Ã");
        Assert.AreEqual(GemmAPanels.TransposedInPlace, Choose(MatrixOp.Transpose, 256, 256, 10000, 256, GemmAlgorithm.Auto), "weight gradient");
        Assert.AreEqual(GemmAPanels.Packed, Choose(MatrixOp.Transpose, 256, GemmBlockSizes.InPlaceATransposeMaxN + 1, 100, 256, GemmAlgorithm.Auto));
        Assert.AreEqual(GemmAPanels.Packed, Choose(MatrixOp.Transpose, 256, 256, 100, GemmBlockSizes.InPlaceATransposeMaxLda + 1, GemmAlgorithm.Auto));
        Assert.AreEqual(GemmAPanels.Packed, Choose(MatrixOp.None, 10000, 256, 256, 256, GemmAlgorithm.PackedCopyA), "forced Ã");
        Assert.AreEqual(GemmAPanels.Packed, Choose(MatrixOp.Transpose, 256, 256, 10000, 256, GemmAlgorithm.PackedCopyA), "forced Ã, Aᵀ");
        Assert.AreEqual(GemmAPanels.InPlace, Choose(MatrixOp.None, 2048, 2048, 2048, 2048, GemmAlgorithm.PackedInPlaceA), "forced in place");
        Assert.AreEqual(GemmAPanels.TransposedInPlace, Choose(MatrixOp.Transpose, 64, 4096, 64, 4096, GemmAlgorithm.PackedInPlaceA));

        static GemmAPanels Choose(MatrixOp opA, int m, int n, int k, int lda, GemmAlgorithm algorithm)
        {
            GemmArguments args = new(opA, MatrixOp.None, m, n, k, 1f, null, lda, null, n, 0f, null, n);
            return GemmPackedDriver<GemmMicroKernel4x8>.ChooseAPanels(args, algorithm);
        }
    }

    /// <summary>
    /// Every m, n, k in 1..33, all four variants, padded leading dimensions, β ∈ {0.5, 0 over NaN}: A read in place
    /// (forced) gives exactly the bits of Ã packed (forced) on every kernel path, and the padding of C is untouched.
    /// </summary>
    [TestMethod]
    [TestCategory("Gemm")]
    [DynamicData(nameof(GemmTests.Variants), typeof(GemmTests))]
    public void InPlaceAGivesPackedBitsOnEveryShapeUpTo33(MatrixOp opA, MatrixOp opB)
    {
        int ld = MaxDim + Pad;
        float[] a = GemmTestData.Random(MaxDim * ld, 61);
        float[] b = GemmTestData.Random(MaxDim * ld, 62);
        float[] c0 = GemmTestData.Random(MaxDim * ld, 63);
        float[] packed = new float[MaxDim * ld];
        float[] inPlace = new float[MaxDim * ld];
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
                    float beta = (m + n + k) % 2 == 0 ? 0.5f : 0f;
                    foreach (GemmKernelKind kernel in GemmTestData.SupportedKernels)
                    {
                        Run(packed, GemmAlgorithm.PackedCopyA);
                        Run(inPlace, GemmAlgorithm.PackedInPlaceA);
                        int at = FirstDifference(packed, inPlace, m * ldc);
                        if (at >= 0 && failures++ == 0)
                        {
                            firstFailure = $"{kernel} m={m} n={n} k={k} beta={beta}: C[{at / ldc},{at % ldc}] = {inPlace[at]} in place, {packed[at]} packed";
                        }

                        void Run(float[] c, GemmAlgorithm algorithm)
                        {
                            Array.Copy(c0, c, c.Length);
                            if (beta == 0f)
                            {
                                for (int i = 0; i < m; i++)
                                {
                                    Array.Fill(c, float.NaN, i * ldc, n);
                                }
                            }

                            GemmApi.Multiply(opA, opB, m, n, k, 1.5f, a, lda, b, ldb, beta, c.AsSpan(0, (m - 1) * ldc + n), ldc,
                                null, kernel, algorithm);
                        }
                    }
                }
            }
        }

        Assert.AreEqual(0, failures, $"{failures} mismatches; first: {firstFailure}");
    }

    /// <summary>
    /// Large shapes with A row-major (the MLP's H·W and dZ·Wᵀ): the in-place loops (Auto, or forced past the lda
    /// rule, with several kc blocks and a partial last one) give the bits of Ã packed on one thread, on 1, 2 and 3
    /// threads and every kernel path; m leaves a partial last micro-panel for every MR. Sampled rows are also checked
    /// against float64 within the rounding bound.
    /// </summary>
    [TestMethod]
    [TestCategory("Gemm")]
    [DataRow(1003, 256, 256, 0, MatrixOp.None)]       // twod's hidden layer, Auto reads A in place
    [DataRow(1003, 256, 256, 0, MatrixOp.Transpose)]  // dZ·Wᵀ
    [DataRow(531, 300, 700, 5, MatrixOp.None)]        // k > KC (3 kc blocks), lda past the rule: forced in place
    [DataRow(97, 100, 1100, 0, MatrixOp.Transpose)]   // long k
    [DataRow(250, 520, 3, 0, MatrixOp.None)]          // an input layer, k = d + 1
    public void InPlaceAGivesPackedBitsOnEveryThreadCount(int m, int n, int k, int pad, MatrixOp opB)
    {
        int lda = k + pad;
        int ldb = (opB == MatrixOp.None ? n : k) + pad;
        int ldc = n + pad;
        float[] a = GemmTestData.Random(m * lda, 70);
        float[] b = GemmTestData.Random((opB == MatrixOp.None ? k : n) * ldb, 71);
        float[] c0 = GemmTestData.Random(m * ldc, 72);
        using WorkerPool two = new(2);
        using WorkerPool three = new(3);
        foreach (GemmKernelKind kernel in GemmTestData.SupportedKernels)
        {
            float[] expected = Run(kernel, null, GemmAlgorithm.PackedCopyA);
            foreach (WorkerPool? pool in (WorkerPool?[])[null, two, three])
            {
                foreach (GemmAlgorithm algorithm in (GemmAlgorithm[])[GemmAlgorithm.Auto, GemmAlgorithm.PackedInPlaceA])
                {
                    float[] actual = Run(kernel, pool, algorithm);
                    int at = FirstDifference(expected, actual, actual.Length);
                    Assert.AreEqual(-1, at, $"{kernel}/{algorithm} threads={pool?.ThreadCount ?? 1}: C[{at / ldc},{at % ldc}]");
                }
            }

            foreach (int i in (int[])[0, m / 2, m - 1])
            {
                for (int j = 0; j < n; j++)
                {
                    double sum = 0, sumAbs = 0;
                    for (int p = 0; p < k; p++)
                    {
                        double product = (double)a[i * lda + p] * (opB == MatrixOp.None ? b[p * ldb + j] : b[j * ldb + p]);
                        sum += product;
                        sumAbs += Math.Abs(product);
                    }

                    double exact = 1.5 * sum + 0.5 * c0[i * ldc + j];
                    double bound = (k + 2) * 6e-8 * (1.5 * sumAbs + Math.Abs(0.5 * c0[i * ldc + j])) + 1e-12;
                    Assert.IsTrue(Math.Abs(expected[i * ldc + j] - exact) <= bound, $"{kernel}: C[{i},{j}] = {expected[i * ldc + j]}, exact {exact}");
                }
            }
        }

        float[] Run(GemmKernelKind kernel, WorkerPool? pool, GemmAlgorithm algorithm)
        {
            float[] c = (float[])c0.Clone();
            GemmApi.Multiply(MatrixOp.None, opB, m, n, k, 1.5f, a, lda, b, ldb, 0.5f, c, ldc, pool, kernel, algorithm);
            return c;
        }
    }

    /// <summary>
    /// The fused epilogues on top of A read in place, past one kc block and on two threads: bias + ReLU with φ' stored,
    /// the backward step C ⊙ φ'(S), and the column sums of op(B) give exactly the bits of Ã packed.
    /// </summary>
    [TestMethod]
    [TestCategory("Gemm")]
    [DataRow(1003, 256, 256)]
    [DataRow(301, 130, 300)]
    public void EpiloguesOnInPlaceAGivePackedBits(int m, int n, int k)
    {
        float[] a = GemmTestData.Random(m * k, 80);
        float[] b = GemmTestData.Random(k * n, 81);
        float[] bias = GemmTestData.Random(n, 82);
        float[] source = GemmTestData.Random(m * n, 83);
        using WorkerPool pool = new(2);
        foreach (GemmKernelKind kernel in GemmTestData.SupportedKernels)
        {
            foreach (bool forward in (bool[])[true, false])
            {
                (float[] c, float[] derivative, float[] sums) expected = Run(GemmAlgorithm.PackedCopyA);
                (float[] c, float[] derivative, float[] sums) actual = Run(GemmAlgorithm.PackedInPlaceA);
                string what = $"{kernel} {(forward ? "bias+ReLU" : "ReLU gradient")}";
                Assert.AreEqual(-1, FirstDifference(expected.c, actual.c, expected.c.Length), $"{what}: C");
                Assert.AreEqual(-1, FirstDifference(expected.derivative, actual.derivative, expected.derivative.Length), $"{what}: φ'");
                Assert.AreEqual(-1, FirstDifference(expected.sums, actual.sums, n), $"{what}: column sums");
                Assert.IsTrue(actual.c.Any(v => v == 0f) && actual.c.Any(v => v != 0f), $"{what}: ReLU both clamps and passes");

                (float[] c, float[] derivative, float[] sums) Run(GemmAlgorithm algorithm)
                {
                    float[] c = new float[m * n];
                    float[] derivative = new float[m * n];
                    float[] sums = new float[n];
                    GemmEpilogue epilogue = forward
                        ? GemmEpilogue.BiasActivation(bias, Activation.Relu, 1f, derivative).WithColumnSums(sums)
                        : GemmEpilogue.ActivationGradient(Activation.Relu, source).WithColumnSums(sums);
                    GemmApi.Multiply(MatrixOp.None, MatrixOp.None, m, n, k, 1f, a, k, b, n, 0f, c, n, pool, kernel, algorithm, epilogue);
                    return (c, derivative, sums);
                }
            }
        }
    }

    /// <returns>The first index below <paramref name="length"/> where the bit patterns differ, or -1.</returns>
    private static int FirstDifference(float[] expected, float[] actual, int length)
    {
        for (int t = 0; t < length; t++)
        {
            if (BitConverter.SingleToInt32Bits(expected[t]) != BitConverter.SingleToInt32Bits(actual[t]))
            {
                return t;
            }
        }

        return -1;
    }
}
