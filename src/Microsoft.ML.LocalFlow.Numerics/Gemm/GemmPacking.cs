using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

// Assumptions/packed layouts (BLIS packm):
//   Source: op(X)[row, col] lives at src + row*rs + col*cs, with (rs, cs) = (ld, 1) for X as stored and (1, ld)
//           for Xᵀ (GemmArguments). src points at the block's top-left element. No alignment is assumed.
//   Ã (PackA): ceil(mc/MR) micro-panels, one after the other, each MR×kc "column-major":
//           Ã[panel*MR*kc + p*MR + r] = op(A)[panel*MR + r, p]. Rows past mc are zero.
//   B̃ (PackB): ceil(nc/NR) micro-panels, each kc×NR row-major:
//           B̃[panel*NR*kc + p*NR + j] = op(B)[p, panel*NR + j]. Columns past nc are zero.
//   So the micro-kernel reads both panels strictly sequentially, MR and NR floats per step of p. Zero padding lets
//   edge tiles run the full kernel without reading past the source (and without NaN garbage in the temporary).
//   dst is 64-byte aligned (GemmWorkspace); MR*kc and NR*kc are multiples of 4 floats, not necessarily of 16.

/// <summary>Packs blocks of op(A) and op(B) into the micro-panel layouts the micro-kernels read.</summary>
[SkipLocalsInit]
internal static unsafe class GemmPacking
{
    /// <summary>Packs the mc×kc block of op(A) at <paramref name="src"/> into MR-row micro-panels.</summary>
    /// <typeparam name="TKernel">The micro-kernel whose MR sets the panel width.</typeparam>
    /// <param name="src">op(A)[i0, p0].</param>
    /// <param name="rs">Row stride of op(A).</param>
    /// <param name="cs">Column stride of op(A).</param>
    /// <param name="mc">Rows of the block.</param>
    /// <param name="kc">Columns of the block.</param>
    /// <param name="dst">Ã, room for ceil(mc/MR)·MR·kc floats.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA<TKernel>(float* src, nint rs, nint cs, int mc, int kc, float* dst)
        where TKernel : struct, IGemmMicroKernel
    {
        int mr = TKernel.MR;
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            float* panel = src + ir * rs;
            if (cs == 1)
            {
                // A as stored: each row of the panel is contiguous along p; transpose it into the panel.
                TransposeInto(panel, rs, rows, kc, dst, mr);
            }
            else
            {
                // Aᵀ: for each p the MR values are contiguous in memory (rs == 1): a straight copy.
                CopyRuns(panel, cs, rows, kc, dst, mr);
            }

            dst += mr * kc;
        }
    }

    /// <summary>Packs the kc×nc block of op(B) at <paramref name="src"/> into NR-column micro-panels.</summary>
    /// <typeparam name="TKernel">The micro-kernel whose NR sets the panel width.</typeparam>
    /// <param name="src">op(B)[p0, j0].</param>
    /// <param name="rs">Row stride of op(B).</param>
    /// <param name="cs">Column stride of op(B).</param>
    /// <param name="kc">Rows of the block.</param>
    /// <param name="nc">Columns of the block.</param>
    /// <param name="dst">B̃, room for ceil(nc/NR)·NR·kc floats.</param>
    /// <param name="totals">Null, or running column sums of the block's columns: for columns in
    /// [<paramref name="sumFrom"/>, <paramref name="sumTo"/>) (sumFrom a multiple of NR; only with cs = 1), the
    /// block's in-order chunk sums are added to totals[j] while the panels are copied (<see cref="GemmColumnSums"/>).</param>
    /// <param name="sumFrom">First summed column, relative to the block.</param>
    /// <param name="sumTo">End (exclusive) of the summed columns, relative to the block.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB<TKernel>(float* src, nint rs, nint cs, int kc, int nc, float* dst,
        float* totals = null, int sumFrom = 0, int sumTo = 0)
        where TKernel : struct, IGemmMicroKernel
    {
        int nr = TKernel.NR;
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            float* panel = src + jr * cs;
            if (totals != null && cs == 1 && jr >= sumFrom && jr < sumTo)
            {
                // An owned panel: copied and summed in one read (sumTo is either panel-aligned or nc).
                if (cols == nr)
                {
                    GemmColumnSums.CopyPanelAndSum(panel, rs, kc, dst, nr, totals + jr);
                }
                else
                {
                    GemmColumnSums.CopyPartialPanelAndSum(panel, rs, cols, kc, dst, nr, totals + jr);
                }
            }
            else if (cs == 1)
            {
                // B as stored: each p is a contiguous run of NR floats: a straight copy.
                CopyRuns(panel, rs, cols, kc, dst, nr);
            }
            else
            {
                // Bᵀ: each column of the panel is contiguous along p; transpose it into the panel.
                TransposeInto(panel, cs, cols, kc, dst, nr);
            }

            dst += nr * kc;
        }
    }

    /// <summary>
    /// dst[p*width + r] = src[r*lineStride + p] for r &lt; lines, 0 for lines ≤ r &lt; width; p &lt; kc.
    /// </summary>
    /// <remarks>
    /// Four source lines at a time, 4 p at a time: 4×Vector128 loads, an in-register 4×4 transpose, 4 stores.
    /// That keeps the reads sequential per line and the writes within one panel (which stays in L1).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposeInto(float* src, nint lineStride, int lines, int kc, float* dst, int width)
    {
        int r = 0;
        for (; r + 4 <= lines; r += 4)
        {
            float* s0 = src + r * lineStride;
            float* s1 = s0 + lineStride;
            float* s2 = s1 + lineStride;
            float* s3 = s2 + lineStride;
            float* d = dst + r;
            int p = 0;
            for (; p + 4 <= kc; p += 4)
            {
                var x0 = Vector128.Load(s0 + p);
                var x1 = Vector128.Load(s1 + p);
                var x2 = Vector128.Load(s2 + p);
                var x3 = Vector128.Load(s3 + p);
                Transpose4x4(ref x0, ref x1, ref x2, ref x3);
                x0.Store(d + (p + 0) * width);
                x1.Store(d + (p + 1) * width);
                x2.Store(d + (p + 2) * width);
                x3.Store(d + (p + 3) * width);
            }

            for (; p < kc; p++)
            {
                float* dp = d + p * width;
                dp[0] = s0[p];
                dp[1] = s1[p];
                dp[2] = s2[p];
                dp[3] = s3[p];
            }
        }

        for (; r < lines; r++)
        {
            float* s = src + r * lineStride;
            float* d = dst + r;
            for (int p = 0; p < kc; p++)
            {
                d[p * width] = s[p];
            }
        }

        for (; r < width; r++)
        {
            float* d = dst + r;
            for (int p = 0; p < kc; p++)
            {
                d[p * width] = 0f;
            }
        }
    }

    /// <summary>dst[p*width + j] = src[p*runStride + j] for j &lt; count, 0 for count ≤ j &lt; width; p &lt; kc.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRuns(float* src, nint runStride, int count, int kc, float* dst, int width)
    {
        if (count == width)
        {
            for (int p = 0; p < kc; p++)
            {
                // width is a JIT-time constant (MR or NR of a struct kernel), so this unrolls to vector moves.
                Unsafe.CopyBlockUnaligned(dst + p * width, src + p * runStride, (uint)(width * sizeof(float)));
            }

            return;
        }

        for (int p = 0; p < kc; p++)
        {
            float* s = src + p * runStride;
            float* d = dst + p * width;
            int j = 0;
            for (; j < count; j++)
            {
                d[j] = s[j];
            }

            for (; j < width; j++)
            {
                d[j] = 0f;
            }
        }
    }

    /// <summary>In-register transpose of a 4×4 block of floats held as four rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(
        ref Vector128<float> x0, ref Vector128<float> x1,
        ref Vector128<float> x2, ref Vector128<float> x3)
    {
        // Two rounds of interleaving: (x0 x1), (x2 x3) by element, then the results by pairs of elements.
        var t0 = UnpackLow(x0, x1);   // a0 b0 a1 b1
        var t1 = UnpackHigh(x0, x1);  // a2 b2 a3 b3
        var t2 = UnpackLow(x2, x3);   // c0 d0 c1 d1
        var t3 = UnpackHigh(x2, x3);  // c2 d2 c3 d3
        x0 = Vector128.Create(t0.GetLower(), t2.GetLower());  // a0 b0 c0 d0
        x1 = Vector128.Create(t0.GetUpper(), t2.GetUpper());  // a1 b1 c1 d1
        x2 = Vector128.Create(t1.GetLower(), t3.GetLower());  // a2 b2 c2 d2
        x3 = Vector128.Create(t1.GetUpper(), t3.GetUpper());  // a3 b3 c3 d3
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> UnpackLow(
        Vector128<float> x, Vector128<float> y)
    {
        if (Sse.IsSupported)
        {
            return Sse.UnpackLow(x, y);
        }

        return Vector128.Create(x.GetElement(0), y.GetElement(0), x.GetElement(1), y.GetElement(1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> UnpackHigh(
        Vector128<float> x, Vector128<float> y)
    {
        if (Sse.IsSupported)
        {
            return Sse.UnpackHigh(x, y);
        }

        return Vector128.Create(x.GetElement(2), y.GetElement(2), x.GetElement(3), y.GetElement(3));
    }
}
