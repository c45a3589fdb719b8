using System.Numerics.Tensors;
using Microsoft.ML.LocalFlow.Numerics.Nn;
using Microsoft.ML.LocalFlow.Numerics.Ode;
using Microsoft.ML.LocalFlow.Numerics.Random;
using Microsoft.ML.LocalFlow.Numerics.Threading;

namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>
/// Chunked, parallel inference over rows: the push-forward of a pool, sampling and the likelihood.
/// </summary>
/// <remarks>
/// <para>Assumptions: row-major float32 rows of the flow dimension d (standardised, active columns only); the
/// condition is rows × c. Rows are cut into chunks of <see cref="ChunkRows"/> at fixed boundaries (chunk k = rows
/// [k·ChunkRows, (k+1)·ChunkRows)), and part p of T runs the contiguous chunk range [K·p/T, K·(p+1)/T) on its own
/// <see cref="FlowLane"/> (its own solver, workspaces and buffers). Each chunk's result depends only on its rows,
/// so results are identical for any thread count; the network is evaluated single-threaded inside a lane (rows are
/// split across threads rather than each GEMM, which avoids a synchronisation per layer).</para>
/// <para>Noise for sampling is drawn per block of <see cref="NoiseBlockRows"/> rows from stream b of the seed, so
/// row i's noise depends only on (seed, i) and any split of a large request gives the same rows (exactly so for
/// fixed-step solvers; Dopri5 steps a chunk together, so its rows depend on the chunk they share).</para>
/// </remarks>
internal sealed unsafe class FlowEngine : IDisposable
{
    /// <summary>Rows per noise block of the sampler.</summary>
    public const int NoiseBlockRows = 1024;

    private const double Log2Pi = 1.8378770664093453;

    private readonly WorkerPool _pool;
    private readonly bool _ownsPool;
    private readonly FlowLane[] _lanes;
    private readonly ChunkJob _job;

    public FlowEngine(int flowDimension, int conditionDimension, int chunkRows, int threads, WorkerPool? pool = null)
    {
        _ownsPool = pool is null;
        _pool = pool ?? (threads <= 1 ? WorkerPool.Sequential : new WorkerPool(threads));
        FlowDimension = flowDimension;
        ConditionDimension = conditionDimension;
        ChunkRows = chunkRows;
        _lanes = new FlowLane[_pool.ThreadCount];
        for (int i = 0; i < _lanes.Length; i++)
        {
            _lanes[i] = new FlowLane(flowDimension, conditionDimension, chunkRows);
        }

        _job = new ChunkJob(this);
    }

    public int FlowDimension { get; }

    public int ConditionDimension { get; }

    public int ChunkRows { get; }

    public WorkerPool Pool => _pool;

    /// <summary>
    /// Experiment switch: run every chunk on the calling thread and give the pool to the network's GEMMs instead of
    /// splitting rows across threads (see docs/perf/flow.md for the comparison).
    /// </summary>
    internal static bool ParallelizeInsideNetwork { get; set; }

    public void Dispose()
    {
        if (_ownsPool)
        {
            _pool.Dispose();
        }
    }

    /// <summary>Integrates every row of <paramref name="pool"/> through <paramref name="network"/> from t = 0 to 1, in place.</summary>
    public OdeStatistics Push(Mlp network, float[] pool, int rows, float[] condition, OdeSolverOptions solver, CancellationToken ct)
    {
        _job.Reset(JobMode.Push, rows, ct);
        _job.Network = network;
        _job.PoolArray = pool;
        _job.ConditionArray = condition;
        _job.Solver = solver;
        return RunJob();
    }

    /// <summary>Samples rows [firstRow, firstRow + rows) into <paramref name="destination"/> (original units, rows × Dimension).</summary>
    public OdeStatistics Sample(LocalFlowModel model, long firstRow, int rows, ulong seed, ReadOnlySpan<float> condition, bool broadcastCondition,
        OdeSolverOptions solver, bool useStudents, Span<float> destination, CancellationToken ct)
    {
        fixed (float* dst = destination)
        fixed (float* cond = condition)
        {
            _job.Reset(JobMode.Sample, rows, ct);
            _job.Model = model;
            _job.FirstRow = firstRow;
            _job.Seed = seed;
            _job.Cond = cond;
            _job.BroadcastCondition = broadcastCondition;
            _job.Solver = solver;
            _job.UseStudents = useStudents;
            _job.Output = dst;
            return RunJob();
        }
    }

