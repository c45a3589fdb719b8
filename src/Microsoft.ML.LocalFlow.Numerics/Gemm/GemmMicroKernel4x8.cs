using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

// Assumptions/contract (BLIS micro-kernel, see GemmPacking for the packed layouts):
//   a: packed micro-panel of op(A), kc columns of MR = 4 floats: a[p*4 + r] = op(A)[i0 + r, p0 + p].
//      More generally a[r*aRowStride + p*aStep]: (1, 4) for a packed panel, (1, lda) for Aᵀ read in place and
//      (lda, 1) for A read in place (GemmPackedDriver). Only the load addresses change, never the FMAs or their order.
//   b: packed micro-panel of op(B), kc rows of NR = 8 floats:    b[p*8 + j] = op(B)[p0 + p, j0 + j].
//   c: the full 4x8 tile of C, row-major with row stride ldc (in floats); no alignment is assumed,
//      the packed panels are 64-byte aligned by GemmWorkspace (aligned loads are not required, only faster).
//   kc >= 1. Computes C := alpha*A*B + beta*C as kc rank-1 updates held in registers; beta == 0 never reads C,
//   so C may hold NaN. Edge tiles are the caller's job (GemmPackedDriver writes them to a temporary).
// Registers: 8 accumulators + 2 b vectors + 1 broadcast = 11 of the 16 registers of the smallest SIMD register file (SSE, NEON has 32).

