using Microsoft.ML.LocalFlow.Numerics.Threading;

namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

/// <summary>
/// Single-precision general matrix multiply: C = α·op(A)·op(B) + β·C, row-major.
/// </summary>
/// <remarks>
/// Assumptions: row-major storage with explicit leading dimensions (row strides). op(A) is m×k, op(B) is k×n,
/// C is m×n. When β = 0, C is never read. Results depend only on the inputs and on the thread count of the
/// <see cref="WorkerPool"/> passed in, never on scheduling.
/// </remarks>
public static class Gemm
{
    /// <summary>Computes C = α·op(A)·op(B) + β·C.</summary>
    /// <param name="opA">Whether A is read transposed.</param>
    /// <param name="opB">Whether B is read transposed.</param>
    /// <param name="m">Rows of op(A) and C; at least 0.</param>
    /// <param name="n">Columns of op(B) and C; at least 0.</param>
    /// <param name="k">Columns of op(A), rows of op(B); at least 0.</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">A as stored: m×k (or k×m when transposed), row stride <paramref name="lda"/>.</param>
    /// <param name="lda">Row stride of A as stored.</param>
    /// <param name="b">B as stored: k×n (or n×k when transposed), row stride <paramref name="ldb"/>.</param>
    /// <param name="ldb">Row stride of B as stored.</param>
    /// <param name="beta">Scale of the old C; when 0, C is not read.</param>
    /// <param name="c">C, m×n with row stride <paramref name="ldc"/>; overwritten.</param>
    /// <param name="ldc">Row stride of C.</param>
    /// <param name="pool">Threads to use; null runs on the calling thread.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, a leading dimension is too small, or a span is too short.</exception>
    public static void Multiply(MatrixOp opA, MatrixOp opB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc,
        WorkerPool? pool = null)
    {
        _ = pool;
        GemmReference.Multiply(opA, opB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }
}
