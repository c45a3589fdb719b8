using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

// Assumptions/contract (BLIS micro-kernel, see GemmPacking for the packed layouts):
//   a: packed micro-panel of op(A), kc columns of MR = 6 floats: a[p*6 + r] = op(A)[i0 + r, p0 + p].
//      More generally a[r*aRowStride + p*aStep]: (1, 6) for a packed panel, (1, lda) for Aᵀ read in place and
//      (lda, 1) for A read in place (GemmPackedDriver). Only the load addresses change, never the FMAs or their order.
//   b: packed micro-panel of op(B), kc rows of NR = 16 floats:    b[p*16 + j] = op(B)[p0 + p, j0 + j].
//   c: the full 6x16 tile of C, row-major with row stride ldc (in floats); no alignment is assumed,
//      the packed panels are 64-byte aligned by GemmWorkspace (aligned loads are not required, only faster).
//   kc >= 1. Computes C := alpha*A*B + beta*C as kc rank-1 updates held in registers; beta == 0 never reads C,
//   so C may hold NaN. Edge tiles are the caller's job (GemmPackedDriver writes them to a temporary).
// Registers: 12 ymm accumulators + 2 b vectors + 1 broadcast = 15 of AVX2's 16 ymm registers; 12 independent FMAs per p cover
//   2 FMA pipes x 4 cycles latency (8 in flight) with room to spare.

