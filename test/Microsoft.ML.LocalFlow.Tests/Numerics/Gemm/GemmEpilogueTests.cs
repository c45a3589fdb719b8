using Microsoft.ML.LocalFlow.Numerics.Gemm;
using Microsoft.ML.LocalFlow.Numerics.Nn;
using Microsoft.ML.LocalFlow.Numerics.Nn.Kernels;
using Microsoft.ML.LocalFlow.Numerics.Threading;
using GemmApi = Microsoft.ML.LocalFlow.Numerics.Gemm.Gemm;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Gemm;

/// <summary>
/// The fused epilogue (bias + activation with φ', and the backward step C ⊙ φ'(S)) against the float64 reference GEMM
/// followed by the scalar activation, on every kernel path and both loop nests.
/// </summary>
[TestClass]
public sealed class GemmEpilogueTests
{
    private const int MaxDim = 33;
    private const int Pad = 3;
    private const float Sentinel = -12345f;
    private const float SoftplusBeta = 1.7f;

    /// <summary>Each epilogue kind (backward = the gradient step) × activation, with the GEMM variant and β rotated between cases.</summary>
    public static IEnumerable<object[]> Cases
    {
        get
        {
            int index = 0;
            foreach (bool backward in (bool[])[false, true])
            {
                foreach (Activation activation in Enum.GetValues<Activation>())
                {
                    MatrixOp opA = (index & 1) == 0 ? MatrixOp.None : MatrixOp.Transpose;
                    MatrixOp opB = (index & 2) == 0 ? MatrixOp.None : MatrixOp.Transpose;
                    float beta = index % 3 == 2 ? 0.5f : 0f;
                    yield return [backward, activation, opA, opB, beta];
                    index++;
                }
            }
        }
    }

    /// <summary>
    /// Every m, n, k in 1..33 with padded leading dimensions: C and the stored φ' must match the reference; with β = 0
    /// C starts as NaN (a read would show), and the padding of C and of the φ' buffer must keep its sentinel.
    /// </summary>
    [TestMethod]
    [TestCategory("Gemm")]
    [DynamicData(nameof(Cases))]
    public void EveryShapeUpTo33MatchesReferencePlusEpilogue(bool backward, Activation activation, MatrixOp opA, MatrixOp opB, float beta)
    {
        const float alpha = 1.5f;
        int ld = MaxDim + Pad;
        float[] a = GemmTestData.Random(MaxDim * ld, 1);
        float[] b = GemmTestData.Random(MaxDim * ld, 2);
        float[] c0 = GemmTestData.Random(MaxDim * ld, 3);
        float[] bias = GemmTestData.Random(MaxDim, 4);
        float[] source = GemmTestData.Random(MaxDim * ld, 5);
        float[] expected = new float[MaxDim * ld];
        float[] expectedDerivative = new float[MaxDim * ld];
        float[] preActivation = new float[MaxDim * ld];
        float[] actual = new float[MaxDim * ld];
        float[] derivative = new float[MaxDim * ld];
        bool biasKind = !backward;
        int failures = 0;
        string firstFailure = string.Empty;

        for (int m = 1; m <= MaxDim; m++)
        {
            for (int n = 1; n <= MaxDim; n++)
            {
                for (int k = 1; k <= MaxDim; k++)
                {
                    var (aRows, aCols) = GemmTestData.Stored(opA, m, k);
                    var (bRows, bCols) = GemmTestData.Stored(opB, k, n);
                    int lda = aCols + Pad;
                    int ldb = bCols + Pad;
                    int ldc = n + Pad;
                    int aLength = (aRows - 1) * lda + aCols;
                    int bLength = (bRows - 1) * ldb + bCols;
                    int cLength = (m - 1) * ldc + n;

                    Fill(expected, c0, m, n, ldc, beta);
                    GemmReference.Multiply(opA, opB, m, n, k, alpha, a.AsSpan(0, aLength), lda, b.AsSpan(0, bLength), ldb,
                        beta, expected.AsSpan(0, cLength), ldc);
                    Array.Fill(expectedDerivative, Sentinel);
                    for (int i = 0; i < m; i++)
                    {
                        for (int j = 0; j < n; j++)
                        {
                            int t = i * ldc + j;
                            if (biasKind)
                            {
                                float z = expected[t] + bias[j];
                                preActivation[t] = z;
                                expected[t] = ActivationKernels.Apply(activation, z, SoftplusBeta, out expectedDerivative[t]);
                            }
                            else
                            {
                                expected[t] *= DerivativeFromSource(activation, source[t]);
                            }
                        }
                    }

                    float tolerance = 1e-6f * (k + 4) * 2f;
                    foreach (GemmKernelKind kernel in GemmTestData.SupportedKernels)
                    {
                        foreach (GemmAlgorithm algorithm in (GemmAlgorithm[])[GemmAlgorithm.Packed, GemmAlgorithm.Unpacked, GemmAlgorithm.PackedCopyA])
                        {
                            Fill(actual, c0, m, n, ldc, beta);
                            Array.Fill(derivative, Sentinel);
                            GemmEpilogue epilogue = biasKind
                                ? GemmEpilogue.BiasActivation(bias.AsSpan(0, n), activation, SoftplusBeta, derivative.AsSpan(0, cLength))
                                : GemmEpilogue.ActivationGradient(activation, source.AsSpan(0, cLength));
                            GemmApi.Multiply(opA, opB, m, n, k, alpha, a.AsSpan(0, aLength), lda, b.AsSpan(0, bLength), ldb,
                                beta, actual.AsSpan(0, cLength), ldc, null, kernel, algorithm, epilogue);
                            string? where = Compare(expected, actual, m, n, ldc, tolerance, null)
                                ?? (biasKind ? Compare(expectedDerivative, derivative, m, n, ldc, tolerance, preActivation) : null);
                            if (where is not null && failures++ == 0)
                            {
                                firstFailure = $"{kernel}/{algorithm} m={m} n={n} k={k}: {where}";
                            }
                        }
                    }
                }
            }
        }

        Assert.AreEqual(0, failures, $"{failures} mismatches; first: {firstFailure}");
    }

