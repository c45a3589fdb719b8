using System.Runtime.CompilerServices;

namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

// Assumptions (BLIS gemm_blk_var + ker_var2): GemmArguments holds validated, pinned operands with m, n, k ≥ 1.
// The caller hands this driver the sub-block C[m0..m1, n0..n1] of one part; m0 is a multiple of MR and n0 of NR
// (GemmPartition), so every part tiles C exactly as a single thread would and the tiles' bits never depend on the
// thread count. Packed panels come from the part's own GemmWorkspace, 64-byte aligned. C has no alignment.
// The full A micro-panels are read straight from A instead of packed (GemmAPanels, ChooseAPanels) for op(A) = Aᵀ with
// short n (each p's MR values contiguous, stride lda between p) and for op(A) = A with a short leading dimension (each
// row contiguous along p, stride lda between rows); no alignment there. A partial last panel is still packed and
// zero-padded, so no read goes past row m of op(A). The micro-kernel's FMAs are the same either way, so are the bits.
// An epilogue (GemmArguments.Epilogue) runs only in the last kc block; there the tiles are visited row band by row
// band (ir outer, jr inner) and the epilogue runs on each finished MR×nc band, so every element of C gets it exactly
// once, after α and β. The tile order does not change any tile's bits (each is one micro-kernel call).
// Column sums of op(B) (GemmEpilogue.ColumnSums), when the caller passes this part a non-empty owned range
// [sumFrom, sumTo) ⊆ [n0, n1) (sumFrom a multiple of NR, B stored row-major): each owned B̃ micro-panel adds its
// chunk sums while it is copied (GemmColumnSums), into running totals in the workspace, merged into s after the
// last kc block of each jc block. B̃ itself is unchanged, so the product's bits are too.

