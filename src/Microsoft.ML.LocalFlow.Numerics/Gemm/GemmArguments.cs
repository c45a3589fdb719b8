using System.Runtime.InteropServices;

namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

/// <summary>
/// One validated GEMM call with its operands pinned: C = α·op(A)·op(B) + β·C.
/// </summary>
/// <remarks>
/// Assumptions: row-major storage; the pointers stay pinned for the whole call (the caller holds
/// <c>fixed</c> blocks around <see cref="Threading.WorkerPool.Run"/>). op(A)[i, p] lives at
/// <c>A + i·RowStrideA + p·ColStrideA</c>, and likewise op(B)[p, j] at <c>B + p·RowStrideB + j·ColStrideB</c>,
/// so the loops never branch on <see cref="MatrixOp"/>: a transpose is just a swap of the two strides.
/// </remarks>
[StructLayout(LayoutKind.Auto)]
internal readonly unsafe struct GemmArguments
{
    public GemmArguments(MatrixOp opA, MatrixOp opB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        OpA = opA;
        OpB = opB;
        M = m;
        N = n;
        K = k;
        Alpha = alpha;
        Beta = beta;
        A = a;
        B = b;
        C = c;
        Ldc = ldc;
        RowStrideA = opA == MatrixOp.None ? lda : 1;
        ColStrideA = opA == MatrixOp.None ? 1 : lda;
        RowStrideB = opB == MatrixOp.None ? ldb : 1;
        ColStrideB = opB == MatrixOp.None ? 1 : ldb;
    }

    /// <summary>The step applied to each finished tile of C; <see cref="GemmEpilogueKind.None"/> by default.</summary>
    public GemmEpiloguePointers Epilogue { get; init; }

    public MatrixOp OpA { get; }

    public MatrixOp OpB { get; }

    public int M { get; }

    public int N { get; }

    public int K { get; }

    public float Alpha { get; }

    public float Beta { get; }

    public float* A { get; }

    public float* B { get; }

    public float* C { get; }

    public nint Ldc { get; }

    /// <summary>Distance between op(A)[i, p] and op(A)[i + 1, p].</summary>
    public nint RowStrideA { get; }

    /// <summary>Distance between op(A)[i, p] and op(A)[i, p + 1].</summary>
    public nint ColStrideA { get; }

    /// <summary>Distance between op(B)[p, j] and op(B)[p + 1, j].</summary>
    public nint RowStrideB { get; }

    /// <summary>Distance between op(B)[p, j] and op(B)[p, j + 1].</summary>
    public nint ColStrideB { get; }
}
