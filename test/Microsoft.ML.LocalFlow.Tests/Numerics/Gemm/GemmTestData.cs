using Microsoft.ML.LocalFlow.Numerics.Gemm;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Gemm;

/// <summary>Shared helpers: the kernel paths this machine runs, seeded data, and shape bookkeeping.</summary>
internal static class GemmTestData
{
    public static IEnumerable<GemmKernelKind> SupportedKernels =>
        Enum.GetValues<GemmKernelKind>().Where(Microsoft.ML.LocalFlow.Numerics.Gemm.Gemm.IsSupported);

    public static float[] Random(int length, int seed, float scale = 1f)
    {
        var rng = new System.Random(seed);
        float[] x = new float[length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)(rng.NextDouble() * 2 - 1) * scale;
        }

        return x;
    }

    /// <summary>Stored rows and columns of an operand: op(X) is rows×cols, X is stored transposed when op says so.</summary>
    public static (int Rows, int Cols) Stored(MatrixOp op, int rows, int cols)
        => op == MatrixOp.None ? (rows, cols) : (cols, rows);
}