/// <summary>Portable micro-kernel: a 4×8 tile of C in eight Vector128 accumulators.</summary>
[SkipLocalsInit]
internal readonly unsafe struct GemmMicroKernel4x8 : IGemmMicroKernel
{
    /// <summary>Rows of the register tile.</summary>
    public static int MR => 4;

    /// <summary>Columns of the register tile: 2 × Vector128&lt;float&gt;.</summary>
    public static int NR => 8;

    /// <summary>Whether the hardware runs this kernel natively (Vector128 is accelerated).</summary>
    public static bool IsSupported => Vector128.IsHardwareAccelerated;

    /// <inheritdoc cref="IGemmMicroKernel.Compute"/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(int kc, float* a, nint aRowStride, nint aStep, float* b, float* c, nint ldc, float alpha, float beta)
    {
        Vector128<float> c00 = default; Vector128<float> c01 = default;
        Vector128<float> c10 = default; Vector128<float> c11 = default;
        Vector128<float> c20 = default; Vector128<float> c21 = default;
        Vector128<float> c30 = default; Vector128<float> c31 = default;

        // Ask for the C tile now: its rows are read (β ≠ 0) or written only after the kc loop, by which time
        // they have arrived from L2/L3 instead of stalling the stores. First and last float of each row.
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(c + 0 * ldc);
            Sse.Prefetch0(c + 0 * ldc + 7);
            Sse.Prefetch0(c + 1 * ldc);
            Sse.Prefetch0(c + 1 * ldc + 7);
            Sse.Prefetch0(c + 2 * ldc);
            Sse.Prefetch0(c + 2 * ldc + 7);
            Sse.Prefetch0(c + 3 * ldc);
            Sse.Prefetch0(c + 3 * ldc + 7);
        }

        // One rank-1 update per p: the b row is loaded once and reused by all MR rows, each a(r) is
        // broadcast once and reused by all NR columns; the FMAs of one p are independent, which hides their latency.
        // The rows' addresses: a + r·aRowStride as base + index·4 (x86 scales 1, 2, 4, 8 only cover some r), kept in
        // registers across the loop; with aRowStride = 1 these are the packed panel's consecutive floats.
        nint rs1 = aRowStride;
        nint rs2 = 2 * aRowStride;
        nint rs3 = 3 * aRowStride;
        for (; kc > 0; kc--)
        {
            Vector128<float> b0 = Vector128.Load(b + 0);
            Vector128<float> b1 = Vector128.Load(b + 4);
            Vector128<float> a0 = Vector128.Create(a[0]);
            c00 = Vector128.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector128.FusedMultiplyAdd(a0, b1, c01);
            Vector128<float> a1 = Vector128.Create(a[rs1]);
            c10 = Vector128.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector128.FusedMultiplyAdd(a1, b1, c11);
            Vector128<float> a2 = Vector128.Create(a[rs2]);
            c20 = Vector128.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector128.FusedMultiplyAdd(a2, b1, c21);
            Vector128<float> a3 = Vector128.Create(a[rs3]);
            c30 = Vector128.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector128.FusedMultiplyAdd(a3, b1, c31);
            a += aStep;
            b += 8;
        }

        Vector128<float> va = Vector128.Create(alpha);
        if (beta == 0f)
        {
            // beta == 0: C is write-only (it may hold NaN).
            Vector128.Store(c00 * va, c + 0 * ldc + 0);
            Vector128.Store(c01 * va, c + 0 * ldc + 4);
            Vector128.Store(c10 * va, c + 1 * ldc + 0);
            Vector128.Store(c11 * va, c + 1 * ldc + 4);
            Vector128.Store(c20 * va, c + 2 * ldc + 0);
            Vector128.Store(c21 * va, c + 2 * ldc + 4);
            Vector128.Store(c30 * va, c + 3 * ldc + 0);
            Vector128.Store(c31 * va, c + 3 * ldc + 4);
        }
        else if (beta == 1f)
        {
            // The usual case after the first kc block: accumulate into C with one rounding.
            Vector128.Store(Vector128.FusedMultiplyAdd(c00, va, Vector128.Load(c + 0 * ldc + 0)), c + 0 * ldc + 0);
            Vector128.Store(Vector128.FusedMultiplyAdd(c01, va, Vector128.Load(c + 0 * ldc + 4)), c + 0 * ldc + 4);
            Vector128.Store(Vector128.FusedMultiplyAdd(c10, va, Vector128.Load(c + 1 * ldc + 0)), c + 1 * ldc + 0);
            Vector128.Store(Vector128.FusedMultiplyAdd(c11, va, Vector128.Load(c + 1 * ldc + 4)), c + 1 * ldc + 4);
            Vector128.Store(Vector128.FusedMultiplyAdd(c20, va, Vector128.Load(c + 2 * ldc + 0)), c + 2 * ldc + 0);
            Vector128.Store(Vector128.FusedMultiplyAdd(c21, va, Vector128.Load(c + 2 * ldc + 4)), c + 2 * ldc + 4);
            Vector128.Store(Vector128.FusedMultiplyAdd(c30, va, Vector128.Load(c + 3 * ldc + 0)), c + 3 * ldc + 0);
            Vector128.Store(Vector128.FusedMultiplyAdd(c31, va, Vector128.Load(c + 3 * ldc + 4)), c + 3 * ldc + 4);
        }
        else
        {
            Vector128<float> vb = Vector128.Create(beta);
            Vector128.Store(Vector128.FusedMultiplyAdd(c00, va, Vector128.Load(c + 0 * ldc + 0) * vb), c + 0 * ldc + 0);
            Vector128.Store(Vector128.FusedMultiplyAdd(c01, va, Vector128.Load(c + 0 * ldc + 4) * vb), c + 0 * ldc + 4);
            Vector128.Store(Vector128.FusedMultiplyAdd(c10, va, Vector128.Load(c + 1 * ldc + 0) * vb), c + 1 * ldc + 0);
            Vector128.Store(Vector128.FusedMultiplyAdd(c11, va, Vector128.Load(c + 1 * ldc + 4) * vb), c + 1 * ldc + 4);
            Vector128.Store(Vector128.FusedMultiplyAdd(c20, va, Vector128.Load(c + 2 * ldc + 0) * vb), c + 2 * ldc + 0);
            Vector128.Store(Vector128.FusedMultiplyAdd(c21, va, Vector128.Load(c + 2 * ldc + 4) * vb), c + 2 * ldc + 4);
            Vector128.Store(Vector128.FusedMultiplyAdd(c30, va, Vector128.Load(c + 3 * ldc + 0) * vb), c + 3 * ldc + 0);
            Vector128.Store(Vector128.FusedMultiplyAdd(c31, va, Vector128.Load(c + 3 * ldc + 4) * vb), c + 3 * ldc + 4);
        }
    }
}