    /// <summary>
    /// Past one KC block (k = 300 &gt; 256: the epilogue must run once, after the last rank-kc update) and on two
    /// threads: the fused result must equal, bit for bit, the plain GEMM on the same pool followed by the same
    /// element-wise step, for the packed and the unpacked nest.
    /// </summary>
    [TestMethod]
    [TestCategory("Gemm")]
    [DataRow(false, Activation.Relu, 290, 200)]
    [DataRow(false, Activation.Softplus, 290, 200)]
    [DataRow(false, Activation.Elu, 301, 40)]
    [DataRow(true, Activation.Tanh, 290, 200)]
    [DataRow(true, Activation.Silu, 301, 40)]
    public void TwoThreadsPastOneKBlockEqualPlainGemmThenElementwise(bool backward, Activation activation, int m, int n)
    {
        const int k = 300;
        using WorkerPool pool = new(2);
        float[] a = GemmTestData.Random(m * k, 10);
        float[] b = GemmTestData.Random(k * n, 11);
        float[] bias = GemmTestData.Random(n, 12);
        float[] source = GemmTestData.Random(m * n, 13);
        float[] expected = new float[m * n];
        float[] expectedDerivative = new float[m * n];
        float[] actual = new float[m * n];
        float[] derivative = new float[m * n];
        bool biasKind = !backward;

        foreach (GemmKernelKind kernel in GemmTestData.SupportedKernels)
        {
            GemmApi.Multiply(MatrixOp.None, MatrixOp.None, m, n, k, 1f, a, k, b, n, 0f, expected, n, pool, kernel, GemmAlgorithm.Auto);
            for (int t = 0; t < expected.Length; t++)
            {
                expected[t] = biasKind
                    ? ActivationKernels.Apply(activation, expected[t] + bias[t % n], SoftplusBeta, out expectedDerivative[t])
                    : expected[t] * DerivativeFromSource(activation, source[t]);
            }

            Array.Fill(actual, float.NaN);
            GemmEpilogue epilogue = biasKind
                ? GemmEpilogue.BiasActivation(bias, activation, SoftplusBeta, derivative)
                : GemmEpilogue.ActivationGradient(activation, source);
            GemmApi.Multiply(MatrixOp.None, MatrixOp.None, m, n, k, 1f, a, k, b, n, 0f, actual, n, pool, kernel, GemmAlgorithm.Auto, epilogue);

            // The vector and scalar forms of φ may round differently in the last bit (exp, tanh), so exact equality
            // is asserted for ReLU and the gradient step (pure products) and 2 ulp-scale closeness otherwise.
            bool exact = !biasKind || activation == Activation.Relu;
            for (int t = 0; t < expected.Length; t++)
            {
                if (exact)
                {
                    Assert.AreEqual(expected[t], actual[t], 0f, $"{kernel} C[{t / n},{t % n}]");
                }
                else
                {
                    Assert.AreEqual(expected[t], actual[t], 1e-6f * (1f + Math.Abs(expected[t])), $"{kernel} C[{t / n},{t % n}]");
                    Assert.AreEqual(expectedDerivative[t], derivative[t], 1e-6f, $"{kernel} φ'[{t / n},{t % n}]");
                }
            }
        }
    }

