using System.Runtime.Intrinsics;
using Microsoft.ML.LocalFlow.Numerics.Threading;

namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

/// <summary>
/// One GEMM as an <see cref="IParallelJob"/>: allocated once per <see cref="WorkerPool"/> (or per calling thread)
/// together with one <see cref="GemmWorkspace"/> per part, then reused by every call, so calls allocate nothing.
/// </summary>
/// <remarks>
/// The job is claimed with <see cref="TryAcquire"/> before its arguments are written: two threads sharing a pool
/// must not overwrite each other's call (the pool itself would only notice the second <c>Run</c> too late).
/// </remarks>
internal sealed class GemmJob : IParallelJob
{
    private readonly GemmWorkspace[] _workspaces;
    private GemmArguments _args;
    private GemmKernelKind _kernel;
    private bool _unpacked;
    private GemmAlgorithm _algorithm;
    private int _busy;

    /// <summary>Creates a job for pools of <paramref name="partCount"/> threads.</summary>
    /// <param name="partCount">Parts per run; one workspace each.</param>
    public GemmJob(int partCount)
    {
        _workspaces = new GemmWorkspace[partCount];
        for (int i = 0; i < partCount; i++)
        {
            _workspaces[i] = new GemmWorkspace();
        }
    }

    /// <summary>Claims the job for one call; false when another call holds it.</summary>
    public bool TryAcquire() => Interlocked.Exchange(ref _busy, 1) == 0;

    /// <summary>Gives the job back after the call.</summary>
    public void Release() => Volatile.Write(ref _busy, 0);

    /// <summary>Sets the call the next <see cref="Execute"/> runs.</summary>
    /// <param name="args">The call.</param>
    /// <param name="kernel">The kernel path.</param>
    /// <param name="unpacked">Whether the unpacked nest runs.</param>
    /// <param name="algorithm">The caller's choice, which the packed nest consults for op(A)'s micro-panels.</param>
    public void Prepare(in GemmArguments args, GemmKernelKind kernel, bool unpacked, GemmAlgorithm algorithm)
    {
        _args = args;
        _kernel = kernel;
        _unpacked = unpacked;
        _algorithm = algorithm;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The kernel path is a run-time value only here, once per part: below this switch every loop is a generic
    /// instantiation over a struct kernel, so the hot code has no dispatch at all.
    /// </remarks>
    public void Execute(int part, int partCount)
    {
        GemmWorkspace workspace = _workspaces[part];
        switch (_kernel)
        {
            case GemmKernelKind.Avx512:
                if (_unpacked)
                {
                    RunUnpacked<GemmVector512, Vector512<float>>(part, partCount, workspace);
                }
                else
                {
                    RunPacked<GemmMicroKernel8x32>(part, partCount, workspace);
                }

                break;
            case GemmKernelKind.Avx2:
                if (_unpacked)
                {
                    RunUnpacked<GemmVector256, Vector256<float>>(part, partCount, workspace);
                }
                else
                {
                    RunPacked<GemmMicroKernel6x16>(part, partCount, workspace);
                }

                break;
            default:
                if (_unpacked)
                {
                    RunUnpacked<GemmVector128, Vector128<float>>(part, partCount, workspace);
                }
                else
                {
                    RunPacked<GemmMicroKernel4x8>(part, partCount, workspace);
                }

                break;
        }
    }

    private void RunPacked<TKernel>(int part, int partCount, GemmWorkspace workspace)
        where TKernel : struct, IGemmMicroKernel
    {
        // Aᵀ read in place (the long-k weight gradient): column bands, so each part packs only its share of B̃.
        GemmAPanels aPanels = GemmPackedDriver<TKernel>.ChooseAPanels(_args, _algorithm);
        GemmPartition.Split(_args.M, _args.N, TKernel.MR, TKernel.NR, part, partCount,
            out int m0, out int m1, out int n0, out int n1, aPanels == GemmAPanels.TransposedInPlace);
        bool hasRows = m0 < m1 && n0 < n1;
        int j0 = 0, j1 = 0;
        unsafe
        {
            if (_args.Epilogue.ColumnSums != null)
            {
                GemmPartition.ColumnSumBand(_args.N, TKernel.NR, part, partCount, out j0, out j1);
            }
        }

        // The column sums of op(B) are taken while B̃ is packed when B is stored row-major (the weight gradient's dZ)
        // and this part packs its owned columns; otherwise (Bᵀ, or a part without rows) by a separate sweep.
        bool fused = hasRows && j0 < j1 && _args.ColStrideB == 1;
        if (hasRows)
        {
            GemmPackedDriver<TKernel>.Run(_args, m0, m1, n0, n1, workspace, aPanels, fused ? j0 : 0, fused ? j1 : 0);
        }

        if (j0 < j1 && !fused)
        {
            SweepColumnSums(j0, j1, workspace);
        }
    }

    private void RunUnpacked<TOps, TVector>(int part, int partCount, GemmWorkspace workspace)
        where TOps : struct, IGemmVector<TVector>
        where TVector : struct
    {
        GemmPartition.Split(_args.M, _args.N, 8, TOps.Count, part, partCount,
            out int m0, out int m1, out int n0, out int n1);
        bool hasRows = m0 < m1 && n0 < n1;
        int j0 = 0, j1 = 0;
        unsafe
        {
            if (_args.Epilogue.ColumnSums != null)
            {
                GemmPartition.ColumnSumBand(_args.N, TOps.Count, part, partCount, out j0, out j1);
            }
        }

        // The few-rows loops take the sums of the columns they stream when this part owns exactly its own columns
        // (a column split); whatever they leave (a ragged tail, other loops, a row split) is a separate sweep.
        bool fuse = hasRows && j0 < j1 && j0 == n0 && j1 == n1;
        int summedTo = j0;
        if (hasRows)
        {
            int done = GemmUnpacked<TOps, TVector>.Run(_args, m0, m1, n0, n1, workspace, fuse);
            summedTo = fuse ? done : j0;
            if (_args.Epilogue.Kind != GemmEpilogueKind.None)
            {
                // No tiles here: the part's block in one sweep (n is small on this path, so the block is short rows).
                unsafe
                {
                    GemmEpilogueKernels.Apply(_args.Epilogue, _args.C + m0 * _args.Ldc + n0, _args.Ldc, m0, n0, m1 - m0, n1 - n0);
                }
            }
        }

        if (summedTo < j1)
        {
            SweepColumnSums(summedTo, j1, workspace);
        }
    }

    private unsafe void SweepColumnSums(int j0, int j1, GemmWorkspace workspace)
        => GemmColumnSums.Sweep(_args.B, _args.RowStrideB, _args.ColStrideB, _args.K, j0, j1, _args.Alpha, _args.Beta,
            _args.Epilogue.ColumnSums, workspace);
}
