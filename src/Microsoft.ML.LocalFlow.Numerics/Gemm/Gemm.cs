using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Microsoft.ML.LocalFlow.Numerics.Threading;

namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

/// <summary>
/// Single-precision general matrix multiply: C = α·op(A)·op(B) + β·C, row-major.
/// </summary>
/// <remarks>
/// <para>
/// Assumptions: row-major storage with explicit leading dimensions (row strides). op(A) is m×k, op(B) is k×n,
/// C is m×n. When β = 0, C is never read. Results depend only on the inputs, the kernel path
/// (<see cref="Kernel"/>) and the thread count of the <see cref="WorkerPool"/> passed in, never on scheduling.
/// </para>
/// <para>
/// Algorithm (BLIS): op(A) and op(B) are packed into MR-row and NR-column micro-panels, cache-blocked by
/// MC/KC/NC, and multiplied by a register-tiled micro-kernel (Vector512 8×32, Vector256 + FMA 6×16, or a
/// portable Vector128 4×8, chosen once at start-up). When n is at most 64 (thin output layers) the operands
/// are read in place by direct SIMD loops instead, since a packed B panel would be mostly padding. A pool splits C into fixed bands of rows or
/// columns, one per thread. After the first call of a given size on a given pool (or thread), a call allocates
/// nothing on the managed heap.
/// </para>
/// <para>
/// The loops are compiled fully optimized from their first call (<c>MethodImplOptions.AggressiveOptimization</c>):
/// tier-0 code of a micro-kernel runs an order of magnitude slower, and on-stack replacement would compile (and
/// allocate) in the middle of a warm-up call.
/// </para>
/// </remarks>
public static class Gemm
{
    private static readonly GemmKernelKind s_kernel = DetectKernel();

    private static readonly ConditionalWeakTable<WorkerPool, GemmJob> s_poolJobs = new();

    [ThreadStatic]
    private static GemmJob? t_job;

    /// <summary>The kernel path every <c>Multiply</c> call uses, chosen once from the processor's features.</summary>
    /// <remarks>
    /// <see cref="GemmKernelKind.Avx512"/> where <c>Avx512F.IsSupported</c>; else <see cref="GemmKernelKind.Avx2"/>
    /// where AVX2 and FMA are; else <see cref="GemmKernelKind.Portable"/>. Setting the environment variable
    /// <c>DOTNET_EnableAVX512=0</c> (or <c>DOTNET_EnableAVX512F=0</c>) before start-up selects the AVX2 path.
    /// </remarks>
    public static GemmKernelKind Kernel => s_kernel;

    /// <summary>Computes C = α·op(A)·op(B) + β·C.</summary>
    /// <param name="opA">Whether A is read transposed.</param>
    /// <param name="opB">Whether B is read transposed.</param>
    /// <param name="m">Rows of op(A) and C; at least 0.</param>
    /// <param name="n">Columns of op(B) and C; at least 0.</param>
    /// <param name="k">Columns of op(A), rows of op(B); at least 0. When k = 0, C = β·C.</param>
    /// <param name="alpha">Scale of the product. When 0, A and B are not read and C = β·C (as in BLAS).</param>
    /// <param name="a">A as stored: m×k (or k×m when transposed), row stride <paramref name="lda"/>.</param>
    /// <param name="lda">Row stride of A as stored: at least max(1, its column count).</param>
    /// <param name="b">B as stored: k×n (or n×k when transposed), row stride <paramref name="ldb"/>.</param>
    /// <param name="ldb">Row stride of B as stored: at least max(1, its column count).</param>
    /// <param name="beta">Scale of the old C; when 0, C is not read (it may hold NaN).</param>
    /// <param name="c">C, m×n with row stride <paramref name="ldc"/>; overwritten. Must not overlap A or B.</param>
    /// <param name="ldc">Row stride of C: at least max(1, n).</param>
    /// <param name="pool">Threads to use; null runs on the calling thread. A pool runs one call at a time.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, a <see cref="MatrixOp"/> is undefined,
    /// a leading dimension is too small, or a span is too short; the exception names the argument and its value.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="pool"/> is running another call.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="pool"/> was disposed.</exception>
    public static void Multiply(MatrixOp opA, MatrixOp opB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc,
        WorkerPool? pool = null)
        => Multiply(opA, opB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, pool, s_kernel, GemmAlgorithm.Auto);

