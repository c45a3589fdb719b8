using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Microsoft.ML.LocalFlow.Numerics.Nn.Kernels;

/// <summary>
/// Row-wise element kernels of the MLP: fused bias + activation (+ derivative), bias add, column sums and the
/// broadcast product used by forward-mode tangents.
/// </summary>
/// <remarks>
/// Assumptions: every matrix is row-major and dense (row stride = column count); spans are exactly rows·cols
/// long (checked by the callers, not here). No alignment is assumed: loads are unaligned. Each row is processed
/// 16 lanes at a time with Vector512 when accelerated, then 8 with Vector256, then scalar, so results depend
/// only on the column index, never on the row partition (the same bits whatever the thread count).
/// </remarks>
internal static class ActivationKernels
{
    /// <summary>z ← φ(z + b) row by row; when <paramref name="derivative"/> is not empty it receives φ'(z + b).</summary>
    public static void BiasActivate(Activation activation, Span<float> z, int rows, int cols, ReadOnlySpan<float> bias,
        Span<float> derivative, float beta)
    {
        switch (activation)
        {
            case Activation.Relu:
                BiasActivate<ReluOp>(z, rows, cols, bias, derivative, beta);
                break;
            case Activation.Silu:
                BiasActivate<SiluOp>(z, rows, cols, bias, derivative, beta);
                break;
            case Activation.Elu:
                BiasActivate<EluOp>(z, rows, cols, bias, derivative, beta);
                break;
            case Activation.Softplus:
                BiasActivate<SoftplusOp>(z, rows, cols, bias, derivative, beta);
                break;
            case Activation.Tanh:
                BiasActivate<TanhOp>(z, rows, cols, bias, derivative, beta);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }

    /// <summary>Scalar φ(z) for tests and references.</summary>
    public static float Apply(Activation activation, float z, float beta, out float derivative) => activation switch
    {
        Activation.Relu => ReluOp.Apply(z, beta, out derivative),
        Activation.Silu => SiluOp.Apply(z, beta, out derivative),
        Activation.Elu => EluOp.Apply(z, beta, out derivative),
        Activation.Softplus => SoftplusOp.Apply(z, beta, out derivative),
        Activation.Tanh => TanhOp.Apply(z, beta, out derivative),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };

    private static void BiasActivate<TOp>(Span<float> z, int rows, int cols, ReadOnlySpan<float> bias, Span<float> derivative, float beta)
        where TOp : struct, IActivationOp
    {
        ref float b = ref MemoryMarshal.GetReference(bias);
        Vector512<float> beta512 = Vector512.Create(beta);
        Vector256<float> beta256 = Vector256.Create(beta);
        bool withDerivative = !derivative.IsEmpty;
        for (int r = 0; r < rows; r++)
        {
            ref float zr = ref Unsafe.Add(ref MemoryMarshal.GetReference(z), (nint)r * cols);
            int j = 0;
            if (withDerivative)
            {
                ref float dr = ref Unsafe.Add(ref MemoryMarshal.GetReference(derivative), (nint)r * cols);
                if (Vector512.IsHardwareAccelerated)
                {
                    for (; j <= cols - 16; j += 16)
                    {
                        Vector512<float> v = Vector512.LoadUnsafe(ref zr, (nuint)j) + Vector512.LoadUnsafe(ref b, (nuint)j);
                        TOp.Apply(v, beta512, out Vector512<float> dv).StoreUnsafe(ref zr, (nuint)j);
                        dv.StoreUnsafe(ref dr, (nuint)j);
                    }
                }

                if (Vector256.IsHardwareAccelerated)
                {
                    for (; j <= cols - 8; j += 8)
                    {
                        Vector256<float> v = Vector256.LoadUnsafe(ref zr, (nuint)j) + Vector256.LoadUnsafe(ref b, (nuint)j);
                        TOp.Apply(v, beta256, out Vector256<float> dv).StoreUnsafe(ref zr, (nuint)j);
                        dv.StoreUnsafe(ref dr, (nuint)j);
                    }
                }

                for (; j < cols; j++)
                {
                    Unsafe.Add(ref zr, j) = TOp.Apply(Unsafe.Add(ref zr, j) + Unsafe.Add(ref b, j), beta, out Unsafe.Add(ref dr, j));
                }
            }
            else
            {
                if (Vector512.IsHardwareAccelerated)
                {
                    for (; j <= cols - 16; j += 16)
                    {
                        Vector512<float> v = Vector512.LoadUnsafe(ref zr, (nuint)j) + Vector512.LoadUnsafe(ref b, (nuint)j);
                        TOp.Apply(v, beta512).StoreUnsafe(ref zr, (nuint)j);
                    }
                }

                if (Vector256.IsHardwareAccelerated)
                {
                    for (; j <= cols - 8; j += 8)
                    {
                        Vector256<float> v = Vector256.LoadUnsafe(ref zr, (nuint)j) + Vector256.LoadUnsafe(ref b, (nuint)j);
                        TOp.Apply(v, beta256).StoreUnsafe(ref zr, (nuint)j);
                    }
                }

                for (; j < cols; j++)
                {
                    Unsafe.Add(ref zr, j) = TOp.Apply(Unsafe.Add(ref zr, j) + Unsafe.Add(ref b, j), beta);
                }
            }
        }
    }

    /// <summary>
    /// Whether the backward pass needs φ'(z) stored by the forward pass. ReLU, ELU and tanh recover φ' from the
    /// activation a = φ(z) itself (a &gt; 0; a + 1 below zero; 1 − a²), which saves writing and reading a
    /// rows × H buffer per layer; SiLU and softplus cannot.
    /// </summary>
    public static bool StoresDerivative(Activation activation) => activation is Activation.Silu or Activation.Softplus;

    /// <summary>
    /// Backward through the activation, fused with the bias gradient: g ← g ⊙ φ'(z) in place, and
    /// sums[j] += Σ_r g[r, j]. φ' comes from <paramref name="derivative"/> when the activation stores it, else from
    /// the activation values <paramref name="activation"/> (see <see cref="StoresDerivative"/>).
    /// </summary>
    public static void BackwardActivate(Activation kind, Span<float> g, ReadOnlySpan<float> activation, ReadOnlySpan<float> derivative,
        int rows, int cols, Span<float> sums)
    {
        switch (kind)
        {
            case Activation.Relu:
                BackwardActivate<ReluFromOutput>(g, activation, rows, cols, sums);
                break;
            case Activation.Elu:
                BackwardActivate<EluFromOutput>(g, activation, rows, cols, sums);
                break;
            case Activation.Tanh:
                BackwardActivate<TanhFromOutput>(g, activation, rows, cols, sums);
                break;
            default:
                BackwardActivate<StoredDerivative>(g, derivative, rows, cols, sums);
                break;
        }
    }

    private static void BackwardActivate<TOp>(Span<float> g, ReadOnlySpan<float> source, int rows, int cols, Span<float> sums)
        where TOp : struct, IDerivativeFromSource
    {
        ref float s = ref MemoryMarshal.GetReference(sums);
        for (int r = 0; r < rows; r++)
        {
            ref float gr = ref Unsafe.Add(ref MemoryMarshal.GetReference(g), (nint)r * cols);
            ref float ar = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), (nint)r * cols);
            int j = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; j <= cols - 16; j += 16)
                {
                    Vector512<float> v = Vector512.LoadUnsafe(ref gr, (nuint)j) * TOp.Derivative(Vector512.LoadUnsafe(ref ar, (nuint)j));
                    v.StoreUnsafe(ref gr, (nuint)j);
                    (Vector512.LoadUnsafe(ref s, (nuint)j) + v).StoreUnsafe(ref s, (nuint)j);
                }
            }

            if (Vector256.IsHardwareAccelerated)
            {
                for (; j <= cols - 8; j += 8)
                {
                    Vector256<float> v = Vector256.LoadUnsafe(ref gr, (nuint)j) * TOp.Derivative(Vector256.LoadUnsafe(ref ar, (nuint)j));
                    v.StoreUnsafe(ref gr, (nuint)j);
                    (Vector256.LoadUnsafe(ref s, (nuint)j) + v).StoreUnsafe(ref s, (nuint)j);
                }
            }

            for (; j < cols; j++)
            {
                float v = Unsafe.Add(ref gr, j) * TOp.Derivative(Unsafe.Add(ref ar, j));
                Unsafe.Add(ref gr, j) = v;
                Unsafe.Add(ref s, j) += v;
            }
        }
    }

    /// <summary>z[r, :] += b for every row.</summary>
    public static void AddBias(Span<float> z, int rows, int cols, ReadOnlySpan<float> bias)
    {
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = z.Slice(r * cols, cols);
            TensorPrimitives.Add(row, bias, row);
        }
    }

    /// <summary>
    /// sums[j − colStart] (+)= Σ_r m[r, j] for j in [colStart, colEnd): the bias gradient. Summation runs over rows in
    /// order for every column, so the result does not depend on how columns are split between threads.
    /// </summary>
    public static void ColumnSums(ReadOnlySpan<float> m, int rows, int cols, int colStart, int colEnd, Span<float> sums, bool accumulate)
    {
        int width = colEnd - colStart;
        Span<float> dst = sums.Slice(colStart, width);
        if (!accumulate)
        {
            dst.Clear();
        }

        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = m.Slice(r * cols + colStart, width);
            TensorPrimitives.Add(dst, row, dst);
        }
    }

    /// <summary>
    /// t[(r·p + q), :] ×= d[r, :] for q in [0, p): scales the p tangent rows of every batch row by that row's φ'.
    /// </summary>
    public static void ScaleTangents(Span<float> tangents, ReadOnlySpan<float> derivative, int rows, int probes, int cols)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> d = derivative.Slice(r * cols, cols);
            for (int q = 0; q < probes; q++)
            {
                Span<float> t = tangents.Slice((r * probes + q) * cols, cols);
                TensorPrimitives.Multiply(t, d, t);
            }
        }
    }
}