    /// <summary>log p(x) per row in original units.</summary>
    public OdeStatistics LogLikelihood(LocalFlowModel model, ReadOnlySpan<float> x, int rows, ReadOnlySpan<float> condition, bool broadcastCondition,
        OdeSolverOptions solver, int hutchinsonProbes, ulong seed, Span<double> destination, CancellationToken ct)
    {
        fixed (float* px = x)
        fixed (float* cond = condition)
        fixed (double* dst = destination)
        {
            _job.Reset(JobMode.LogLikelihood, rows, ct);
            _job.Model = model;
            _job.Input = px;
            _job.Cond = cond;
            _job.BroadcastCondition = broadcastCondition;
            _job.Solver = solver;
            _job.Probes = hutchinsonProbes;
            _job.Seed = seed;
            _job.LogP = dst;
            return RunJob();
        }
    }

    /// <summary>
    /// Teacher pairs for distilling block <paramref name="blockIndex"/>: for each row, noise z is sampled, taken through
    /// blocks N−1 … blockIndex+1 by the teacher, then block blockIndex's reverse trajectory is recorded at t_j = j/k.
    /// <paramref name="trajectory"/> receives (k + 1) slabs of rows × d: slab j holds x(t_j) (slab k is the input at t = 1).
    /// </summary>
    public OdeStatistics TeacherTrajectories(LocalFlowModel model, int blockIndex, int studentSteps, int rows, ulong seed,
        ReadOnlySpan<float> condition, bool broadcastCondition, OdeSolverOptions solver, Span<float> trajectory, CancellationToken ct)
    {
        fixed (float* dst = trajectory)
        fixed (float* cond = condition)
        {
            _job.Reset(JobMode.Teacher, rows, ct);
            _job.Model = model;
            _job.BlockIndex = blockIndex;
            _job.StudentSteps = studentSteps;
            _job.Seed = seed;
            _job.Cond = cond;
            _job.BroadcastCondition = broadcastCondition;
            _job.Solver = solver;
            _job.Output = dst;
            return RunJob();
        }
    }

    private OdeStatistics RunJob()
    {
        foreach (FlowLane l in _lanes)
        {
            l.Statistics = default;
        }

        try
        {
            if (ParallelizeInsideNetwork && _pool.ThreadCount > 1)
            {
                _job.GemmPool = _pool;
                _job.Execute(0, 1);
            }
            else
            {
                _job.GemmPool = null;
                _pool.Run(_job);
            }
        }
        finally
        {
            _job.Clear();
        }

        var s = default(OdeStatistics);
        foreach (FlowLane l in _lanes)
        {
            s = s.CombineRows(l.Statistics);
        }

        return s;
    }

    private enum JobMode
    {
        Push,
        Sample,
        LogLikelihood,
        Teacher,
    }

    private sealed class ChunkJob(FlowEngine engine) : IParallelJob
    {
        public JobMode Mode;
        public int Rows;
        public CancellationToken Ct;
        public Mlp? Network;
        public float[]? PoolArray;
        public float[]? ConditionArray;
        public OdeSolverOptions Solver = OdeSolverOptions.Default;
        public LocalFlowModel? Model;
        public long FirstRow;
        public ulong Seed;
        public float* Cond;
        public bool BroadcastCondition;
        public bool UseStudents;
        public float* Output;
        public float* Input;
        public double* LogP;
        public int Probes;
        public int BlockIndex;
        public int StudentSteps;
        public WorkerPool? GemmPool;

        public void Reset(JobMode mode, int rows, CancellationToken ct)
        {
            Clear();
            Mode = mode;
            Rows = rows;
            Ct = ct;
        }

        public void Clear()
        {
            Network = null;
            PoolArray = null;
            ConditionArray = null;
            Model = null;
            Cond = null;
            Output = null;
            Input = null;
            LogP = null;
        }

