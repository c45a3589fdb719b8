using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Microsoft.ML.LocalFlow.Numerics.Nn;
using Microsoft.ML.LocalFlow.Numerics.Nn.Kernels;

namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

// Assumptions: c points at C[row0, col0] of a C with row stride ldc; the block is rows × cols (one MR-row band of an
// mc×nc block in the packed driver, just written and still in L1; a whole part in the unpacked path). The epilogue's
// Derivative and Source share ldc and are indexed by the global (row, col); Bias by the global col. No alignment is
// assumed. Each block row is swept 16 lanes at a time with Vector512 when accelerated, then 8 with Vector256, then
// scalar; blocks start at the fixed partition's column boundaries, so the width a column gets (and so the bits of
// exp/tanh) depends on the shape and the thread count only, never on scheduling.

/// <summary>Applies a <see cref="GemmEpiloguePointers"/> step to one block of C.</summary>
[SkipLocalsInit]
internal static unsafe class GemmEpilogueKernels
{
    /// <summary>Runs the epilogue on C[row0..row0+rows, col0..col0+cols]; <paramref name="c"/> is C[row0, col0].</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Apply(in GemmEpiloguePointers e, float* c, nint ldc, int row0, int col0, int rows, int cols)
    {
        nint offset = row0 * ldc + col0;
        if (e.Kind == GemmEpilogueKind.BiasActivation)
        {
            float* bias = e.Bias + col0;
            float* derivative = e.Derivative is null ? null : e.Derivative + offset;
            switch (e.Activation)
            {
                case Activation.Relu:
                    BiasActivate<ReluOp>(c, ldc, rows, cols, bias, derivative, e.SoftplusBeta);
                    break;
                case Activation.Silu:
                    BiasActivate<SiluOp>(c, ldc, rows, cols, bias, derivative, e.SoftplusBeta);
                    break;
                case Activation.Elu:
                    BiasActivate<EluOp>(c, ldc, rows, cols, bias, derivative, e.SoftplusBeta);
                    break;
                case Activation.Softplus:
                    BiasActivate<SoftplusOp>(c, ldc, rows, cols, bias, derivative, e.SoftplusBeta);
                    break;
                default:
                    BiasActivate<TanhOp>(c, ldc, rows, cols, bias, derivative, e.SoftplusBeta);
                    break;
            }
        }
        else if (e.Kind == GemmEpilogueKind.ActivationGradient)
        {
            float* source = e.Source + offset;
            switch (e.Activation)
            {
                case Activation.Relu:
                    ScaleByDerivative<ReluFromOutput>(c, ldc, rows, cols, source);
                    break;
                case Activation.Elu:
                    ScaleByDerivative<EluFromOutput>(c, ldc, rows, cols, source);
                    break;
                case Activation.Tanh:
                    ScaleByDerivative<TanhFromOutput>(c, ldc, rows, cols, source);
                    break;
                default:
                    ScaleByDerivative<StoredDerivative>(c, ldc, rows, cols, source);
                    break;
            }
        }
    }

    /// <summary>Prefetches the rows of the block's source (or φ' output) into L1; nothing when there is none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Prefetch(in GemmEpiloguePointers e, nint ldc, int row0, int col0, int rows, int cols)
    {
        float* p = e.Kind == GemmEpilogueKind.ActivationGradient ? e.Source : e.Derivative;
        if (p is null || !Sse.IsSupported)
        {
            return;
        }

        p += row0 * ldc + col0;
        for (int i = 0; i < rows; i++)
        {
            // Every 64-byte line of the row piece (two for a tile row of 32 floats).
            for (int j = 0; j < cols; j += 16)
            {
                Sse.Prefetch0(p + i * ldc + j);
            }

            Sse.Prefetch0(p + i * ldc + cols - 1);
        }
    }

    /// <summary>c ← φ(c + b), d ← φ'(c + b) when d is not null; d shares c's row stride.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BiasActivate<TOp>(float* c, nint ldc, int rows, int cols, float* bias, float* derivative, float beta)
        where TOp : struct, IActivationOp
    {
        Vector512<float> beta512 = Vector512.Create(beta);
        Vector256<float> beta256 = Vector256.Create(beta);
        for (int i = 0; i < rows; i++)
        {
            float* ci = c + i * ldc;
            int j = 0;
            if (derivative is not null)
            {
                float* di = derivative + i * ldc;
                if (Vector512.IsHardwareAccelerated)
                {
                    for (; j <= cols - 16; j += 16)
                    {
                        Vector512<float> v = Vector512.Load(ci + j) + Vector512.Load(bias + j);
                        Vector512.Store(TOp.Apply(v, beta512, out Vector512<float> dv), ci + j);
                        Vector512.Store(dv, di + j);
                    }
                }

                if (Vector256.IsHardwareAccelerated)
                {
                    for (; j <= cols - 8; j += 8)
                    {
                        Vector256<float> v = Vector256.Load(ci + j) + Vector256.Load(bias + j);
                        Vector256.Store(TOp.Apply(v, beta256, out Vector256<float> dv), ci + j);
                        Vector256.Store(dv, di + j);
                    }
                }

                for (; j < cols; j++)
                {
                    ci[j] = TOp.Apply(ci[j] + bias[j], beta, out di[j]);
                }
            }
            else
            {
                if (Vector512.IsHardwareAccelerated)
                {
                    for (; j <= cols - 16; j += 16)
                    {
                        Vector512.Store(TOp.Apply(Vector512.Load(ci + j) + Vector512.Load(bias + j), beta512), ci + j);
                    }
                }

                if (Vector256.IsHardwareAccelerated)
                {
                    for (; j <= cols - 8; j += 8)
                    {
                        Vector256.Store(TOp.Apply(Vector256.Load(ci + j) + Vector256.Load(bias + j), beta256), ci + j);
                    }
                }

                for (; j < cols; j++)
                {
                    ci[j] = TOp.Apply(ci[j] + bias[j], beta);
                }
            }
        }
    }

    /// <summary>c ← c ⊙ φ'(s); s shares c's row stride.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScaleByDerivative<TOp>(float* c, nint ldc, int rows, int cols, float* source)
        where TOp : struct, IDerivativeFromSource
    {
        for (int i = 0; i < rows; i++)
        {
            float* ci = c + i * ldc;
            float* si = source + i * ldc;
            int j = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; j <= cols - 16; j += 16)
                {
                    Vector512.Store(Vector512.Load(ci + j) * TOp.Derivative(Vector512.Load(si + j)), ci + j);
                }
            }

            if (Vector256.IsHardwareAccelerated)
            {
                for (; j <= cols - 8; j += 8)
                {
                    Vector256.Store(Vector256.Load(ci + j) * TOp.Derivative(Vector256.Load(si + j)), ci + j);
                }
            }

            for (; j < cols; j++)
            {
                ci[j] *= TOp.Derivative(si[j]);
            }
        }
    }
}