    /// <summary>An epilogue span that is too short, or an undefined activation, is refused with the argument named.</summary>
    [TestMethod]
    [TestCategory("Gemm")]
    public void BadEpilogueOperandsAreRefused()
    {
        float[] a = new float[12];
        float[] b = new float[12];
        float[] c = new float[9];
        var shortBias = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            GemmApi.Multiply(MatrixOp.None, MatrixOp.None, 3, 3, 4, 1f, a, 4, b, 3, 0f, c, 3, null,
                GemmEpilogue.BiasActivation(new float[2], Activation.Relu, 1f)));
        Assert.AreEqual("epilogue", shortBias.ParamName);
        var shortDerivative = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            GemmApi.Multiply(MatrixOp.None, MatrixOp.None, 3, 3, 4, 1f, a, 4, b, 3, 0f, c, 3, null,
                GemmEpilogue.BiasActivation(new float[3], Activation.Silu, 1f, new float[8])));
        Assert.AreEqual("epilogue.Derivative", shortDerivative.ParamName);
        var shortSource = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            GemmApi.Multiply(MatrixOp.None, MatrixOp.None, 3, 3, 4, 1f, a, 4, b, 3, 0f, c, 3, null,
                GemmEpilogue.ActivationGradient(Activation.Tanh, new float[5])));
        Assert.AreEqual("epilogue.Source", shortSource.ParamName);
        var undefined = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            GemmApi.Multiply(MatrixOp.None, MatrixOp.None, 3, 3, 4, 1f, a, 4, b, 3, 0f, c, 3, null,
                GemmEpilogue.ActivationGradient((Activation)42, new float[9])));
        Assert.AreEqual("epilogue", undefined.ParamName);
    }

    /// <summary>k = 0 still applies the epilogue (C = φ(β·C + bias)).</summary>
    [TestMethod]
    [TestCategory("Gemm")]
    public void ZeroDepthStillAppliesTheEpilogue()
    {
        float[] c = [1f, -2f, 3f, -4f];
        float[] bias = [0.5f, 0.5f];
        GemmApi.Multiply(MatrixOp.None, MatrixOp.None, 2, 2, 0, 1f, [], 1, [], 2, 1f, c, 2, null,
            GemmEpilogue.BiasActivation(bias, Activation.Relu, 1f));
        CollectionAssert.AreEqual(new[] { 1.5f, 0f, 3.5f, 0f }, c);
    }

    private static float DerivativeFromSource(Activation activation, float source) => activation switch
    {
        Activation.Relu => ReluFromOutput.Derivative(source),
        Activation.Elu => EluFromOutput.Derivative(source),
        Activation.Tanh => TanhFromOutput.Derivative(source),
        _ => StoredDerivative.Derivative(source),
    };

    private static void Fill(float[] target, float[] c0, int m, int n, int ldc, float beta)
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

    /// <summary>
    /// Null when every element of the m×n block is within tolerance (relative for large values) and the padding is
    /// untouched. With <paramref name="kinkGuard"/>, elements whose pre-activation lies within 1e-3 of 0 are skipped
    /// (φ' of ReLU jumps there, so rounding may legitimately flip it).
    /// </summary>
    private static string? Compare(float[] expected, float[] actual, int m, int n, int ldc, float tolerance, float[]? kinkGuard)
    {
        for (int t = 0; t < (m - 1) * ldc + ldc; t++)
        {
            int i = t / ldc;
            int j = t % ldc;
            bool ok;
            if (j >= n)
            {
                ok = actual[t].Equals(Sentinel);
            }
            else if (kinkGuard is not null && Math.Abs(kinkGuard[t]) < 1e-3f)
            {
                ok = true;
            }
            else
            {
                ok = Math.Abs(expected[t] - actual[t]) <= tolerance * (1f + Math.Abs(expected[t]));
            }

            if (!ok)
            {
                return $"[{i},{j}] = {actual[t]}, expected {expected[t]}";
            }
        }

        return null;
    }
}
