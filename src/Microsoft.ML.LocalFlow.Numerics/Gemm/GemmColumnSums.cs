using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

// Assumptions: op(B)[p, j] lives at b + p·rs + j·cs (GemmArguments' strides; no alignment). The output s and the
// scratch totals are plain float arrays with unit stride that do not overlap B.
//
// The summation order (every path computes exactly this, so the bits depend on B only): the k rows of op(B) are cut
// into chunks of KC rows starting at p = 0 (the packed driver's rank-kc blocks). For each column j,
//     chunk sum  c_q[j] = (((+0 + op(B)[qKC, j]) + op(B)[qKC + 1, j]) + …)   in row order, in float,
//     total      t[j]   = (((+0 + c_0[j]) + c_1[j]) + …)                      in chunk order, in float,
//     result     s[j]   = α·t[j] (β = 0), fma(t[j], α, s[j]) (β = 1), fma(t[j], α, β·s[j]) (otherwise),
// the rounding of the micro-kernels' store. Each column is owned by exactly one part of the fixed partition and
// summed by it alone; a lane of a vector add is the same IEEE addition as a scalar one, so the vector width used
// for a column does not matter either. Chunking keeps the error of a long sum (k = 10000) near that of KC terms.

/// <summary>
/// Column sums of op(B) for <see cref="GemmEpilogue.ColumnSums"/>: the fused form used while the packed driver copies
/// B̃ micro-panels, and the separate sweep used where nothing packs op(B) (the unpacked nest, Bᵀ, a part without rows).
/// </summary>
[SkipLocalsInit]
internal static unsafe class GemmColumnSums
{
    /// <summary>
    /// Copies one full kc×<paramref name="width"/> micro-panel of B as stored (dst[p·width + j] = src[p·runStride + j])
    /// and adds its per-column chunk sum (rows summed in order from +0) to <paramref name="totals"/>[0..width).
    /// </summary>
    /// <param name="src">op(B)[p0, j0] with unit column stride.</param>
    /// <param name="runStride">Row stride of op(B).</param>
    /// <param name="kc">Rows of the chunk (one rank-kc block).</param>
    /// <param name="dst">The B̃ micro-panel.</param>
    /// <param name="width">NR of the kernel (a JIT-time constant after inlining: 32, 16 or 8).</param>
    /// <param name="totals">The running totals of the panel's columns.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CopyPanelAndSum(float* src, nint runStride, int kc, float* dst, int width, float* totals)
    {
        if (width == 32 && Vector512.IsHardwareAccelerated)
        {
            Vector512<float> s0 = Vector512<float>.Zero, s1 = Vector512<float>.Zero;
            for (int p = 0; p < kc; p++)
            {
                Vector512<float> x0 = Vector512.Load(src);
                Vector512<float> x1 = Vector512.Load(src + 16);
                x0.Store(dst);
                x1.Store(dst + 16);
                s0 += x0;
                s1 += x1;
                src += runStride;
                dst += 32;
            }

            (Vector512.Load(totals) + s0).Store(totals);
            (Vector512.Load(totals + 16) + s1).Store(totals + 16);
            return;
        }

        if (width == 16 && Vector512.IsHardwareAccelerated)
        {
            Vector512<float> s0 = Vector512<float>.Zero;
            for (int p = 0; p < kc; p++)
            {
                Vector512<float> x0 = Vector512.Load(src);
                x0.Store(dst);
                s0 += x0;
                src += runStride;
                dst += 16;
            }

            (Vector512.Load(totals) + s0).Store(totals);
            return;
        }

        if (width % 8 == 0 && width <= 32 && Vector256.IsHardwareAccelerated)
        {
            // 8, 16 or 32 columns as 1, 2 or 4 Vector256 (the AVX2 kernel's NR = 16 is the case that matters).
            Vector256<float> s0 = Vector256<float>.Zero, s1 = Vector256<float>.Zero;
            Vector256<float> s2 = Vector256<float>.Zero, s3 = Vector256<float>.Zero;
            for (int p = 0; p < kc; p++)
            {
                Vector256<float> x0 = Vector256.Load(src);
                x0.Store(dst);
                s0 += x0;
                if (width >= 16)
                {
                    Vector256<float> x1 = Vector256.Load(src + 8);
                    x1.Store(dst + 8);
                    s1 += x1;
                }

                if (width == 32)
                {
                    Vector256<float> x2 = Vector256.Load(src + 16);
                    Vector256<float> x3 = Vector256.Load(src + 24);
                    x2.Store(dst + 16);
                    x3.Store(dst + 24);
                    s2 += x2;
                    s3 += x3;
                }

                src += runStride;
                dst += width;
            }

            (Vector256.Load(totals) + s0).Store(totals);
            if (width >= 16)
            {
                (Vector256.Load(totals + 8) + s1).Store(totals + 8);
            }

            if (width == 32)
            {
                (Vector256.Load(totals + 16) + s2).Store(totals + 16);
                (Vector256.Load(totals + 24) + s3).Store(totals + 24);
            }

            return;
        }

        CopyPartialPanelAndSum(src, runStride, width, kc, dst, width, totals);
    }