    /// <summary>
    /// C = ε(α·op(A)·op(B) + β·C): the GEMM followed by an element-wise <paramref name="epilogue"/> (bias +
    /// activation, or the backward step through an activation), applied to each band of C as it is finished
    /// instead of in a separate pass over C. See <see cref="GemmEpilogue"/> for the operands' shapes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">As the plain overload, or an epilogue span is too short (the column
    /// sums need n floats) or its activation undefined.</exception>
    internal static void Multiply(MatrixOp opA, MatrixOp opB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc,
        WorkerPool? pool, GemmEpilogue epilogue)
        => Multiply(opA, opB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, pool, s_kernel, GemmAlgorithm.Auto, epilogue);

    /// <summary>
    /// <see cref="Multiply(MatrixOp, MatrixOp, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int, WorkerPool?)"/>
    /// on an explicit kernel path and loop nest, so that tests and benchmarks can run every path in one process,
    /// with an optional epilogue.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException"><paramref name="kernel"/> does not run natively here.</exception>
    internal static unsafe void Multiply(MatrixOp opA, MatrixOp opB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc,
        WorkerPool? pool, GemmKernelKind kernel, GemmAlgorithm algorithm, GemmEpilogue epilogue = default)
    {
        Validate(opA, opB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        ValidateEpilogue(epilogue, m, n, ldc);
        if (!IsSupported(kernel))
        {
            throw new PlatformNotSupportedException($"The GEMM kernel path {kernel} does not run natively on this processor.");
        }

        // Column sums of op(B) are defined even when C is empty (m = 0), so only n = 0 leaves nothing to do then.
        bool columnSums = !epilogue.ColumnSums.IsEmpty;
        if (n == 0 || (m == 0 && !columnSums))
        {
            return;
        }

        if (k == 0 || alpha == 0f)
        {
            ScaleC(m, n, beta, c, ldc);
            fixed (float* pSums = epilogue.ColumnSums)
            {
                if (columnSums)
                {
                    GemmColumnSums.Scale(pSums, n, beta);
                }
            }

            if (epilogue.Kind != GemmEpilogueKind.None && m > 0)
            {
                fixed (float* pc = c)
                fixed (float* pBias = epilogue.Bias)
                fixed (float* pDerivative = epilogue.Derivative)
                fixed (float* pSource = epilogue.Source)
                {
                    GemmEpiloguePointers pointers = new(epilogue.Kind, epilogue.Activation, pBias, pDerivative, pSource, epilogue.SoftplusBeta);
                    GemmEpilogueKernels.Apply(pointers, pc, ldc, 0, 0, m, n);
                }
            }

            return;
        }

        bool unpacked = algorithm switch
        {
            GemmAlgorithm.Packed or GemmAlgorithm.PackedCopyA or GemmAlgorithm.PackedInPlaceA => false,
            GemmAlgorithm.Unpacked => true,
            // A few rows of C with op(B) row-major (the input layer's weight gradient, m = d + 1 ≤ 4): streaming op(B)
            // once beats packing it for micro-panels with 3 useful rows of 8 (GemmUnpacked.RunFewRows).
            _ => n <= GemmBlockSizes.UnpackedThreshold || (m <= GemmBlockSizes.FewRowsThreshold && opB == MatrixOp.None),
        };

        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        fixed (float* pBias = epilogue.Bias)
        fixed (float* pDerivative = epilogue.Derivative)
        fixed (float* pSource = epilogue.Source)
        fixed (float* pSums = epilogue.ColumnSums)
        {
            GemmArguments args = new(opA, opB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc)
            {
                Epilogue = new(epilogue.Kind, epilogue.Activation, pBias, pDerivative, pSource, epilogue.SoftplusBeta,
                    columnSums ? pSums : null),
            };
            if (pool is null || pool.ThreadCount == 1)
            {
                // The calling thread's own job: no pool state is touched, so any number of threads may call at once
                // (including through the shared WorkerPool.Sequential).
                GemmJob job = t_job ??= new GemmJob(1);
                job.Prepare(args, kernel, unpacked, algorithm);
                job.Execute(0, 1);
            }
            else
            {
                ObjectDisposedException.ThrowIf(pool.IsDisposed, pool);
                GemmJob job = s_poolJobs.GetValue(pool, static p => new GemmJob(p.ThreadCount));
                if (!job.TryAcquire())
                {
                    throw new InvalidOperationException("This WorkerPool is already running a GEMM; a pool runs one call at a time.");
                }

                try
                {
                    job.Prepare(args, kernel, unpacked, algorithm);
                    pool.Run(job);
                }
                finally
                {
                    job.Release();
                }
            }
        }
    }

    /// <summary>Whether <paramref name="kernel"/> runs natively on this processor (and process settings).</summary>
    internal static bool IsSupported(GemmKernelKind kernel) => kernel switch
    {
        GemmKernelKind.Portable => true,
        GemmKernelKind.Avx2 => Avx2.IsSupported && Fma.IsSupported,
        GemmKernelKind.Avx512 => Avx512F.IsSupported && Vector512.IsHardwareAccelerated,
        _ => false,
    };

    private static GemmKernelKind DetectKernel()
        => IsSupported(GemmKernelKind.Avx512) ? GemmKernelKind.Avx512
        : IsSupported(GemmKernelKind.Avx2) ? GemmKernelKind.Avx2
        : GemmKernelKind.Portable;

    /// <summary>C = β·C, without reading C when β = 0.</summary>
    private static void ScaleC(int m, int n, float beta, Span<float> c, int ldc)
    {
        for (int i = 0; i < m; i++)
        {
            Span<float> row = c.Slice(i * ldc, n);
            if (beta == 0f)
            {
                row.Clear();
            }
            else if (beta != 1f)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
            }
        }
    }

