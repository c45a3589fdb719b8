using Microsoft.ML.LocalFlow.Numerics.Gemm;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Gemm;

/// <summary>The packed layouts of GemmPacking, element by element, for both strides and ragged edges.</summary>
[TestClass]
public sealed unsafe class GemmPackingTests
{
    [TestMethod]
    [DataRow(MatrixOp.None, 19, 13)]
    [DataRow(MatrixOp.Transpose, 19, 13)]
    [DataRow(MatrixOp.None, 6, 4)]
    [DataRow(MatrixOp.Transpose, 5, 1)]
    public void PackAMatchesLayout(MatrixOp op, int mc, int kc)
    {
        const int ld = 40; // stored row stride, larger than either dimension
        float[] src = GemmTestData.Random(40 * ld, 5);
        (nint rs, nint cs) = op == MatrixOp.None ? ((nint)ld, (nint)1) : (1, ld);
        int mr = GemmMicroKernel6x16.MR;
        int panels = (mc + mr - 1) / mr;
        float[] dst = new float[panels * mr * kc + 1];
        dst[^1] = 99f;
        fixed (float* s = src, d = dst)
        {
            GemmPacking.PackA<GemmMicroKernel6x16>(s, rs, cs, mc, kc, d);
        }

        for (int panel = 0; panel < panels; panel++)
        {
            for (int p = 0; p < kc; p++)
            {
                for (int r = 0; r < mr; r++)
                {
                    int row = panel * mr + r;
                    float expected = row < mc ? src[row * rs + p * cs] : 0f;
                    Assert.AreEqual(expected, dst[panel * mr * kc + p * mr + r], $"panel {panel} p {p} r {r}");
                }
            }
        }

        Assert.AreEqual(99f, dst[^1], "no write past the packed block");
    }

    [TestMethod]
    [DataRow(MatrixOp.None, 13, 37)]
    [DataRow(MatrixOp.Transpose, 13, 37)]
    [DataRow(MatrixOp.Transpose, 9, 16)]
    public void PackBMatchesLayout(MatrixOp op, int kc, int nc)
    {
        const int ld = 40;
        float[] src = GemmTestData.Random(40 * ld, 6);
        (nint rs, nint cs) = op == MatrixOp.None ? ((nint)ld, (nint)1) : (1, ld);
        int nr = GemmMicroKernel6x16.NR;
        int panels = (nc + nr - 1) / nr;
        float[] dst = new float[panels * nr * kc + 1];
        dst[^1] = 99f;
        fixed (float* s = src, d = dst)
        {
            GemmPacking.PackB<GemmMicroKernel6x16>(s, rs, cs, kc, nc, d);
        }

        for (int panel = 0; panel < panels; panel++)
        {
            for (int p = 0; p < kc; p++)
            {
                for (int j = 0; j < nr; j++)
                {
                    int col = panel * nr + j;
                    float expected = col < nc ? src[p * rs + col * cs] : 0f;
                    Assert.AreEqual(expected, dst[panel * nr * kc + p * nr + j], $"panel {panel} p {p} j {j}");
                }
            }
        }

        Assert.AreEqual(99f, dst[^1], "no write past the packed block");
    }
}