/// <summary>AVX2 + FMA micro-kernel: a 6×16 tile of C in twelve Vector256 accumulators.</summary>
[SkipLocalsInit]
internal readonly unsafe struct GemmMicroKernel6x16 : IGemmMicroKernel
{
    /// <summary>Rows of the register tile.</summary>
    public static int MR => 6;

    /// <summary>Columns of the register tile: 2 × Vector256&lt;float&gt;.</summary>
    public static int NR => 16;

    /// <summary>Whether the hardware runs this kernel natively (Vector256 is accelerated; the dispatcher also requires FMA).</summary>
    public static bool IsSupported => Vector256.IsHardwareAccelerated;

    /// <inheritdoc cref="IGemmMicroKernel.Compute"/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(int kc, float* a, nint aRowStride, nint aStep, float* b, float* c, nint ldc, float alpha, float beta)
    {
        Vector256<float> c00 = default; Vector256<float> c01 = default;
        Vector256<float> c10 = default; Vector256<float> c11 = default;
        Vector256<float> c20 = default; Vector256<float> c21 = default;
        Vector256<float> c30 = default; Vector256<float> c31 = default;
        Vector256<float> c40 = default; Vector256<float> c41 = default;
        Vector256<float> c50 = default; Vector256<float> c51 = default;

        // Ask for the C tile now: its rows are read (β ≠ 0) or written only after the kc loop, by which time
        // they have arrived from L2/L3 instead of stalling the stores. First and last float of each row.
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(c + 0 * ldc);
            Sse.Prefetch0(c + 0 * ldc + 15);
            Sse.Prefetch0(c + 1 * ldc);
            Sse.Prefetch0(c + 1 * ldc + 15);
            Sse.Prefetch0(c + 2 * ldc);
            Sse.Prefetch0(c + 2 * ldc + 15);
            Sse.Prefetch0(c + 3 * ldc);
            Sse.Prefetch0(c + 3 * ldc + 15);
            Sse.Prefetch0(c + 4 * ldc);
            Sse.Prefetch0(c + 4 * ldc + 15);
            Sse.Prefetch0(c + 5 * ldc);
            Sse.Prefetch0(c + 5 * ldc + 15);
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
            Vector256<float> b0 = Vector256.Load(b + 0);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> a0 = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            Vector256<float> a1 = Vector256.Create(a[rs1]);
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            Vector256<float> a2 = Vector256.Create(a[rs2]);
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            Vector256<float> a3 = Vector256.Create(a[rs3]);
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
            Vector256<float> a4 = Vector256.Create(aHigh[0]);
            c40 = Vector256.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(a4, b1, c41);
            Vector256<float> a5 = Vector256.Create(aHigh[rs1]);
            c50 = Vector256.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(a5, b1, c51);
            a += aStep;
            aHigh += aStep;
            b += 16;
        }

        Vector256<float> va = Vector256.Create(alpha);
        if (beta == 0f)
        {
            // beta == 0: C is write-only (it may hold NaN).
            Vector256.Store(c00 * va, c + 0 * ldc + 0);
            Vector256.Store(c01 * va, c + 0 * ldc + 8);
            Vector256.Store(c10 * va, c + 1 * ldc + 0);
            Vector256.Store(c11 * va, c + 1 * ldc + 8);
            Vector256.Store(c20 * va, c + 2 * ldc + 0);
            Vector256.Store(c21 * va, c + 2 * ldc + 8);
            Vector256.Store(c30 * va, c + 3 * ldc + 0);
            Vector256.Store(c31 * va, c + 3 * ldc + 8);
            Vector256.Store(c40 * va, c + 4 * ldc + 0);
            Vector256.Store(c41 * va, c + 4 * ldc + 8);
            Vector256.Store(c50 * va, c + 5 * ldc + 0);
            Vector256.Store(c51 * va, c + 5 * ldc + 8);
        }
        else if (beta == 1f)
        {
            // The usual case after the first kc block: accumulate into C with one rounding.
            Vector256.Store(Vector256.FusedMultiplyAdd(c00, va, Vector256.Load(c + 0 * ldc + 0)), c + 0 * ldc + 0);
            Vector256.Store(Vector256.FusedMultiplyAdd(c01, va, Vector256.Load(c + 0 * ldc + 8)), c + 0 * ldc + 8);
            Vector256.Store(Vector256.FusedMultiplyAdd(c10, va, Vector256.Load(c + 1 * ldc + 0)), c + 1 * ldc + 0);
            Vector256.Store(Vector256.FusedMultiplyAdd(c11, va, Vector256.Load(c + 1 * ldc + 8)), c + 1 * ldc + 8);
            Vector256.Store(Vector256.FusedMultiplyAdd(c20, va, Vector256.Load(c + 2 * ldc + 0)), c + 2 * ldc + 0);
            Vector256.Store(Vector256.FusedMultiplyAdd(c21, va, Vector256.Load(c + 2 * ldc + 8)), c + 2 * ldc + 8);
            Vector256.Store(Vector256.FusedMultiplyAdd(c30, va, Vector256.Load(c + 3 * ldc + 0)), c + 3 * ldc + 0);
            Vector256.Store(Vector256.FusedMultiplyAdd(c31, va, Vector256.Load(c + 3 * ldc + 8)), c + 3 * ldc + 8);
            Vector256.Store(Vector256.FusedMultiplyAdd(c40, va, Vector256.Load(c + 4 * ldc + 0)), c + 4 * ldc + 0);
            Vector256.Store(Vector256.FusedMultiplyAdd(c41, va, Vector256.Load(c + 4 * ldc + 8)), c + 4 * ldc + 8);
            Vector256.Store(Vector256.FusedMultiplyAdd(c50, va, Vector256.Load(c + 5 * ldc + 0)), c + 5 * ldc + 0);
            Vector256.Store(Vector256.FusedMultiplyAdd(c51, va, Vector256.Load(c + 5 * ldc + 8)), c + 5 * ldc + 8);
        }
        else
        {
            Vector256<float> vb = Vector256.Create(beta);
            Vector256.Store(Vector256.FusedMultiplyAdd(c00, va, Vector256.Load(c + 0 * ldc + 0) * vb), c + 0 * ldc + 0);
            Vector256.Store(Vector256.FusedMultiplyAdd(c01, va, Vector256.Load(c + 0 * ldc + 8) * vb), c + 0 * ldc + 8);
            Vector256.Store(Vector256.FusedMultiplyAdd(c10, va, Vector256.Load(c + 1 * ldc + 0) * vb), c + 1 * ldc + 0);
            Vector256.Store(Vector256.FusedMultiplyAdd(c11, va, Vector256.Load(c + 1 * ldc + 8) * vb), c + 1 * ldc + 8);
            Vector256.Store(Vector256.FusedMultiplyAdd(c20, va, Vector256.Load(c + 2 * ldc + 0) * vb), c + 2 * ldc + 0);
            Vector256.Store(Vector256.FusedMultiplyAdd(c21, va, Vector256.Load(c + 2 * ldc + 8) * vb), c + 2 * ldc + 8);
            Vector256.Store(Vector256.FusedMultiplyAdd(c30, va, Vector256.Load(c + 3 * ldc + 0) * vb), c + 3 * ldc + 0);
            Vector256.Store(Vector256.FusedMultiplyAdd(c31, va, Vector256.Load(c + 3 * ldc + 8) * vb), c + 3 * ldc + 8);
            Vector256.Store(Vector256.FusedMultiplyAdd(c40, va, Vector256.Load(c + 4 * ldc + 0) * vb), c + 4 * ldc + 0);
            Vector256.Store(Vector256.FusedMultiplyAdd(c41, va, Vector256.Load(c + 4 * ldc + 8) * vb), c + 4 * ldc + 8);
            Vector256.Store(Vector256.FusedMultiplyAdd(c50, va, Vector256.Load(c + 5 * ldc + 0) * vb), c + 5 * ldc + 0);
            Vector256.Store(Vector256.FusedMultiplyAdd(c51, va, Vector256.Load(c + 5 * ldc + 8) * vb), c + 5 * ldc + 8);
        }
    }
}
