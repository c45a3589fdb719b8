using System.Runtime.CompilerServices;

namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

// Assumptions (unpacked, "sup" path; chosen for n ≤ 64, but correct for any shape and variant): GemmArguments
// holds validated, pinned operands with m, n, k ≥ 1. The part computes C[m0..m1, n0..n1]; n0 is a multiple of the vector width W (GemmPartition). op(A) is read in place with
// its two strides (either layout), one broadcast per element. op(B) is read in place when it is stored row-major
// (ColStrideB == 1) and the part's width is a multiple of W; otherwise (Bᵀ, or a ragged last vector) the part's
// columns are first copied into a k×roundup(cols, W) row-major, zero-padded scratch, which is small because n
// is small on this path. C has no alignment; only valid columns of C are ever stored, and β = 0 never reads C.
// Every element of C is one FMA chain over p = 0..k−1 in order, so results do not depend on the part boundaries.

/// <summary>
/// GEMM without packing, for small n (the thin output layers): register blocks of 4 rows × 2 vectors of C (or
/// 8 rows × 1 vector when n ≤ W), accumulated over all of k.
/// </summary>
/// <typeparam name="TOps">The vector width's operations.</typeparam>
/// <typeparam name="TVector">The vector type.</typeparam>
[SkipLocalsInit]
internal static unsafe class GemmUnpacked<TOps, TVector>
    where TOps : struct, IGemmVector<TVector>
    where TVector : struct
{
    /// <summary>Parts with at most this many rows of C stream op(B) once (<see cref="RunFewRows"/>).</summary>
    public const int FewRows = GemmBlockSizes.FewRowsThreshold;

    /// <summary>Computes C[m0..m1, n0..n1] = α·op(A)[m0..m1, :]·op(B)[:, n0..n1] + β·C[m0..m1, n0..n1].</summary>
    /// <param name="args">The whole call.</param>
    /// <param name="m0">First row of the part.</param>
    /// <param name="m1">End (exclusive) row of the part.</param>
    /// <param name="n0">First column of the part; a multiple of the vector width.</param>
    /// <param name="n1">End (exclusive) column of the part.</param>
    /// <param name="workspace">The part's scratch (used for a copy of op(B) when it cannot be read in place).</param>
    /// <param name="fuseColumnSums">Whether this part owns the column sums of op(B) over exactly [n0, n1)
    /// (<see cref="GemmEpilogue.ColumnSums"/>); the few-rows loops then take them on the way.</param>
    /// <returns>The end of the columns from <paramref name="n0"/> whose sums were taken (n0 when none); the caller
    /// sweeps the rest.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Run(in GemmArguments args, int m0, int m1, int n0, int n1, GemmWorkspace workspace, bool fuseColumnSums = false)
    {
        int w = TOps.Count;
        int k = args.K;
        int summedTo = n0;
        if (m1 - m0 <= FewRows && args.ColStrideB == 1 && n1 - n0 >= w)
        {
            // A few rows of C (the input layer's weight gradient, m = d + 1): op(B) streamed once, row by row.
            n0 = RunFewRows(args, m0, m1, n0, n1, fuseColumnSums ? args.Epilogue.ColumnSums : null);
            summedTo = fuseColumnSums ? n0 : summedTo;
            if (n0 == n1)
            {
                return summedTo;
            }
        }

        int cols = n1 - n0;
        int i = m0;
        if (args.ColStrideA == 1 && cols <= 2 && k >= w)
        {
            // A (row-major) times one or two columns (the output layer's forward): dot products along p.
            RunRowsThin(args, m0, m1, n0, cols, workspace);
            return summedTo;
        }

        if (args.RowStrideA == 1 && cols <= 2)
        {
            // Aᵀ times one or two columns (the output layer's weight gradient): rows of C as vectors, A read row by row.
            i = RunTransposedThin(args, m0, m1, n0, cols);
            if (i == m1)
            {
                return summedTo;
            }
        }

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

        // The register block's raw sums land in this stack tile; the merge into C (α, β, ragged last vector)
        // runs after the k loop, so no call happens while the accumulators are live (a call would force the JIT
        // to spill them, since every vector register is caller-saved).
        float* tileBuffer = stackalloc float[8 * 2 * 16 + 16];
        float* tile = (float*)(((nuint)tileBuffer + 63) & ~(nuint)63);
        Block block = new(k, b, ldb, args.ColStrideA);
        nint rsA = args.RowStrideA;
        nint ldc = args.Ldc;
        float alpha = args.Alpha;
        float beta = args.Beta;

        if (padded >= 2 * w)
        {
            // Wide enough for 4 rows × 2 vectors: 8 independent FMA chains per p.
            for (; i + 4 <= m1; i += 4)
            {
                float* a = args.A + i * rsA;
                float* c = args.C + i * ldc + n0;
                int j = 0;
                for (; j + 2 * w <= padded; j += 2 * w)
                {
                    block.Rows4x2(a, rsA, j, tile);
                    Merge(tile, 2 * w, c + j, ldc, 4, Math.Min(2 * w, cols - j), alpha, beta);
                }

                if (j < padded)
                {
                    block.Rows4x1(a, rsA, j, tile);
                    Merge(tile, w, c + j, ldc, 4, cols - j, alpha, beta);
                }
            }
        }
        else
        {
            // One vector wide (n ≤ W, the MLP's output layers): 8 rows give the 8 independent FMA chains.
            for (; i + 8 <= m1; i += 8)
            {
                block.Rows8x1(args.A + i * rsA, rsA, tile);
                Merge(tile, w, args.C + i * ldc + n0, ldc, 8, cols, alpha, beta);
            }
        }

        for (; i < m1; i++)
        {
            float* a = args.A + i * rsA;
            float* c = args.C + i * ldc + n0;
            for (int j = 0; j < padded; j += w)
            {
                block.Rows1x1(a, j, tile);
                Merge(tile, w, c + j, ldc, 1, Math.Min(w, cols - j), alpha, beta);
            }
        }

        return summedTo;
    }

    /// <summary>
    /// C[m0..m1, j] for at most <see cref="FewRows"/> rows and op(B) stored row-major, over the whole vectors of
    /// columns from <paramref name="n0"/>; returns the first column it did not compute (a ragged tail narrower than W
    /// is left to the general loops). With <paramref name="sums"/> it also writes the column sums of op(B) there.
    /// </summary>
    /// <remarks>
    /// The general loops would read all of op(B) once per row of C (and the packed path packs it for 3 useful rows of
    /// 8). Here each p reads two vectors of op(B)'s row p once and feeds up to 4 rows (8 FMA chains, 13 registers, so
    /// the AVX2 path's 16 suffice). Every C[i, j] is one FMA chain over p in order from zero, as on the general loops.
    /// The column sums follow <see cref="GemmColumnSums"/>'s order: KC-row chunks summed from zero, added in order.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int RunFewRows(in GemmArguments args, int m0, int m1, int n0, int n1, float* sums)
    {
        int w = TOps.Count;
        int k = args.K;
        int rows = m1 - m0;
        nint rsA = args.RowStrideA;
        nint csA = args.ColStrideA;
        nint ldb = args.RowStrideB;
        int kcBlock = GemmBlockSizes.KC;

        // Rows past m1 repeat the last row (their sums are never stored), so the loop has no branches.
        float* a0 = args.A + m0 * rsA;
        float* a1 = a0 + Math.Min(1, rows - 1) * rsA;
        float* a2 = a0 + Math.Min(2, rows - 1) * rsA;
        float* a3 = a0 + Math.Min(3, rows - 1) * rsA;
        float* tileBuffer = stackalloc float[10 * 16 + 16];
        float* tile = (float*)(((nuint)tileBuffer + 63) & ~(nuint)63);
        int j = n0;
        while (j + w <= n1)
        {
            int vectors = j + 2 * w <= n1 ? 2 : 1;
            nint second = vectors == 2 ? w : 0;
            TVector c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero;
            TVector c20 = TOps.Zero, c21 = TOps.Zero, c30 = TOps.Zero, c31 = TOps.Zero;
            TVector t0 = TOps.Zero, t1 = TOps.Zero;
            float* bp = args.B + j;
            nint offset = 0;
            for (int pc = 0; pc < k; pc += kcBlock)
            {
                TVector s0 = TOps.Zero, s1 = TOps.Zero;
                for (int p = Math.Min(kcBlock, k - pc); p > 0; p--)
                {
                    TVector b0 = TOps.Load(bp);
                    TVector b1 = TOps.Load(bp + second);
                    TVector x = TOps.Broadcast(a0[offset]);
                    c00 = TOps.FusedMultiplyAdd(x, b0, c00);
                    c01 = TOps.FusedMultiplyAdd(x, b1, c01);
                    x = TOps.Broadcast(a1[offset]);
                    c10 = TOps.FusedMultiplyAdd(x, b0, c10);
                    c11 = TOps.FusedMultiplyAdd(x, b1, c11);
                    x = TOps.Broadcast(a2[offset]);
                    c20 = TOps.FusedMultiplyAdd(x, b0, c20);
                    c21 = TOps.FusedMultiplyAdd(x, b1, c21);
                    x = TOps.Broadcast(a3[offset]);
                    c30 = TOps.FusedMultiplyAdd(x, b0, c30);
                    c31 = TOps.FusedMultiplyAdd(x, b1, c31);
                    s0 = TOps.Add(s0, b0);
                    s1 = TOps.Add(s1, b1);
                    offset += csA;
                    bp += ldb;
                }

                t0 = TOps.Add(t0, s0);
                t1 = TOps.Add(t1, s1);
            }

            TOps.Store(c00, tile);
            TOps.Store(c01, tile + w);
            TOps.Store(c10, tile + 2 * w);
            TOps.Store(c11, tile + 3 * w);
            TOps.Store(c20, tile + 4 * w);
            TOps.Store(c21, tile + 5 * w);
            TOps.Store(c30, tile + 6 * w);
            TOps.Store(c31, tile + 7 * w);
            TOps.Store(t0, tile + 8 * w);
            TOps.Store(t1, tile + 9 * w);
            Merge(tile, 2 * w, args.C + m0 * args.Ldc + j, args.Ldc, rows, vectors * w, args.Alpha, args.Beta);
            if (sums != null)
            {
                GemmColumnSums.Merge(tile + 8 * w, sums + j, vectors * w, args.Alpha, args.Beta);
            }

            j += vectors * w;
        }

        return j;
    }

    /// <summary>
    /// C[i, j] for op(A) = Aᵀ and one or two columns, i from <paramref name="m0"/> in blocks of 4·W (then W) rows;
    /// returns the first row it did not compute (fewer than W rows are left to the general loops).
    /// </summary>
    /// <remarks>
    /// The general loops broadcast op(A)[i, p] = A[p, i] and read one padded vector of op(B) per p, so with n = 2 they
    /// use 2 of W lanes and walk A down its columns. Here W consecutive rows of C are one vector: per p, 4 contiguous
    /// vectors of A's row p times the broadcast B[p, 0] and B[p, 1], 8 independent FMA chains. Every C[i, j] is still
    /// one FMA chain over p = 0..k−1 in order from zero, merged with the same rounding, so the bits are unchanged.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int RunTransposedThin(in GemmArguments args, int m0, int m1, int n0, int cols)
    {
        int w = TOps.Count;
        int k = args.K;
        nint lda = args.ColStrideA;
        nint rsB = args.RowStrideB;
        float* b0 = args.B + n0 * args.ColStrideB;
        float* b1 = cols == 2 ? b0 + args.ColStrideB : b0;
        float* tileBuffer = stackalloc float[8 * 16 + 16];
        float* tile = (float*)(((nuint)tileBuffer + 63) & ~(nuint)63);
        int i = m0;
        while (i + w <= m1)
        {
            int vectors = i + 4 * w <= m1 ? 4 : 1;
            float* a = args.A + i;
            if (vectors == 4)
            {
                TVector c00 = TOps.Zero, c01 = TOps.Zero, c02 = TOps.Zero, c03 = TOps.Zero;
                TVector c10 = TOps.Zero, c11 = TOps.Zero, c12 = TOps.Zero, c13 = TOps.Zero;
                float* bp0 = b0;
                float* bp1 = b1;
                for (int p = k; p > 0; p--)
                {
                    TVector x0 = TOps.Broadcast(*bp0);
                    TVector x1 = TOps.Broadcast(*bp1);
                    TVector a0 = TOps.Load(a);
                    TVector a1 = TOps.Load(a + w);
                    TVector a2 = TOps.Load(a + 2 * w);
                    TVector a3 = TOps.Load(a + 3 * w);
                    c00 = TOps.FusedMultiplyAdd(a0, x0, c00);
                    c01 = TOps.FusedMultiplyAdd(a1, x0, c01);
                    c02 = TOps.FusedMultiplyAdd(a2, x0, c02);
                    c03 = TOps.FusedMultiplyAdd(a3, x0, c03);
                    c10 = TOps.FusedMultiplyAdd(a0, x1, c10);
                    c11 = TOps.FusedMultiplyAdd(a1, x1, c11);
                    c12 = TOps.FusedMultiplyAdd(a2, x1, c12);
                    c13 = TOps.FusedMultiplyAdd(a3, x1, c13);
                    a += lda;
                    bp0 += rsB;
                    bp1 += rsB;
                }

                TOps.Store(c00, tile);
                TOps.Store(c01, tile + w);
                TOps.Store(c02, tile + 2 * w);
                TOps.Store(c03, tile + 3 * w);
                TOps.Store(c10, tile + 4 * w);
                TOps.Store(c11, tile + 5 * w);
                TOps.Store(c12, tile + 6 * w);
                TOps.Store(c13, tile + 7 * w);
            }
            else
            {
                TVector c00 = TOps.Zero, c10 = TOps.Zero;
                float* bp0 = b0;
                float* bp1 = b1;
                for (int p = k; p > 0; p--)
                {
                    TVector a0 = TOps.Load(a);
                    c00 = TOps.FusedMultiplyAdd(a0, TOps.Broadcast(*bp0), c00);
                    c10 = TOps.FusedMultiplyAdd(a0, TOps.Broadcast(*bp1), c10);
                    a += lda;
                    bp0 += rsB;
                    bp1 += rsB;
                }

                TOps.Store(c00, tile);
                TOps.Store(c10, tile + 4 * w);
            }

            MergeTransposed(tile, 4 * w, args.C + i * args.Ldc + n0, args.Ldc, vectors * w, cols, args.Alpha, args.Beta);
            i += vectors * w;
        }

        return i;
    }

    /// <summary>
    /// C[m0..m1, n0..n0+cols] for op(A) = A (row-major) and one or two columns: each C[i, j] is a dot product of A's
    /// row i with column j of op(B), W lanes along p (op(B)'s columns are copied contiguous first, 2k floats), then
    /// the lanes summed and the k mod W last terms added by FMA in order. Four rows at a time: per W values of p,
    /// 4 + 2 loads and 8 FMAs, where the general loops spend 8 broadcasts and 8 FMAs per single p on 2 useful lanes.
    /// </summary>
    /// <remarks>Each element is computed by one part in a fixed order, so the bits never depend on the thread count.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunRowsThin(in GemmArguments args, int m0, int m1, int n0, int cols, GemmWorkspace workspace)
    {
        int w = TOps.Count;
        int k = args.K;
        float* bt0 = workspace.PackedB(2 * k);
        float* bt1 = cols == 2 ? bt0 + k : bt0;
        float* b = args.B + n0 * args.ColStrideB;
        for (int p = 0; p < k; p++)
        {
            bt0[p] = b[p * args.RowStrideB];
            if (cols == 2)
            {
                bt1[p] = b[p * args.RowStrideB + args.ColStrideB];
            }
        }

        int kVector = k / w * w;
        nint lda = args.RowStrideA;
        float* tile = stackalloc float[8];
        int i = m0;
        for (; i < m1; i += 4)
        {
            int rows = Math.Min(4, m1 - i);
            float* a0 = args.A + i * lda;
            float* a1 = a0 + Math.Min(1, rows - 1) * lda;
            float* a2 = a0 + Math.Min(2, rows - 1) * lda;
            float* a3 = a0 + Math.Min(3, rows - 1) * lda;
            TVector c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero;
            TVector c20 = TOps.Zero, c21 = TOps.Zero, c30 = TOps.Zero, c31 = TOps.Zero;
            for (int p = 0; p < kVector; p += w)
            {
                TVector b0 = TOps.Load(bt0 + p);
                TVector b1 = TOps.Load(bt1 + p);
                TVector x = TOps.Load(a0 + p);
                c00 = TOps.FusedMultiplyAdd(x, b0, c00);
                c01 = TOps.FusedMultiplyAdd(x, b1, c01);
                x = TOps.Load(a1 + p);
                c10 = TOps.FusedMultiplyAdd(x, b0, c10);
                c11 = TOps.FusedMultiplyAdd(x, b1, c11);
                x = TOps.Load(a2 + p);
                c20 = TOps.FusedMultiplyAdd(x, b0, c20);
                c21 = TOps.FusedMultiplyAdd(x, b1, c21);
                x = TOps.Load(a3 + p);
                c30 = TOps.FusedMultiplyAdd(x, b0, c30);
                c31 = TOps.FusedMultiplyAdd(x, b1, c31);
            }

            tile[0] = TOps.Sum(c00);
            tile[1] = TOps.Sum(c01);
            tile[2] = TOps.Sum(c10);
            tile[3] = TOps.Sum(c11);
            tile[4] = TOps.Sum(c20);
            tile[5] = TOps.Sum(c21);
            tile[6] = TOps.Sum(c30);
            tile[7] = TOps.Sum(c31);
            for (int r = 0; r < rows; r++)
            {
                float* a = a0 + r * lda;
                float* c = args.C + (i + r) * args.Ldc + n0;
                for (int j = 0; j < cols; j++)
                {
                    float* bt = j == 0 ? bt0 : bt1;
                    float sum = tile[2 * r + j];
                    for (int p = kVector; p < k; p++)
                    {
                        sum = MathF.FusedMultiplyAdd(a[p], bt[p], sum);
                    }

                    c[j] = args.Beta == 0f ? sum * args.Alpha
                        : args.Beta == 1f ? MathF.FusedMultiplyAdd(sum, args.Alpha, c[j])
                        : MathF.FusedMultiplyAdd(sum, args.Alpha, c[j] * args.Beta);
                }
            }
        }
    }

    /// <summary>c[r, j] = α·t[j·ldt + r] + β·c[r, j] for r &lt; rows, j &lt; cols: <see cref="Merge"/> for a transposed tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MergeTransposed(float* t, nint ldt, float* c, nint ldc, int rows, int cols, float alpha, float beta)
    {
        for (int j = 0; j < cols; j++)
        {
            float* tj = t + j * ldt;
            for (int r = 0; r < rows; r++)
            {
                float* cr = c + r * ldc + j;
                *cr = beta == 0f ? tj[r] * alpha
                    : beta == 1f ? MathF.FusedMultiplyAdd(tj[r], alpha, *cr)
                    : MathF.FusedMultiplyAdd(tj[r], alpha, *cr * beta);
            }
        }
    }

    /// <summary>c = α·t + β·c over rows × cols (β = 0 never reads c), with the micro-kernels' rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Merge(float* t, nint ldt, float* c, nint ldc, int rows, int cols, float alpha, float beta)
    {
        int w = TOps.Count;
        TVector va = TOps.Broadcast(alpha);
        TVector vb = TOps.Broadcast(beta);
        for (int r = 0; r < rows; r++)
        {
            float* tr = t + r * ldt;
            float* cr = c + r * ldc;
            int j = 0;
            if (beta == 0f)
            {
                for (; j + w <= cols; j += w)
                {
                    TOps.Store(TOps.Multiply(TOps.Load(tr + j), va), cr + j);
                }

                for (; j < cols; j++)
                {
                    cr[j] = tr[j] * alpha;
                }
            }
            else if (beta == 1f)
            {
                for (; j + w <= cols; j += w)
                {
                    TOps.Store(TOps.FusedMultiplyAdd(TOps.Load(tr + j), va, TOps.Load(cr + j)), cr + j);
                }

                for (; j < cols; j++)
                {
                    cr[j] = MathF.FusedMultiplyAdd(tr[j], alpha, cr[j]);
                }
            }
            else
            {
                for (; j + w <= cols; j += w)
                {
                    TOps.Store(TOps.FusedMultiplyAdd(TOps.Load(tr + j), va, TOps.Multiply(TOps.Load(cr + j), vb)), cr + j);
                }

                for (; j < cols; j++)
                {
                    cr[j] = MathF.FusedMultiplyAdd(tr[j], alpha, cr[j] * beta);
                }
            }
        }
    }

    /// <summary>dst[p*ldd + j] = op(B)[p, j] for j &lt; cols, 0 up to <paramref name="padded"/>; p &lt; k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>The loop-invariant part of every register block: op(B) in place (or its copy) and A's column stride.</summary>
    private readonly struct Block
    {
        private readonly int _k;
        private readonly float* _b;
        private readonly nint _ldb;
        private readonly nint _csA;

        public Block(int k, float* b, nint ldb, nint csA)
        {
            _k = k;
            _b = b;
            _ldb = ldb;
            _csA = csA;
        }

        /// <summary>Raw sums of rows i..i+4 × columns j..j+2W into <paramref name="t"/> (row stride 2W).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Rows4x2(float* a, nint rsA, int j, float* t)
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
            nint ldb = _ldb;
            for (int p = _k; p > 0; p--)
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
                bp += ldb;
            }

            TOps.Store(c00, t);
            TOps.Store(c01, t + w);
            TOps.Store(c10, t + 2 * w);
            TOps.Store(c11, t + 3 * w);
            TOps.Store(c20, t + 4 * w);
            TOps.Store(c21, t + 5 * w);
            TOps.Store(c30, t + 6 * w);
            TOps.Store(c31, t + 7 * w);
        }

        /// <summary>Raw sums of rows i..i+4 × columns j..j+W into <paramref name="t"/> (row stride W).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Rows4x1(float* a, nint rsA, int j, float* t)
        {
            int w = TOps.Count;
            TVector c0 = TOps.Zero, c1 = TOps.Zero, c2 = TOps.Zero, c3 = TOps.Zero;
            float* a0 = a;
            float* a1 = a + rsA;
            float* a2 = a1 + rsA;
            float* a3 = a2 + rsA;
            float* bp = _b + j;
            nint csA = _csA;
            nint ldb = _ldb;
            for (int p = _k; p > 0; p--)
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
                bp += ldb;
            }

            TOps.Store(c0, t);
            TOps.Store(c1, t + w);
            TOps.Store(c2, t + 2 * w);
            TOps.Store(c3, t + 3 * w);
        }

        /// <summary>Raw sums of rows i..i+8 × columns 0..W into <paramref name="t"/> (row stride W).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Rows8x1(float* a, nint rsA, float* t)
        {
            int w = TOps.Count;
            TVector c0 = TOps.Zero, c1 = TOps.Zero, c2 = TOps.Zero, c3 = TOps.Zero;
            TVector c4 = TOps.Zero, c5 = TOps.Zero, c6 = TOps.Zero, c7 = TOps.Zero;
            float* bp = _b;
            nint csA = _csA;
            nint ldb = _ldb;
            for (int p = _k; p > 0; p--)
            {
                TVector b0 = TOps.Load(bp);
                c0 = TOps.FusedMultiplyAdd(TOps.Broadcast(a[0]), b0, c0);
                c1 = TOps.FusedMultiplyAdd(TOps.Broadcast(a[rsA]), b0, c1);
                c2 = TOps.FusedMultiplyAdd(TOps.Broadcast(a[2 * rsA]), b0, c2);
                c3 = TOps.FusedMultiplyAdd(TOps.Broadcast(a[3 * rsA]), b0, c3);
                c4 = TOps.FusedMultiplyAdd(TOps.Broadcast(a[4 * rsA]), b0, c4);
                c5 = TOps.FusedMultiplyAdd(TOps.Broadcast(a[5 * rsA]), b0, c5);
                c6 = TOps.FusedMultiplyAdd(TOps.Broadcast(a[6 * rsA]), b0, c6);
                c7 = TOps.FusedMultiplyAdd(TOps.Broadcast(a[7 * rsA]), b0, c7);
                a += csA;
                bp += ldb;
            }

            TOps.Store(c0, t);
            TOps.Store(c1, t + w);
            TOps.Store(c2, t + 2 * w);
            TOps.Store(c3, t + 3 * w);
            TOps.Store(c4, t + 4 * w);
            TOps.Store(c5, t + 5 * w);
            TOps.Store(c6, t + 6 * w);
            TOps.Store(c7, t + 7 * w);
        }

        /// <summary>Raw sums of row i × columns j..j+W into <paramref name="t"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Rows1x1(float* a, int j, float* t)
        {
            TVector c0 = TOps.Zero;
            float* bp = _b + j;
            nint csA = _csA;
            nint ldb = _ldb;
            for (int p = _k; p > 0; p--)
            {
                c0 = TOps.FusedMultiplyAdd(TOps.Broadcast(*a), TOps.Load(bp), c0);
                a += csA;
                bp += ldb;
            }

            TOps.Store(c0, t);
        }
    }
}