    /// <summary>
    /// The scalar form of <see cref="CopyPanelAndSum"/> for a panel of which only <paramref name="count"/> columns are
    /// valid: copies them, zero-pads the panel to <paramref name="width"/>, and adds their chunk sums to totals.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void CopyPartialPanelAndSum(float* src, nint runStride, int count, int kc, float* dst, int width, float* totals)
    {
        float* chunk = stackalloc float[width];
        new Span<float>(chunk, width).Clear();
        for (int p = 0; p < kc; p++)
        {
            float* s = src + p * runStride;
            float* d = dst + p * width;
            int j = 0;
            for (; j < count; j++)
            {
                float v = s[j];
                d[j] = v;
                chunk[j] += v;
            }

            for (; j < width; j++)
            {
                d[j] = 0f;
            }
        }

        for (int j = 0; j < count; j++)
        {
            totals[j] += chunk[j];
        }
    }

    /// <summary>
    /// The separate sweep: s[j] for j in [j0, j1) from op(B) (k rows) in the fixed order, then merged with α and β.
    /// </summary>
    /// <param name="b">op(B)[0, 0].</param>
    /// <param name="rs">Row stride of op(B).</param>
    /// <param name="cs">Column stride of op(B).</param>
    /// <param name="k">Rows of op(B); at least 0.</param>
    /// <param name="j0">First column.</param>
    /// <param name="j1">End (exclusive) column.</param>
    /// <param name="alpha">α.</param>
    /// <param name="beta">β (0: s is not read).</param>
    /// <param name="sums">s, indexed by column.</param>
    /// <param name="workspace">Scratch for the running totals.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sweep(float* b, nint rs, nint cs, int k, int j0, int j1, float alpha, float beta, float* sums,
        GemmWorkspace workspace)
    {
        int count = j1 - j0;
        if (count <= 0)
        {
            return;
        }

        float* totals = workspace.ColumnTotals(count);
        new Span<float>(totals, count).Clear();
        int kcBlock = GemmBlockSizes.KC;
        for (int pc = 0; pc < k; pc += kcBlock)
        {
            int kc = Math.Min(kcBlock, k - pc);
            float* chunk = b + pc * rs + j0 * cs;
            if (cs == 1)
            {
                SweepRows(chunk, rs, kc, count, totals);
            }
            else
            {
                // Bᵀ: each column of op(B) is contiguous; one scalar chain per column.
                for (int j = 0; j < count; j++)
                {
                    float* column = chunk + j * cs;
                    float s = 0f;
                    for (int p = 0; p < kc; p++)
                    {
                        s += column[p * rs];
                    }

                    totals[j] += s;
                }
            }
        }

        Merge(totals, sums + j0, count, alpha, beta);
    }

    /// <summary>totals[j] += the in-order sum of the kc rows of src[·, j], j &lt; count (unit column stride).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SweepRows(float* src, nint rs, int kc, int count, float* totals)
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 16 <= count; j += 16)
            {
                Vector512<float> s = Vector512<float>.Zero;
                float* x = src + j;
                for (int p = 0; p < kc; p++)
                {
                    s += Vector512.Load(x);
                    x += rs;
                }

                (Vector512.Load(totals + j) + s).Store(totals + j);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 8 <= count; j += 8)
            {
                Vector256<float> s = Vector256<float>.Zero;
                float* x = src + j;
                for (int p = 0; p < kc; p++)
                {
                    s += Vector256.Load(x);
                    x += rs;
                }

                (Vector256.Load(totals + j) + s).Store(totals + j);
            }
        }

        for (; j + 4 <= count; j += 4)
        {
            Vector128<float> s = Vector128<float>.Zero;
            float* x = src + j;
            for (int p = 0; p < kc; p++)
            {
                s += Vector128.Load(x);
                x += rs;
            }

            (Vector128.Load(totals + j) + s).Store(totals + j);
        }

        // Up to three columns left (the MLP's 2-wide output layer lands here): independent chains side by side.
        int left = count - j;
        if (left > 0)
        {
            float s0 = 0f, s1 = 0f, s2 = 0f;
            float* x = src + j;
            for (int p = 0; p < kc; p++)
            {
                s0 += x[0];
                if (left > 1)
                {
                    s1 += x[1];
                }

                if (left > 2)
                {
                    s2 += x[2];
                }

                x += rs;
            }

            totals[j] += s0;
            if (left > 1)
            {
                totals[j + 1] += s1;
            }

            if (left > 2)
            {
                totals[j + 2] += s2;
            }
        }
    }

    /// <summary>s[j] = α·t[j] + β·s[j] for j &lt; count, rounded like the micro-kernels' store (β = 0: s not read).</summary>
    public static void Merge(float* totals, float* sums, int count, float alpha, float beta)
    {
        for (int j = 0; j < count; j++)
        {
            sums[j] = beta == 0f ? totals[j] * alpha
                : beta == 1f ? MathF.FusedMultiplyAdd(totals[j], alpha, sums[j])
                : MathF.FusedMultiplyAdd(totals[j], alpha, sums[j] * beta);
        }
    }

    /// <summary>s[j] = β·s[j] for j &lt; count (k = 0 or α = 0; β = 0 writes zeros without reading s).</summary>
    public static void Scale(float* sums, int count, float beta)
    {
        for (int j = 0; j < count; j++)
        {
            sums[j] = beta == 0f ? 0f : sums[j] * beta;
        }
    }
}