        public void Execute(int part, int partCount)
        {
            int chunk = engine.ChunkRows;
            int chunks = (Rows + chunk - 1) / chunk;
            int k0 = (int)((long)chunks * part / partCount);
            int k1 = (int)((long)chunks * (part + 1) / partCount);
            FlowLane lane = engine._lanes[part];
            for (int k = k0; k < k1; k++)
            {
                Ct.ThrowIfCancellationRequested();
                int start = k * chunk;
                int n = Math.Min(chunk, Rows - start);
                OdeStatistics s = Mode switch
                {
                    JobMode.Push => PushChunk(lane, start, n),
                    JobMode.Sample => SampleChunk(lane, start, n),
                    JobMode.LogLikelihood => LikelihoodChunk(lane, k, start, n),
                    _ => TeacherChunk(lane, start, n),
                };
                lane.Statistics = lane.Statistics.CombineRows(s);
            }
        }

        private MlpVelocityField FieldFor(FlowLane lane, MlpShape shape)
        {
            MlpVelocityField f = lane.Field(shape);
            f.GemmPool = GemmPool;
            return f;
        }

        private OdeStatistics PushChunk(FlowLane lane, int start, int n)
        {
            int d = engine.FlowDimension, c = engine.ConditionDimension;
            MlpVelocityField f = FieldFor(lane, Network!.Shape);
            f.Network = Network;
            f.HutchinsonProbes = 0;
            f.Condition = c == 0 ? ReadOnlyMemory<float>.Empty : new ReadOnlyMemory<float>(ConditionArray, start * c, n * c);
            return lane.Solver.Integrate(f, 0, 1, PoolArray.AsSpan(start * d, n * d), n, Solver);
        }

        private void LoadCondition(FlowLane lane, int start, int n)
        {
            int c = engine.ConditionDimension;
            if (c == 0)
            {
                return;
            }

            var dst = lane.Condition.AsSpan(0, n * c);
            if (BroadcastCondition)
            {
                var row = new ReadOnlySpan<float>(Cond, c);
                for (int r = 0; r < n; r++)
                {
                    row.CopyTo(dst.Slice(r * c, c));
                }
            }
            else
            {
                new ReadOnlySpan<float>(Cond + ((long)start * c), n * c).CopyTo(dst);
            }
        }

        private void FillNoise(FlowLane lane, long firstGlobalRow, int n)
        {
            int d = engine.FlowDimension;
            long end = firstGlobalRow + n;
            long b0 = firstGlobalRow / NoiseBlockRows;
            long b1 = (end - 1) / NoiseBlockRows;
            for (long b = b0; b <= b1; b++)
            {
                var rng = new Rng(Seed, (ulong)b);
                Span<float> noise = lane.Scratch.AsSpan(0, NoiseBlockRows * d);
                rng.FillGaussian(noise);
                long blockStart = b * NoiseBlockRows;
                long from = Math.Max(blockStart, firstGlobalRow);
                long to = Math.Min(blockStart + NoiseBlockRows, end);
                noise.Slice((int)(from - blockStart) * d, (int)(to - from) * d)
                    .CopyTo(lane.X.AsSpan((int)(from - firstGlobalRow) * d));
            }
        }

        // Reverse through blocks [from, to] (from ≥ to), teacher or student.
        private OdeStatistics Reverse(FlowLane lane, int n, int from, int to, bool students)
        {
            int d = engine.FlowDimension, c = engine.ConditionDimension;
            var stats = default(OdeStatistics);
            ReadOnlyMemory<float> cond = c == 0 ? ReadOnlyMemory<float>.Empty : new ReadOnlyMemory<float>(lane.Condition, 0, n * c);
            for (int i = from; i >= to; i--)
            {
                LocalFlowBlock block = Model!.Blocks[i];
                if (students && block.Student is not null)
                {
                    DistilledStudent st = block.Student;
                    MlpVelocityField f = FieldFor(lane, st.Network.Shape);
                    f.Network = st.Network;
                    f.Condition = cond;
                    Span<float> x = lane.X.AsSpan(0, n * d);
                    Span<float> dx = lane.Scratch.AsSpan(0, n * d);
                    for (int j = st.Steps; j >= 1; j--)
                    {
                        f.Evaluate((float)j / st.Steps, x, n, dx);
                        TensorPrimitives.Add(x, dx, x);
                    }

                    stats = stats.Then(new OdeStatistics(st.Steps, st.Steps, 0));
                }
                else
                {
                    MlpVelocityField f = FieldFor(lane, block.Network.Shape);
                    f.Network = block.Network;
                    f.HutchinsonProbes = 0;
                    f.Condition = cond;
                    stats = stats.Then(lane.Solver.Integrate(f, 1, 0, lane.X.AsSpan(0, n * d), n, Solver));
                }
            }

            return stats;
        }

