using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

// Assumptions/contract (BLIS micro-kernel, see GemmPacking for the packed layouts):
//   a: packed micro-panel of op(A), kc columns of MR = 8 floats: a[p*8 + r] = op(A)[i0 + r, p0 + p].
//      More generally a[r*aRowStride + p*aStep]: (1, 8) for a packed panel, (1, lda) for Aᵀ read in place and
//      (lda, 1) for A read in place (GemmPackedDriver). Only the load addresses change, never the FMAs or their order.
//   b: packed micro-panel of op(B), kc rows of NR = 32 floats:    b[p*32 + j] = op(B)[p0 + p, j0 + j].
//   c: the full 8x32 tile of C, row-major with row stride ldc (in floats); no alignment is assumed,
//      the packed panels are 64-byte aligned by GemmWorkspace (aligned loads are not required, only faster).
//   kc >= 1. Computes C := alpha*A*B + beta*C as kc rank-1 updates held in registers; beta == 0 never reads C,
//   so C may hold NaN. Edge tiles are the caller's job (GemmPackedDriver writes them to a temporary).
// Registers: 16 zmm accumulators + 2 b vectors + broadcasts, well inside the 32 zmm registers.

/// <summary>AVX-512 micro-kernel: an 8×32 tile of C in sixteen Vector512 accumulators.</summary>
[SkipLocalsInit]
internal readonly unsafe struct GemmMicroKernel8x32 : IGemmMicroKernel
{
    /// <summary>Rows of the register tile.</summary>
    public static int MR => 8;

    /// <summary>Columns of the register tile: 2 × Vector512&lt;float&gt;.</summary>
    public static int NR => 32;

    /// <summary>Whether the hardware runs this kernel natively (Vector512 is accelerated (AVX-512F)).</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated;

    /// <inheritdoc cref="IGemmMicroKernel.Compute"/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(int kc, float* a, nint aRowStride, nint aStep, float* b, float* c, nint ldc, float alpha, float beta)
    {
        Vector512<float> c00 = default; Vector512<float> c01 = default;
        Vector512<float> c10 = default; Vector512<float> c11 = default;
        Vector512<float> c20 = default; Vector512<float> c21 = default;
        Vector512<float> c30 = default; Vector512<float> c31 = default;
        Vector512<float> c40 = default; Vector512<float> c41 = default;
        Vector512<float> c50 = default; Vector512<float> c51 = default;
        Vector512<float> c60 = default; Vector512<float> c61 = default;
        Vector512<float> c70 = default; Vector512<float> c71 = default;

        // Ask for the C tile now: its rows are read (β ≠ 0) or written only after the kc loop, by which time
        // they have arrived from L2/L3 instead of stalling the stores. First and last float of each row.
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(c + 0 * ldc);
            Sse.Prefetch0(c + 0 * ldc + 31);
            Sse.Prefetch0(c + 1 * ldc);
            Sse.Prefetch0(c + 1 * ldc + 31);
            Sse.Prefetch0(c + 2 * ldc);
            Sse.Prefetch0(c + 2 * ldc + 31);
            Sse.Prefetch0(c + 3 * ldc);
            Sse.Prefetch0(c + 3 * ldc + 31);
            Sse.Prefetch0(c + 4 * ldc);
            Sse.Prefetch0(c + 4 * ldc + 31);
            Sse.Prefetch0(c + 5 * ldc);
            Sse.Prefetch0(c + 5 * ldc + 31);
            Sse.Prefetch0(c + 6 * ldc);
            Sse.Prefetch0(c + 6 * ldc + 31);
            Sse.Prefetch0(c + 7 * ldc);
            Sse.Prefetch0(c + 7 * ldc + 31);
        }

        // One rank-1 update per p: the b row is loaded once and reused by all MR rows, each a(r) is
        // broadcast once and reused by all NR columns; the FMAs of one p are independent, which hides their latency.
        // The rows' addresses: a + r·aRowStride as base + index·4 (x86 scales 1, 2, 4, 8 only cover some r), kept in
        // registers across the loop; with aRowStride = 1 these are the packed panel's consecutive floats.
        nint rs1 = aRowStride;
        nint rs2 = 2 * aRowStride;
        nint rs3 = 3 * aRowStride;
        float* aHigh = a + 4 * aRowStride; // row 4
        for (; kc > 0; kc--)
        {
            Vector512<float> b0 = Vector512.Load(b + 0);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> a0 = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            Vector512<float> a1 = Vector512.Create(a[rs1]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            Vector512<float> a2 = Vector512.Create(a[rs2]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            Vector512<float> a3 = Vector512.Create(a[rs3]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            Vector512<float> a4 = Vector512.Create(aHigh[0]);
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            Vector512<float> a5 = Vector512.Create(aHigh[rs1]);
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            Vector512<float> a6 = Vector512.Create(aHigh[rs2]);
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
            Vector512<float> a7 = Vector512.Create(aHigh[rs3]);
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
            a += aStep;
            aHigh += aStep;
            b += 32;
        }

        Vector512<float> va = Vector512.Create(alpha);
        if (beta == 0f)
        {
            // beta == 0: C is write-only (it may hold NaN).
            Vector512.Store(c00 * va, c + 0 * ldc + 0);
            Vector512.Store(c01 * va, c + 0 * ldc + 16);
            Vector512.Store(c10 * va, c + 1 * ldc + 0);
            Vector512.Store(c11 * va, c + 1 * ldc + 16);
            Vector512.Store(c20 * va, c + 2 * ldc + 0);
            Vector512.Store(c21 * va, c + 2 * ldc + 16);
            Vector512.Store(c30 * va, c + 3 * ldc + 0);
            Vector512.Store(c31 * va, c + 3 * ldc + 16);
            Vector512.Store(c40 * va, c + 4 * ldc + 0);
            Vector512.Store(c41 * va, c + 4 * ldc + 16);
            Vector512.Store(c50 * va, c + 5 * ldc + 0);
            Vector512.Store(c51 * va, c + 5 * ldc + 16);
            Vector512.Store(c60 * va, c + 6 * ldc + 0);
            Vector512.Store(c61 * va, c + 6 * ldc + 16);
            Vector512.Store(c70 * va, c + 7 * ldc + 0);
            Vector512.Store(c71 * va, c + 7 * ldc + 16);
        }
        else if (beta == 1f)
        {
            // The usual case after the first kc block: accumulate into C with one rounding.
            Vector512.Store(Vector512.FusedMultiplyAdd(c00, va, Vector512.Load(c + 0 * ldc + 0)), c + 0 * ldc + 0);
            Vector512.Store(Vector512.FusedMultiplyAdd(c01, va, Vector512.Load(c + 0 * ldc + 16)), c + 0 * ldc + 16);
            Vector512.Store(Vector512.FusedMultiplyAdd(c10, va, Vector512.Load(c + 1 * ldc + 0)), c + 1 * ldc + 0);
            Vector512.Store(Vector512.FusedMultiplyAdd(c11, va, Vector512.Load(c + 1 * ldc + 16)), c + 1 * ldc + 16);
            Vector512.Store(Vector512.FusedMultiplyAdd(c20, va, Vector512.Load(c + 2 * ldc + 0)), c + 2 * ldc + 0);
            Vector512.Store(Vector512.FusedMultiplyAdd(c21, va, Vector512.Load(c + 2 * ldc + 16)), c + 2 * ldc + 16);
            Vector512.Store(Vector512.FusedMultiplyAdd(c30, va, Vector512.Load(c + 3 * ldc + 0)), c + 3 * ldc + 0);
            Vector512.Store(Vector512.FusedMultiplyAdd(c31, va, Vector512.Load(c + 3 * ldc + 16)), c + 3 * ldc + 16);
            Vector512.Store(Vector512.FusedMultiplyAdd(c40, va, Vector512.Load(c + 4 * ldc + 0)), c + 4 * ldc + 0);
            Vector512.Store(Vector512.FusedMultiplyAdd(c41, va, Vector512.Load(c + 4 * ldc + 16)), c + 4 * ldc + 16);
            Vector512.Store(Vector512.FusedMultiplyAdd(c50, va, Vector512.Load(c + 5 * ldc + 0)), c + 5 * ldc + 0);
            Vector512.Store(Vector512.FusedMultiplyAdd(c51, va, Vector512.Load(c + 5 * ldc + 16)), c + 5 * ldc + 16);
            Vector512.Store(Vector512.FusedMultiplyAdd(c60, va, Vector512.Load(c + 6 * ldc + 0)), c + 6 * ldc + 0);
            Vector512.Store(Vector512.FusedMultiplyAdd(c61, va, Vector512.Load(c + 6 * ldc + 16)), c + 6 * ldc + 16);
            Vector512.Store(Vector512.FusedMultiplyAdd(c70, va, Vector512.Load(c + 7 * ldc + 0)), c + 7 * ldc + 0);
            Vector512.Store(Vector512.FusedMultiplyAdd(c71, va, Vector512.Load(c + 7 * ldc + 16)), c + 7 * ldc + 16);
        }
        else
        {
            Vector512<float> vb = Vector512.Create(beta);
            Vector512.Store(Vector512.FusedMultiplyAdd(c00, va, Vector512.Load(c + 0 * ldc + 0) * vb), c + 0 * ldc + 0);
            Vector512.Store(Vector512.FusedMultiplyAdd(c01, va, Vector512.Load(c + 0 * ldc + 16) * vb), c + 0 * ldc + 16);
            Vector512.Store(Vector512.FusedMultiplyAdd(c10, va, Vector512.Load(c + 1 * ldc + 0) * vb), c + 1 * ldc + 0);
            Vector512.Store(Vector512.FusedMultiplyAdd(c11, va, Vector512.Load(c + 1 * ldc + 16) * vb), c + 1 * ldc + 16);
            Vector512.Store(Vector512.FusedMultiplyAdd(c20, va, Vector512.Load(c + 2 * ldc + 0) * vb), c + 2 * ldc + 0);
            Vector512.Store(Vector512.FusedMultiplyAdd(c21, va, Vector512.Load(c + 2 * ldc + 16) * vb), c + 2 * ldc + 16);
            Vector512.Store(Vector512.FusedMultiplyAdd(c30, va, Vector512.Load(c + 3 * ldc + 0) * vb), c + 3 * ldc + 0);
            Vector512.Store(Vector512.FusedMultiplyAdd(c31, va, Vector512.Load(c + 3 * ldc + 16) * vb), c + 3 * ldc + 16);
            Vector512.Store(Vector512.FusedMultiplyAdd(c40, va, Vector512.Load(c + 4 * ldc + 0) * vb), c + 4 * ldc + 0);
            Vector512.Store(Vector512.FusedMultiplyAdd(c41, va, Vector512.Load(c + 4 * ldc + 16) * vb), c + 4 * ldc + 16);
            Vector512.Store(Vector512.FusedMultiplyAdd(c50, va, Vector512.Load(c + 5 * ldc + 0) * vb), c + 5 * ldc + 0);
            Vector512.Store(Vector512.FusedMultiplyAdd(c51, va, Vector512.Load(c + 5 * ldc + 16) * vb), c + 5 * ldc + 16);
            Vector512.Store(Vector512.FusedMultiplyAdd(c60, va, Vector512.Load(c + 6 * ldc + 0) * vb), c + 6 * ldc + 0);
            Vector512.Store(Vector512.FusedMultiplyAdd(c61, va, Vector512.Load(c + 6 * ldc + 16) * vb), c + 6 * ldc + 16);
            Vector512.Store(Vector512.FusedMultiplyAdd(c70, va, Vector512.Load(c + 7 * ldc + 0) * vb), c + 7 * ldc + 0);
            Vector512.Store(Vector512.FusedMultiplyAdd(c71, va, Vector512.Load(c + 7 * ldc + 16) * vb), c + 7 * ldc + 16);
        }
    }
}
