namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

/// <summary>
/// Scalar ground truth for <see cref="Gemm"/>: C = α·op(A)·op(B) + β·C, accumulated in float64.
/// </summary>
/// <remarks>
/// Assumptions: row-major storage. op(A) is m×k, op(B) is k×n, C is m×n.
/// A is stored m×k with leading dimension lda (or k×m when transposed); likewise B.
/// When β = 0, C is never read (it may hold NaN), the contract every GEMM path here keeps.
/// </remarks>
public static class GemmReference
{
    /// <summary>Computes C = α·op(A)·op(B) + β·C one dot product at a time, in double precision.</summary>
    /// <param name="opA">Whether A is read transposed.</param>
    /// <param name="opB">Whether B is read transposed.</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">A, row-major with leading dimension <paramref name="lda"/>.</param>
    /// <param name="lda">Leading dimension (row stride) of A as stored.</param>
    /// <param name="b">B, row-major with leading dimension <paramref name="ldb"/>.</param>
    /// <param name="ldb">Leading dimension (row stride) of B as stored.</param>
    /// <param name="beta">Scale of the old C; when 0, C is not read.</param>
    /// <param name="c">C (m×n), row-major with leading dimension <paramref name="ldc"/>; overwritten.</param>
    /// <param name="ldc">Leading dimension (row stride) of C.</param>
    public static void Multiply(MatrixOp opA, MatrixOp opB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    float av = opA == MatrixOp.None ? a[i * lda + p] : a[p * lda + i];
                    float bv = opB == MatrixOp.None ? b[p * ldb + j] : b[j * ldb + p];
                    sum += (double)av * bv;
                }
                double result = alpha * sum;
                if (beta != 0f)
                {
                    result += (double)beta * c[i * ldc + j];
                }
                c[i * ldc + j] = (float)result;
            }
        }
    }
}