/// <summary>
/// The five BLIS loops around a micro-kernel: jc (NC) → pc (KC) → pack B̃ → ic (MC) → pack Ã → jr (NR) → ir (MR).
/// </summary>
/// <typeparam name="TKernel">The micro-kernel; a struct, so the JIT emits one specialized copy per kernel.</typeparam>
[SkipLocalsInit]
internal static unsafe class GemmPackedDriver<TKernel>
    where TKernel : struct, IGemmMicroKernel
{
    /// <summary>Largest MR·NR of any kernel, for the edge-tile temporary.</summary>
    private const int MaxTileFloats = 512;

    /// <summary>Computes C[m0..m1, n0..n1] = α·op(A)[m0..m1, :]·op(B)[:, n0..n1] + β·C[m0..m1, n0..n1].</summary>
    /// <param name="args">The whole call.</param>
    /// <param name="m0">First row of the part.</param>
    /// <param name="m1">End (exclusive) row of the part.</param>
    /// <param name="n0">First column of the part.</param>
    /// <param name="n1">End (exclusive) column of the part.</param>
    /// <param name="workspace">The part's packing buffers.</param>
    /// <param name="aPanels">Where the full micro-panels of op(A) come from (<see cref="ChooseAPanels"/>).</param>
    /// <param name="sumFrom">First column whose sum of op(B) this part takes while packing (a multiple of NR).</param>
    /// <param name="sumTo">End (exclusive) of those columns; equal to <paramref name="sumFrom"/> for none.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmArguments args, int m0, int m1, int n0, int n1, GemmWorkspace workspace,
        GemmAPanels aPanels, int sumFrom = 0, int sumTo = 0)
    {
        int mr = TKernel.MR;
        int nr = TKernel.NR;
        int mcBlock = GemmBlockSizes.MC / mr * mr;
        int ncBlock = GemmBlockSizes.NC / nr * nr;
        int kcBlock = GemmBlockSizes.KC;
        int k = args.K;

        int mcMax = Math.Min(mcBlock, m1 - m0);
        int ncMax = Math.Min(ncBlock, n1 - n0);
        int kcMax = Math.Min(kcBlock, k);
        float* packedA = workspace.PackedA(RoundUp(mcMax, mr) * kcMax);
        float* packedB = workspace.PackedB(RoundUp(ncMax, nr) * kcMax);

        // The edge-tile temporary: one full tile, 64-byte aligned, allocated once per call on the stack.
        float* tileBuffer = stackalloc float[MaxTileFloats + 16];
        float* tile = (float*)(((nuint)tileBuffer + 63) & ~(nuint)63);
        float* totals = sumFrom < sumTo ? workspace.ColumnTotals(RoundUp(ncMax, nr)) : null;

        for (int jc = n0; jc < n1; jc += ncBlock)
        {
            int nc = Math.Min(ncBlock, n1 - jc);

            // The owned columns of this jc block, relative to jc (panel-aligned at the start).
            int s0 = Math.Clamp(sumFrom - jc, 0, nc);
            int s1 = Math.Clamp(sumTo - jc, 0, nc);
            float* blockTotals = s0 < s1 ? totals : null;
            if (blockTotals != null)
            {
                new Span<float>(blockTotals + s0, s1 - s0).Clear();
            }

            for (int pc = 0; pc < k; pc += kcBlock)
            {
                int kc = Math.Min(kcBlock, k - pc);

                // Only the first rank-kc update applies β; later ones accumulate into the C they left. The epilogue
                // runs on the last one, on each tile right after its final store, while the tile is still in L1.
                float beta = pc == 0 ? args.Beta : 1f;
                bool epilogue = pc + kc >= k && args.Epilogue.Kind != GemmEpilogueKind.None;
                GemmPacking.PackB<TKernel>(args.B + pc * args.RowStrideB + jc * args.ColStrideB,
                    args.RowStrideB, args.ColStrideB, kc, nc, packedB, blockTotals, s0, s1);
                for (int ic = m0; ic < m1; ic += mcBlock)
                {
                    int mc = Math.Min(mcBlock, m1 - ic);
                    float* aBlock = args.A + ic * args.RowStrideA + pc * args.ColStrideA;
                    int fullRows = mc / mr * mr;
                    if (aPanels != GemmAPanels.Packed)
                    {
                        // Full micro-panels are read from A itself (row stride RowStrideA, p-stride ColStrideA); only
                        // a partial last one is packed (zero-padded).
                        if (fullRows < mc)
                        {
                            GemmPacking.PackA<TKernel>(aBlock + fullRows * args.RowStrideA, args.RowStrideA, args.ColStrideA,
                                mc - fullRows, kc, packedA);
                        }

                        MacroKernel(kc, mc, nc, aBlock, args.RowStrideA, args.ColStrideA, mr * args.RowStrideA, packedA,
                            packedB, args.C + ic * args.Ldc + jc, args.Ldc, args.Alpha, beta, tile, epilogue, args.Epilogue,
                            ic, jc);
                    }
                    else
                    {
                        GemmPacking.PackA<TKernel>(aBlock, args.RowStrideA, args.ColStrideA, mc, kc, packedA);
                        MacroKernel(kc, mc, nc, packedA, 1, mr, (nint)mr * kc, packedA + fullRows * kc, packedB,
                            args.C + ic * args.Ldc + jc, args.Ldc, args.Alpha, beta, tile, epilogue, args.Epilogue, ic, jc);
                    }
                }
            }

            if (blockTotals != null)
            {
                GemmColumnSums.Merge(blockTotals + s0, args.Epilogue.ColumnSums + jc + s0, s1 - s0, args.Alpha, args.Beta);
            }
        }
    }

    /// <summary>
    /// Where the full micro-panels of op(A) come from. <see cref="GemmAlgorithm.PackedCopyA"/> and
    /// <see cref="GemmAlgorithm.PackedInPlaceA"/> force Ã or in place; otherwise:
    /// <list type="bullet">
    /// <item>op(A) = Aᵀ is read in place when n ≤ <see cref="GemmBlockSizes.InPlaceATransposeMaxN"/> (each panel is
    /// re-read from L2 only n/NR times) and lda ≤ <see cref="GemmBlockSizes.InPlaceATransposeMaxLda"/> (the strided
    /// panel does not alias a few L2 sets): the weight gradient Xᵀ·dY, whose m (input features) is short and k (the
    /// batch) long, where packing Ã costs as much as the rank-kc update it feeds;</item>
    /// <item>op(A) = A is read in place when lda ≤ <see cref="GemmBlockSizes.InPlaceAMaxLda"/>: the MLP's forward
    /// H·W and backward dZ·Wᵀ with layers up to 512 wide, where each MC×KC block of A is already a row-major block of
    /// (about) Ã's size and packing only copies it.</item>
    /// </list>
    /// </summary>
    public static GemmAPanels ChooseAPanels(in GemmArguments args, GemmAlgorithm algorithm)
    {
        bool transposed = args.OpA == MatrixOp.Transpose;
        return algorithm switch
        {
            GemmAlgorithm.PackedCopyA => GemmAPanels.Packed,
            GemmAlgorithm.PackedInPlaceA => transposed ? GemmAPanels.TransposedInPlace : GemmAPanels.InPlace,
            _ when transposed => args.N <= GemmBlockSizes.InPlaceATransposeMaxN
                && args.ColStrideA <= GemmBlockSizes.InPlaceATransposeMaxLda
                    ? GemmAPanels.TransposedInPlace : GemmAPanels.Packed,
            _ => args.RowStrideA <= GemmBlockSizes.InPlaceAMaxLda ? GemmAPanels.InPlace : GemmAPanels.Packed,
        };
    }

    /// <summary>
    /// The jr and ir loops: every MR×NR tile of the mc×nc block of C (whose top-left is C[row0, col0]), from the A
    /// micro-panels and packed B̃; when <paramref name="applyEpilogue"/>, each finished MR-row band then gets
    /// <paramref name="epilogue"/>. Full A micro-panel q starts at aFull + q·aPanelStride, with
    /// <paramref name="aRowStride"/> floats between its rows and <paramref name="aStep"/> between its p (packed: MR·kc,
    /// 1, MR; Aᵀ in place: MR, 1, lda; A in place: MR·lda, lda, 1); a partial last panel is always packed, at
    /// <paramref name="aEdge"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MacroKernel(int kc, int mc, int nc, float* aFull, nint aRowStride, nint aStep, nint aPanelStride, float* aEdge,
        float* packedB, float* c, nint ldc, float alpha, float beta, float* tile, bool applyEpilogue,
        in GemmEpiloguePointers epilogue, int row0, int col0)
    {
        int mr = TKernel.MR;
        int nr = TKernel.NR;
        if (applyEpilogue)
        {
            // With an epilogue, row bands first: all tiles of an MR-row band (A's micro-panel stays in L1, B̃ streams
            // from L2), then the epilogue over the whole band, nc contiguous floats per row, so its operand (the
            // activations) is read in row order and C is re-read from L1. Measured faster than the BLIS order with
            // a per-tile epilogue, which reads the operand in 128-byte pieces (docs/perf/nn.md).
            for (int ir = 0; ir < mc; ir += mr)
            {
                int rows = Math.Min(mr, mc - ir);
                float* aPanel = rows == mr ? aFull + ir / mr * aPanelStride : aEdge;
                nint rowStride = rows == mr ? aRowStride : 1;
                nint step = rows == mr ? aStep : mr;
                GemmEpilogueKernels.Prefetch(epilogue, ldc, row0 + ir, col0, rows, nc);
                for (int jr = 0; jr < nc; jr += nr)
                {
                    int cols = Math.Min(nr, nc - jr);
                    float* cTile = c + ir * ldc + jr;
                    if (rows == mr && cols == nr)
                    {
                        TKernel.Compute(kc, aPanel, rowStride, step, packedB + jr * kc, cTile, ldc, alpha, beta);
                    }
                    else
                    {
                        TKernel.Compute(kc, aPanel, rowStride, step, packedB + jr * kc, tile, nr, 1f, 0f);
                        MergeEdge(tile, nr, cTile, ldc, rows, cols, alpha, beta);
                    }
                }

                GemmEpilogueKernels.Apply(epilogue, c + ir * ldc, ldc, row0 + ir, col0, rows, nc);
            }

            return;
        }

        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            float* bPanel = packedB + jr * kc;
            for (int ir = 0; ir < mc; ir += mr)
            {
                int rows = Math.Min(mr, mc - ir);
                float* aPanel = rows == mr ? aFull + ir / mr * aPanelStride : aEdge;
                nint rowStride = rows == mr ? aRowStride : 1;
                nint step = rows == mr ? aStep : mr;
                float* cTile = c + ir * ldc + jr;
                if (rows == mr && cols == nr)
                {
                    TKernel.Compute(kc, aPanel, rowStride, step, bPanel, cTile, ldc, alpha, beta);
                }
                else
                {
                    // Edge tile: the full kernel writes the raw sums (α = 1, β = 0) to the temporary, then only the
                    // valid rows × cols are merged, with the kernel's own formula so the bits match a full tile.
                    TKernel.Compute(kc, aPanel, rowStride, step, bPanel, tile, nr, 1f, 0f);
                    MergeEdge(tile, nr, cTile, ldc, rows, cols, alpha, beta);
                }
            }
        }
    }

    /// <summary>c = α·t + β·c over rows × cols, rounding exactly like the micro-kernels' store.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MergeEdge(float* t, nint ldt, float* c, nint ldc, int rows, int cols, float alpha, float beta)
    {
        for (int i = 0; i < rows; i++)
        {
            float* ti = t + i * ldt;
            float* ci = c + i * ldc;
            if (beta == 0f)
            {
                for (int j = 0; j < cols; j++)
                {
                    ci[j] = ti[j] * alpha;
                }
            }
            else if (beta == 1f)
            {
                for (int j = 0; j < cols; j++)
                {
                    ci[j] = MathF.FusedMultiplyAdd(ti[j], alpha, ci[j]);
                }
            }
            else
            {
                for (int j = 0; j < cols; j++)
                {
                    ci[j] = MathF.FusedMultiplyAdd(ti[j], alpha, ci[j] * beta);
                }
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
