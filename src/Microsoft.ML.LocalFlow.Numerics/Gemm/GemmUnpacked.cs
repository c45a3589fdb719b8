using System.Runtime.CompilerServices;

namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

// Assumptions (unpacked, "sup" path): GemmArguments holds validated, pinned operands with m, n, k ≥ 1. The part
// computes C[m0..m1, n0..n1]; n0 is a multiple of the vector width W (GemmPartition). op(A) is read in place with
// its two strides (either layout), one broadcast per element. op(B) is read in place when it is stored row-major
// (ColStrideB == 1) and the part's width is a multiple of W; otherwise (Bᵀ, or a ragged last vector) the part's
// columns are first copied into a k×roundup(cols, W) row-major, zero-padded scratch, which is small because n or
// k is small on this path. C has no alignment; only valid columns of C are ever stored, and β = 0 never reads C.
// Every element of C is one FMA chain over p = 0..k−1 in order, so results do not depend on the part boundaries.

/// <summary>
/// GEMM without packing, for small n or k: register blocks of 4 rows × 2 vectors of C, accumulated over all of k.
/// </summary>
/// <typeparam name="TOps">The vector width's operations.</typeparam>
/// <typeparam name="TVector">The vector type.</typeparam>
[SkipLocalsInit]
internal static unsafe class GemmUnpacked<TOps, TVector>
    where TOps : struct, IGemmVector<TVector>
    where TVector : struct
{
    /// <summary>Computes C[m0..m1, n0..n1] = α·op(A)[m0..m1, :]·op(B)[:, n0..n1] + β·C[m0..m1, n0..n1].</summary>
    /// <param name="args">The whole call.</param>
    /// <param name="m0">First row of the part.</param>
    /// <param name="m1">End (exclusive) row of the part.</param>
    /// <param name="n0">First column of the part; a multiple of the vector width.</param>
    /// <param name="n1">End (exclusive) column of the part.</param>
    /// <param name="workspace">The part's scratch (used for a copy of op(B) when it cannot be read in place).</param>
    public static void Run(in GemmArguments args, int m0, int m1, int n0, int n1, GemmWorkspace workspace)
    {
        int w = TOps.Count;
        int k = args.K;
        int cols = n1 - n0;
        int padded = (cols + w - 1) / w * w;
        float* b;
        nint ldb;
        if (args.ColStrideB == 1 && cols == padded)
        {
            b = args.B + n0;
            ldb = args.RowStrideB;
        }
        else
        {
            b = workspace.PackedB(k * padded);
            ldb = padded;
            CopyB(args.B + n0 * args.ColStrideB, args.RowStrideB, args.ColStrideB, k, cols, padded, b);
        }

        // Scratch for a ragged last vector of C: the sums land here and only the valid lanes are merged.
        float* scratch = stackalloc float[16];
        Block block = new(args.Alpha, args.Beta, k, b, ldb, args.ColStrideA, scratch);

        int i = m0;
        for (; i + 4 <= m1; i += 4)
        {
            float* a = args.A + i * args.RowStrideA;
            float* c = args.C + i * args.Ldc + n0;
            int j = 0;
            for (; j + 2 * w <= padded; j += 2 * w)
            {
                block.Rows4x2(a, args.RowStrideA, j, c + j, args.Ldc, cols - j);
            }

            if (j < padded)
            {
                block.Rows4x1(a, args.RowStrideA, j, c + j, args.Ldc, cols - j);
            }
        }

        for (; i < m1; i++)
        {
            float* a = args.A + i * args.RowStrideA;
            float* c = args.C + i * args.Ldc + n0;
            for (int j = 0; j < padded; j += w)
            {
                block.Rows1x1(a, j, c + j, cols - j);
            }
        }
    }

    /// <summary>dst[p*ldd + j] = op(B)[p, j] for j &lt; cols, 0 up to <paramref name="padded"/>; p &lt; k.</summary>
    private static void CopyB(float* src, nint rs, nint cs, int k, int cols, int padded, float* dst)
    {
        if (cs == 1)
        {
            for (int p = 0; p < k; p++)
            {
                float* s = src + p * rs;
                float* d = dst + p * padded;
                new ReadOnlySpan<float>(s, cols).CopyTo(new Span<float>(d, cols));
                new Span<float>(d + cols, padded - cols).Clear();
            }

            return;
        }

        // Bᵀ: read each stored row (a column of op(B)) sequentially, write with stride `padded`.
        for (int j = 0; j < cols; j++)
        {
            float* s = src + j * cs;
            float* d = dst + j;
            for (int p = 0; p < k; p++)
            {
                d[p * padded] = s[p * rs];
            }
        }

        for (int p = 0; p < k; p++)
        {
            new Span<float>(dst + p * padded + cols, padded - cols).Clear();
        }
    }

    /// <summary>The loop-invariant part of every register block.</summary>
    private readonly struct Block
    {
        private readonly float _alpha;
        private readonly float _beta;
        private readonly int _k;
        private readonly float* _b;
        private readonly nint _ldb;
        private readonly nint _csA;
        private readonly float* _scratch;

        public Block(float alpha, float beta, int k, float* b, nint ldb, nint csA, float* scratch)
        {
            _alpha = alpha;
            _beta = beta;
            _k = k;
            _b = b;
            _ldb = ldb;
            _csA = csA;
            _scratch = scratch;
        }

        /// <summary>C[i..i+4, j..j+2W] from op(A) rows at <paramref name="a"/> (row stride <paramref name="rsA"/>).</summary>
        public void Rows4x2(float* a, nint rsA, int j, float* c, nint ldc, int valid)
        {
            int w = TOps.Count;
            TVector c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero;
            TVector c20 = TOps.Zero, c21 = TOps.Zero, c30 = TOps.Zero, c31 = TOps.Zero;
            float* a0 = a;
            float* a1 = a + rsA;
            float* a2 = a1 + rsA;
            float* a3 = a2 + rsA;
            float* bp = _b + j;
            nint csA = _csA;
            for (int p = 0; p < _k; p++)
            {
                TVector b0 = TOps.Load(bp);
                TVector b1 = TOps.Load(bp + w);
                TVector x = TOps.Broadcast(*a0);
                c00 = TOps.FusedMultiplyAdd(x, b0, c00);
                c01 = TOps.FusedMultiplyAdd(x, b1, c01);
                x = TOps.Broadcast(*a1);
                c10 = TOps.FusedMultiplyAdd(x, b0, c10);
                c11 = TOps.FusedMultiplyAdd(x, b1, c11);
                x = TOps.Broadcast(*a2);
                c20 = TOps.FusedMultiplyAdd(x, b0, c20);
                c21 = TOps.FusedMultiplyAdd(x, b1, c21);
                x = TOps.Broadcast(*a3);
                c30 = TOps.FusedMultiplyAdd(x, b0, c30);
                c31 = TOps.FusedMultiplyAdd(x, b1, c31);
                a0 += csA;
                a1 += csA;
                a2 += csA;
                a3 += csA;
                bp += _ldb;
            }

            Store(c00, c, valid);
            Store(c01, c + w, valid - w);
            Store(c10, c + ldc, valid);
            Store(c11, c + ldc + w, valid - w);
            Store(c20, c + 2 * ldc, valid);
            Store(c21, c + 2 * ldc + w, valid - w);
            Store(c30, c + 3 * ldc, valid);
            Store(c31, c + 3 * ldc + w, valid - w);
        }

        /// <summary>C[i..i+4, j..j+W].</summary>
        public void Rows4x1(float* a, nint rsA, int j, float* c, nint ldc, int valid)
        {
            TVector c0 = TOps.Zero, c1 = TOps.Zero, c2 = TOps.Zero, c3 = TOps.Zero;
            float* a0 = a;
            float* a1 = a + rsA;
            float* a2 = a1 + rsA;
            float* a3 = a2 + rsA;
            float* bp = _b + j;
            nint csA = _csA;
            for (int p = 0; p < _k; p++)
            {
                TVector b0 = TOps.Load(bp);
                c0 = TOps.FusedMultiplyAdd(TOps.Broadcast(*a0), b0, c0);
                c1 = TOps.FusedMultiplyAdd(TOps.Broadcast(*a1), b0, c1);
                c2 = TOps.FusedMultiplyAdd(TOps.Broadcast(*a2), b0, c2);
                c3 = TOps.FusedMultiplyAdd(TOps.Broadcast(*a3), b0, c3);
                a0 += csA;
                a1 += csA;
                a2 += csA;
                a3 += csA;
                bp += _ldb;
            }

            Store(c0, c, valid);
            Store(c1, c + ldc, valid);
            Store(c2, c + 2 * ldc, valid);
            Store(c3, c + 3 * ldc, valid);
        }

        /// <summary>C[i, j..j+W].</summary>
        public void Rows1x1(float* a, int j, float* c, int valid)
        {
            TVector c0 = TOps.Zero;
            float* bp = _b + j;
            nint csA = _csA;
            for (int p = 0; p < _k; p++)
            {
                c0 = TOps.FusedMultiplyAdd(TOps.Broadcast(*a), TOps.Load(bp), c0);
                a += csA;
                bp += _ldb;
            }

            Store(c0, c, valid);
        }

        /// <summary>c = α·sum + β·c over the first min(valid, W) lanes; β = 0 never reads c.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Store(TVector sum, float* c, int valid)
        {
            int w = TOps.Count;
            if (valid >= w)
            {
                TVector va = TOps.Broadcast(_alpha);
                if (_beta == 0f)
                {
                    TOps.Store(TOps.Multiply(sum, va), c);
                }
                else if (_beta == 1f)
                {
                    TOps.Store(TOps.FusedMultiplyAdd(sum, va, TOps.Load(c)), c);
                }
                else
                {
                    TOps.Store(TOps.FusedMultiplyAdd(sum, va, TOps.Multiply(TOps.Load(c), TOps.Broadcast(_beta))), c);
                }
            }
            else if (valid > 0)
            {
                StorePartial(sum, c, valid);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void StorePartial(TVector sum, float* c, int valid)
        {
            TOps.Store(sum, _scratch);
            for (int t = 0; t < valid; t++)
            {
                c[t] = _beta == 0f ? _scratch[t] * _alpha
                    : _beta == 1f ? MathF.FusedMultiplyAdd(_scratch[t], _alpha, c[t])
                    : MathF.FusedMultiplyAdd(_scratch[t], _alpha, c[t] * _beta);
            }
        }
    }
}