        private OdeStatistics SampleChunk(FlowLane lane, int start, int n)
        {
            int d = engine.FlowDimension;
            LoadCondition(lane, start, n);
            FillNoise(lane, FirstRow + start, n);
            OdeStatistics s = Reverse(lane, n, Model!.Blocks.Count - 1, 0, UseStudents);
            int D = Model.Dimension;
            Model.Normalization.Denormalize(lane.X.AsSpan(0, n * d), n, new Span<float>(Output + ((long)start * D), n * D));
            return s;
        }

        private OdeStatistics TeacherChunk(FlowLane lane, int start, int n)
        {
            int d = engine.FlowDimension, c = engine.ConditionDimension;
            LoadCondition(lane, start, n);
            FillNoise(lane, start, n);
            var stats = default(OdeStatistics);
            if (BlockIndex < Model!.Blocks.Count - 1)
            {
                stats = Reverse(lane, n, Model.Blocks.Count - 1, BlockIndex + 1, students: false);
            }

            int k = StudentSteps;
            long slab = (long)Rows * d;
            Span<float> x = lane.X.AsSpan(0, n * d);
            x.CopyTo(new Span<float>(Output + (k * slab) + ((long)start * d), n * d));
            LocalFlowBlock block = Model.Blocks[BlockIndex];
            MlpVelocityField f = FieldFor(lane, block.Network.Shape);
            f.Network = block.Network;
            f.HutchinsonProbes = 0;
            f.Condition = c == 0 ? ReadOnlyMemory<float>.Empty : new ReadOnlyMemory<float>(lane.Condition, 0, n * c);
            for (int j = k; j >= 1; j--)
            {
                stats = stats.Then(lane.Solver.Integrate(f, (double)j / k, (double)(j - 1) / k, x, n, Solver));
                x.CopyTo(new Span<float>(Output + ((j - 1) * slab) + ((long)start * d), n * d));
            }

            return stats;
        }

        private OdeStatistics LikelihoodChunk(FlowLane lane, int chunkIndex, int start, int n)
        {
            int d = engine.FlowDimension, c = engine.ConditionDimension;
            LocalFlowModel m = Model!;
            int D = m.Dimension;
            var xin = new ReadOnlySpan<float>(Input + ((long)start * D), n * D);
            m.Normalization.Normalize(xin, n, lane.X.AsSpan(0, n * d));
            LoadCondition(lane, start, n);
            Span<double> ld = lane.LogDet.AsSpan(0, n);
            ld.Clear();
            var stats = default(OdeStatistics);
            ReadOnlyMemory<float> cond = c == 0 ? ReadOnlyMemory<float>.Empty : new ReadOnlyMemory<float>(lane.Condition, 0, n * c);
            for (int i = 0; i < m.Blocks.Count; i++)
            {
                LocalFlowBlock block = m.Blocks[i];
                MlpVelocityField f = FieldFor(lane, block.Network.Shape);
                f.Network = block.Network;
                f.Condition = cond;
                f.HutchinsonProbes = Probes;
                f.ProbeRng = Probes > 0 ? new Rng(Seed, ((ulong)chunkIndex << 16) | (uint)i) : null;
                stats = stats.Then(lane.Solver.IntegrateWithLogDeterminant(f, 0, 1, lane.X.AsSpan(0, n * d), n, ld, Solver));
            }

            var dst = new Span<double>(LogP + start, n);
            for (int r = 0; r < n; r++)
            {
                double sq = 0;
                for (int j = 0; j < d; j++)
                {
                    double z = lane.X[(r * d) + j];
                    sq += z * z;
                }

                dst[r] = m.Normalization.ConstantsMatch(xin, r)
                    ? (-0.5 * sq) - (0.5 * d * Log2Pi) + ld[r] + m.Normalization.LogJacobian
                    : double.NegativeInfinity;
            }

            return stats;
        }
    }
}
