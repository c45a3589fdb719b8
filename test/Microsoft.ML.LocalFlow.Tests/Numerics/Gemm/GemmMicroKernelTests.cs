using System.Runtime.Intrinsics;
using Microsoft.ML.LocalFlow.Numerics.Gemm;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Gemm;

/// <summary>Each micro-kernel alone (BLIS test_gemm_ukr): packed panels in, one full tile of C out.</summary>
[TestClass]
public sealed unsafe class GemmMicroKernelTests
{
    public static IEnumerable<object[]> Betas => [[0f], [1f], [0.5f]];

    [TestMethod]
    [DynamicData(nameof(Betas))]
    public void Kernel4x8MatchesReference(float beta) => Check<GemmMicroKernel4x8>(beta, Vector128.IsHardwareAccelerated);

    [TestMethod]
    [DynamicData(nameof(Betas))]
    public void Kernel6x16MatchesReference(float beta)
        => Check<GemmMicroKernel6x16>(beta, Microsoft.ML.LocalFlow.Numerics.Gemm.Gemm.IsSupported(GemmKernelKind.Avx2));

    [TestMethod]
    [DynamicData(nameof(Betas))]
    public void Kernel8x32MatchesReference(float beta)
        => Check<GemmMicroKernel8x32>(beta, Microsoft.ML.LocalFlow.Numerics.Gemm.Gemm.IsSupported(GemmKernelKind.Avx512));

    /// <summary>
    /// A strided A panel (aStep = MR + 5, as for Aᵀ read in place) gives bit-for-bit the packed panel's tile: the
    /// stride only moves the loads, never the arithmetic.
    /// </summary>
    [TestMethod]
    [DynamicData(nameof(Betas))]
    public void StridedAPanelGivesPackedBits(float beta)
    {
        StridedMatchesPacked<GemmMicroKernel4x8>(beta, Vector128.IsHardwareAccelerated);
        StridedMatchesPacked<GemmMicroKernel6x16>(beta, Microsoft.ML.LocalFlow.Numerics.Gemm.Gemm.IsSupported(GemmKernelKind.Avx2));
        StridedMatchesPacked<GemmMicroKernel8x32>(beta, Microsoft.ML.LocalFlow.Numerics.Gemm.Gemm.IsSupported(GemmKernelKind.Avx512));
    }

    /// <summary>
    /// A row-strided A panel (rows kc + 3 floats apart, consecutive p adjacent: A row-major read in place) gives bit for
    /// bit the packed panel's tile.
    /// </summary>
    [TestMethod]
    [DynamicData(nameof(Betas))]
    public void RowStridedAPanelGivesPackedBits(float beta)
    {
        RowStridedMatchesPacked<GemmMicroKernel4x8>(beta, Vector128.IsHardwareAccelerated);
        RowStridedMatchesPacked<GemmMicroKernel6x16>(beta, Microsoft.ML.LocalFlow.Numerics.Gemm.Gemm.IsSupported(GemmKernelKind.Avx2));
        RowStridedMatchesPacked<GemmMicroKernel8x32>(beta, Microsoft.ML.LocalFlow.Numerics.Gemm.Gemm.IsSupported(GemmKernelKind.Avx512));
    }

    private static void RowStridedMatchesPacked<TKernel>(float beta, bool supported)
        where TKernel : struct, IGemmMicroKernel
    {
        if (!supported)
        {
            return;
        }

        int mr = TKernel.MR, nr = TKernel.NR;
        const int kc = 37;
        const int lda = kc + 3;
        float[] packed = GemmTestData.Random(mr * kc, 53);
        float[] rows = new float[mr * lda];
        Array.Fill(rows, float.NaN); // the padding after each row must never be read
        for (int r = 0; r < mr; r++)
        {
            for (int p = 0; p < kc; p++)
            {
                rows[r * lda + p] = packed[p * mr + r];
            }
        }

        float[] b = GemmTestData.Random(kc * nr, 54);
        float[] c0 = GemmTestData.Random(mr * nr, 55);
        float[] expected = (float[])c0.Clone();
        float[] actual = (float[])c0.Clone();
        fixed (float* pa = packed, ps = rows, pb = b, pe = expected, pc = actual)
        {
            TKernel.Compute(kc, pa, 1, mr, pb, pe, nr, 1.25f, beta);
            TKernel.Compute(kc, ps, lda, 1, pb, pc, nr, 1.25f, beta);
        }

        CollectionAssert.AreEqual(expected, actual, typeof(TKernel).Name);
    }

    private static void StridedMatchesPacked<TKernel>(float beta, bool supported)
        where TKernel : struct, IGemmMicroKernel
    {
        if (!supported)
        {
            return;
        }

        int mr = TKernel.MR, nr = TKernel.NR;
        int step = mr + 5;
        const int kc = 37;
        float[] packed = GemmTestData.Random(mr * kc, 50);
        float[] strided = new float[step * kc];
        Array.Fill(strided, float.NaN); // the gaps between p groups must never be read
        for (int p = 0; p < kc; p++)
        {
            Array.Copy(packed, p * mr, strided, p * step, mr);
        }

        float[] b = GemmTestData.Random(kc * nr, 51);
        float[] c0 = GemmTestData.Random(mr * nr, 52);
        float[] expected = (float[])c0.Clone();
        float[] actual = (float[])c0.Clone();
        fixed (float* pa = packed, ps = strided, pb = b, pe = expected, pc = actual)
        {
            TKernel.Compute(kc, pa, 1, mr, pb, pe, nr, 1.25f, beta);
            TKernel.Compute(kc, ps, 1, step, pb, pc, nr, 1.25f, beta);
        }

        CollectionAssert.AreEqual(expected, actual, typeof(TKernel).Name);
    }

    private static void Check<TKernel>(float beta, bool supported)
        where TKernel : struct, IGemmMicroKernel
    {
        if (!supported)
        {
            Assert.Inconclusive($"{typeof(TKernel).Name} does not run natively here.");
        }

        int mr = TKernel.MR, nr = TKernel.NR;
        const int ldc = 100;
        const float alpha = -0.75f;
        foreach (int kc in new[] { 1, 2, 7, 64, 255 })
        {
            float[] a = GemmTestData.Random(mr * kc, kc);
            float[] b = GemmTestData.Random(kc * nr, kc + 1);
            float[] c0 = GemmTestData.Random(mr * ldc, kc + 2);
            float[] c = (float[])c0.Clone();
            if (beta == 0f)
            {
                for (int i = 0; i < mr; i++)
                {
                    Array.Fill(c, float.NaN, i * ldc, nr);
                }
            }

            fixed (float* pa = a, pb = b, pc = c)
            {
                TKernel.Compute(kc, pa, 1, TKernel.MR, pb, pc, ldc, alpha, beta);
            }

            for (int i = 0; i < mr; i++)
            {
                for (int j = 0; j < ldc; j++)
                {
                    if (j >= nr)
                    {
                        Assert.AreEqual(c0[i * ldc + j], c[i * ldc + j], "outside the tile C is untouched");
                        continue;
                    }

                    double sum = 0;
                    for (int p = 0; p < kc; p++)
                    {
                        sum += (double)a[p * mr + i] * b[p * nr + j];
                    }

                    double expected = alpha * sum + (beta == 0f ? 0 : beta * c0[i * ldc + j]);
                    Assert.AreEqual(expected, c[i * ldc + j], 1e-6 * (kc + 2), $"{typeof(TKernel).Name} kc={kc} C[{i},{j}]");
                }
            }
        }
    }
}