    private static void Validate(MatrixOp opA, MatrixOp opB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (opA is not (MatrixOp.None or MatrixOp.Transpose))
        {
            throw new ArgumentOutOfRangeException(nameof(opA), opA, "Undefined MatrixOp value.");
        }

        if (opB is not (MatrixOp.None or MatrixOp.Transpose))
        {
            throw new ArgumentOutOfRangeException(nameof(opB), opB, "Undefined MatrixOp value.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);

        // A is stored m×k, or k×m when transposed; likewise B is k×n or n×k.
        int aRows = opA == MatrixOp.None ? m : k;
        int aCols = opA == MatrixOp.None ? k : m;
        int bRows = opB == MatrixOp.None ? k : n;
        int bCols = opB == MatrixOp.None ? n : k;
        CheckStride(lda, aCols, nameof(lda));
        CheckStride(ldb, bCols, nameof(ldb));
        CheckStride(ldc, n, nameof(ldc));
        CheckLength(aLength, aRows, aCols, lda, "a");
        CheckLength(bLength, bRows, bCols, ldb, "b");
        CheckLength(cLength, m, n, ldc, "c");
    }

    private static void ValidateEpilogue(GemmEpilogue epilogue, int m, int n, int ldc)
    {
        if (!epilogue.ColumnSums.IsEmpty && epilogue.ColumnSums.Length < n)
        {
            throw new ArgumentOutOfRangeException("epilogue.ColumnSums", epilogue.ColumnSums.Length, $"The epilogue's column sums hold {epilogue.ColumnSums.Length} floats; n = {n} are needed.");
        }

        switch (epilogue.Kind)
        {
            case GemmEpilogueKind.None:
                return;
            case GemmEpilogueKind.BiasActivation:
            case GemmEpilogueKind.ActivationGradient:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(epilogue), epilogue.Kind, "Undefined GemmEpilogueKind value.");
        }

        if (!Enum.IsDefined(epilogue.Activation))
        {
            throw new ArgumentOutOfRangeException(nameof(epilogue), epilogue.Activation, "Undefined Activation value.");
        }

        if (epilogue.Kind == GemmEpilogueKind.BiasActivation)
        {
            if (epilogue.Bias.Length < n)
            {
                throw new ArgumentOutOfRangeException(nameof(epilogue), epilogue.Bias.Length, $"The epilogue's bias holds {epilogue.Bias.Length} floats; n = {n} are needed.");
            }

            if (!epilogue.Derivative.IsEmpty)
            {
                CheckLength(epilogue.Derivative.Length, m, n, ldc, "epilogue.Derivative");
            }
        }
        else
        {
            CheckLength(epilogue.Source.Length, m, n, ldc, "epilogue.Source");
        }
    }

    private static void CheckStride(int stride, int columns, string name)
    {
        int minimum = Math.Max(1, columns);
        if (stride < minimum)
        {
            throw new ArgumentOutOfRangeException(name, stride, $"The leading dimension must be at least {minimum} (the stored row length).");
        }
    }

    private static void CheckLength(int length, int rows, int columns, int stride, string name)
    {
        long required = rows == 0 || columns == 0 ? 0 : (long)(rows - 1) * stride + columns;
        if (length < required)
        {
            throw new ArgumentOutOfRangeException(name, length, $"The span holds {length} floats but a {rows}×{columns} matrix with row stride {stride} needs {required}.");
        }
    }
}
