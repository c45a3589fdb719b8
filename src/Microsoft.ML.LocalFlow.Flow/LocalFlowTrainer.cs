using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.ML.LocalFlow.Flow.Couplings;
using Microsoft.ML.LocalFlow.Flow.Interpolants;
using Microsoft.ML.LocalFlow.Flow.Schedules;
using Microsoft.ML.LocalFlow.Flow.Serialization;
using Microsoft.ML.LocalFlow.Numerics.Nn;
using Microsoft.ML.LocalFlow.Numerics.Optim;
using Microsoft.ML.LocalFlow.Numerics.Random;
using Microsoft.ML.LocalFlow.Numerics.Threading;

namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>
/// Trains a Local Flow Matching model (arXiv 2410.02548): the data are standardised, then for each block n the
/// MLP v_n is trained on pairs (x_l, x_r) — x_l drawn from the current pool, x_r from the block's coupling (an OU step
/// of size γ_n, or N(0, I) for the free block) — with loss mean |v_n(t, I_t) − ∂_t I_t|², and the whole pool is
/// pushed through the block's ODE (t: 0 → 1) to become the next block's data.
/// </summary>
/// <remarks>
/// <para>Randomness: block n draws everything (batches, noise, times) from stream n+1 of <see cref="LocalFlowOptions.Seed"/>,
/// its initial weights from a seed derived from (seed, n), and its fixed validation batch from another derived
/// stream; the validation split comes from stream 0. Nothing depends on scheduling, so a fit resumed from the
/// checkpoint after block m equals the uninterrupted fit, and the same seed and thread count give a bit-identical model.</para>
/// <para>Checkpoints: with <see cref="LocalFlowOptions.CheckpointDirectory"/> set, the model so far is written atomically
/// to <c>checkpoint.lfm</c> there after every block, with a fingerprint of the data and of the options. A later fit with the
/// same data and options resumes after the last finished block (the pools are rebuilt by pushing the data through the
/// finished blocks, which is deterministic).</para>
/// </remarks>
public static class LocalFlowTrainer
{
    /// <summary>The checkpoint's file name inside <see cref="LocalFlowOptions.CheckpointDirectory"/>.</summary>
    public const string CheckpointFileName = "checkpoint.lfm";

    private const string CheckpointSection = "flow.checkpoint";
    private const int ValidationRowsMax = 4096;

    /// <summary>Fits an unconditional model.</summary>
    /// <param name="data">rows × dimension values, row-major, finite.</param>
    /// <param name="rows">Rows, at least 2.</param>
    /// <param name="dimension">Columns d, at least 1.</param>
    /// <param name="options">Options; validated.</param>
    /// <param name="progress">Progress sink, or null.</param>
    /// <param name="cancellationToken">Cancels between iterations and between push-forward chunks.</param>
    /// <returns>The model.</returns>
    public static LocalFlowModel Fit(ReadOnlySpan<float> data, int rows, int dimension, LocalFlowOptions options,
        IProgress<LocalFlowProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Fit(data, rows, dimension, ReadOnlySpan<float>.Empty, 0, options, progress, cancellationToken);

    /// <summary>Fits a model, optionally conditioned on a per-row vector (fed to every block, carried with its row, never pushed).</summary>
    /// <param name="data">rows × dimension values, row-major, finite.</param>
    /// <param name="rows">Rows, at least 2.</param>
    /// <param name="dimension">Columns d, at least 1.</param>
    /// <param name="condition">rows × conditionDimension values (e.g. one-hot labels), or empty when conditionDimension is 0.</param>
    /// <param name="conditionDimension">c, at least 0.</param>
    /// <param name="options">Options; validated.</param>
    /// <param name="progress">Progress sink, or null.</param>
    /// <param name="cancellationToken">Cancels between iterations and between push-forward chunks.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">Shapes do not match, a value is not finite (the message gives row and column), fewer than 2 rows, or all columns constant.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; finished blocks are in the checkpoint, if any.</exception>
    /// <exception cref="InvalidOperationException">Training diverged (non-finite loss or gradient).</exception>
    public static LocalFlowModel Fit(ReadOnlySpan<float> data, int rows, int dimension, ReadOnlySpan<float> condition, int conditionDimension,
        LocalFlowOptions options, IProgress<LocalFlowProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        options = options.Clone();
        DataNormalization.CheckShape(data, rows, dimension, nameof(data));
        ArgumentOutOfRangeException.ThrowIfNegative(conditionDimension);
        if (conditionDimension == 0 ? !condition.IsEmpty : condition.Length != (long)rows * conditionDimension)
        {
            throw new ArgumentException($"condition holds {condition.Length} values; {rows} rows × {conditionDimension} need {(long)rows * conditionDimension}.", nameof(condition));
        }

        for (int i = 0; i < condition.Length; i++)
        {
            if (!float.IsFinite(condition[i]))
            {
                throw new ArgumentException($"Condition row {i / conditionDimension}, column {i % conditionDimension}: the value {condition[i]} is not finite.", nameof(condition));
            }
        }

        DataNormalization norm = DataNormalization.Fit(data, rows, dimension);
        using var run = new FitRun(norm, conditionDimension, options, progress, cancellationToken);
        run.Prepare(data, rows, condition);
        return run.Execute(Fingerprint(data, rows, dimension, condition, conditionDimension, options));
    }

    private static byte[] Fingerprint(ReadOnlySpan<float> data, int rows, int dimension, ReadOnlySpan<float> condition, int c, LocalFlowOptions o)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(BitConverter.GetBytes(rows));
        h.AppendData(BitConverter.GetBytes(dimension));
        h.AppendData(BitConverter.GetBytes(c));
        h.AppendData(MemoryMarshal.AsBytes(data));
        h.AppendData(MemoryMarshal.AsBytes(condition));
        h.AppendData(LocalFlowModelSerializer.OptionsBytes(o));
        return h.GetHashAndReset();
    }

    private sealed class FitRun : IDisposable
    {
        private readonly DataNormalization _norm;
        private readonly int _c;
        private readonly int _d;
        private readonly LocalFlowOptions _o;
        private readonly IProgress<LocalFlowProgress>? _progress;
        private readonly CancellationToken _ct;
        private readonly WorkerPool _pool;
        private readonly FlowEngine _engine;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private float[] _train = [];
        private float[] _trainCond = [];
        private float[] _val = [];
        private float[] _valCond = [];
        private int _nTrain;
        private int _nVal;
        private long _itersDone;
        private long _itersTotal;

        public FitRun(DataNormalization norm, int c, LocalFlowOptions o, IProgress<LocalFlowProgress>? progress, CancellationToken ct)
        {
            _norm = norm;
            _c = c;
            _d = norm.FlowDimension;
            _o = o;
            _progress = progress;
            _ct = ct;
            int threads = o.EffectiveThreads;
            _pool = threads == 1 ? WorkerPool.Sequential : new WorkerPool(threads);
            _engine = new FlowEngine(_d, c, o.ChunkRows, threads, _pool);
        }

        public void Dispose()
        {
            _engine.Dispose();
            _pool.Dispose();
        }

        public void Prepare(ReadOnlySpan<float> data, int rows, ReadOnlySpan<float> condition)
        {
            int d = _d, c = _c;
            var z = new float[(long)rows * d];
            _norm.Normalize(data, rows, z);
            _nVal = _o.ValidationFraction > 0 ? Math.Max(1, (int)Math.Round(_o.ValidationFraction * rows)) : 0;
            _nTrain = rows - _nVal;
            if (_nTrain < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(LocalFlowOptions.ValidationFraction), _o.ValidationFraction, $"No training rows are left out of {rows}.");
            }

            if (_nVal == 0)
            {
                _train = z;
                _trainCond = condition.ToArray();
                return;
            }

            // Validation split: a seeded permutation (stream 0); the first nVal rows are held out.
            var perm = new int[rows];
            for (int i = 0; i < rows; i++)
            {
                perm[i] = i;
            }

            var rng = new Rng(_o.Seed, 0);
            for (int i = rows - 1; i > 0; i--)
            {
                int j = rng.NextInt(i + 1);
                (perm[i], perm[j]) = (perm[j], perm[i]);
            }

            _val = new float[(long)_nVal * d];
            _valCond = new float[(long)_nVal * c];
            _train = new float[(long)_nTrain * d];
            _trainCond = new float[(long)_nTrain * c];
            for (int i = 0; i < rows; i++)
            {
                int src = perm[i];
                bool isVal = i < _nVal;
                int dst = isVal ? i : i - _nVal;
                z.AsSpan(src * d, d).CopyTo((isVal ? _val : _train).AsSpan(dst * d, d));
                if (c > 0)
                {
                    condition.Slice(src * c, c).CopyTo((isVal ? _valCond : _trainCond).AsSpan(dst * c, c));
                }
            }
        }

        public LocalFlowModel Execute(byte[] fingerprint)
        {
            StepSizeSchedule schedule = _o.Schedule;
            int n = schedule.Count;
            var blocks = new List<LocalFlowBlock>();
            string? ckpt = _o.CheckpointDirectory is null ? null : Path.Combine(_o.CheckpointDirectory, CheckpointFileName);
            if (ckpt is not null && _o.ResumeFromCheckpoint && File.Exists(ckpt))
            {
                LocalFlowModel? done = TryLoadCheckpoint(ckpt, fingerprint);
                if (done is not null)
                {
                    foreach (LocalFlowBlock b in done.Blocks)
                    {
                        blocks.Add(b);
                        if (blocks.Count < n)
                        {
                            PushPools(b.Network);
                        }
                    }

                    Report(LocalFlowPhase.Resumed, blocks.Count, _o.IterationsPerBlock, double.NaN, double.NaN);
                }
            }

            _itersTotal = (long)(n - blocks.Count) * _o.IterationsPerBlock;
            for (int b = blocks.Count; b < n; b++)
            {
                Mlp? previous = blocks.Count > 0 ? blocks[^1].Network : null;
                Mlp net = TrainBlock(b, schedule.Steps[b], schedule.CouplingFor(b), previous);
                blocks.Add(new LocalFlowBlock(schedule.Steps[b], net));
                if (b < n - 1)
                {
                    Report(LocalFlowPhase.PushForward, b + 1, _o.IterationsPerBlock, double.NaN, double.NaN);
                    PushPools(net);
                }

                if (ckpt is not null)
                {
                    Directory.CreateDirectory(_o.CheckpointDirectory!);
                    var partial = new LocalFlowModel(_o, _norm, _c, blocks);
                    var file = partial.ToModelFile();
                    file.SetSection(CheckpointSection, fingerprint);
                    file.Save(ckpt);
                }

                Report(LocalFlowPhase.BlockCompleted, b + 1, _o.IterationsPerBlock, double.NaN, double.NaN);
            }

            return new LocalFlowModel(_o, _norm, _c, blocks);
        }

        private LocalFlowModel? TryLoadCheckpoint(string path, byte[] fingerprint)
        {
            try
            {
                var file = Serialization.ModelFile.Load(path);
                if (!file.TryGetSection(CheckpointSection, out byte[] fp) || !fp.AsSpan().SequenceEqual(fingerprint))
                {
                    return null; // another data set or other options: start afresh (and overwrite it)
                }

                LocalFlowModel m = LocalFlowModel.FromModelFile(file);
                return m.Blocks.Count <= _o.Schedule.Count ? m : null;
            }
            catch (InvalidDataException)
            {
                return null; // a damaged checkpoint is ignored
            }
        }

        private void PushPools(Mlp net)
        {
            _engine.Push(net, _train, _nTrain, _trainCond, _o.PushForward, _ct);
            if (_nVal > 0)
            {
                _engine.Push(net, _val, _nVal, _valCond, _o.PushForward, _ct);
            }
        }

        private void Report(LocalFlowPhase phase, int block, int iteration, double loss, double valLoss)
        {
            if (_progress is null)
            {
                return;
            }

            TimeSpan elapsed = _clock.Elapsed;
            TimeSpan? eta = _itersDone > 0 ? TimeSpan.FromSeconds(elapsed.TotalSeconds / _itersDone * Math.Max(0, _itersTotal - _itersDone)) : null;
            _progress.Report(new LocalFlowProgress(phase, block, _o.Schedule.Count, iteration, _o.IterationsPerBlock, loss, valLoss, elapsed, eta));
        }

        private static ulong DeriveSeed(ulong seed, int block) => new Rng(seed, 0x5EED_0000UL + (ulong)block).NextUInt64();

        private Mlp TrainBlock(int b, BlockStep step, ICoupling coupling, Mlp? previous)
        {
            LocalFlowOptions o = _o;
            int d = _d, c = _c;
            var shape = new MlpShape(d, o.HiddenWidth, o.HiddenLayers, o.Activation, o.TimeEncoding, o.FourierFrequencies, c);
            Mlp net = o.WarmStart && previous is not null ? previous.Clone() : new Mlp(shape, DeriveSeed(o.Seed, b));
            var rng = new Rng(o.Seed, 1 + (ulong)b);
            IInterpolant interpolant = Interpolant.Create(o.Interpolant, o.SigmaMin);
            int B = o.BatchSize, tk = o.TimeSampling.DrawsPerPair, R = B * tk;
            var ps = new PathSample(R, d);
            var cond = new float[R * c];
            var output = new float[R * d];
            var grads = new float[net.ParameterCount];
            var ws = new MlpWorkspace(shape, R);
            IOptimizer opt = BlockOptimizer.Create(net.ParameterCount, o);
            _ = step;

            // Fixed validation batch for this block.
            ValidationBatch? vb = _nVal > 0 ? new ValidationBatch(this, b, shape, coupling, interpolant) : null;
            float[]? best = null;
            double bestLoss = double.PositiveInfinity;
            int sinceBest = 0;
            double lastVal = double.NaN;
            double lossSum = 0;
            int lossCount = 0;

            for (int it = 0; it < o.IterationsPerBlock; it++)
            {
                _ct.ThrowIfCancellationRequested();
                for (int j = 0; j < B; j++)
                {
                    int idx = rng.NextInt(_nTrain);
                    _train.AsSpan(idx * d, d).CopyTo(ps.X0.AsSpan(j * d, d));
                    if (c > 0)
                    {
                        _trainCond.AsSpan(idx * c, c).CopyTo(cond.AsSpan(j * c, c));
                    }
                }

                coupling.Couple(ps.X0.AsSpan(0, B * d), ps.X1.AsSpan(0, B * d), B, d, rng);
                for (int k = 1; k < tk; k++)
                {
                    ps.X0.AsSpan(0, B * d).CopyTo(ps.X0.AsSpan(k * B * d));
                    ps.X1.AsSpan(0, B * d).CopyTo(ps.X1.AsSpan(k * B * d));
                    cond.AsSpan(0, B * c).CopyTo(cond.AsSpan(k * B * c));
                }

                o.TimeSampling.Fill(ps.T.AsSpan(0, R), rng);
                interpolant.Interpolate(ps);
                net.Forward(ps.T, ps.Xt, cond, R, output, ws, _pool);

                // loss = mean (v − target)²; ∂loss/∂v = 2(v − target)/(R·d).
                Span<float> diff = output.AsSpan(0, R * d);
                TensorPrimitives.Subtract(diff, ps.DxDt.AsSpan(0, R * d), diff);
                double loss = TensorPrimitives.SumOfSquares(diff) / ((double)R * d);
                if (!double.IsFinite(loss))
                {
                    throw new InvalidOperationException($"Block {b + 1}, iteration {it + 1}: the loss is {loss}; training diverged (lower LearningRate or set GradientClipNorm).");
                }

                TensorPrimitives.Multiply(diff, (float)(2.0 / ((double)R * d)), diff);
                net.Backward(diff, ws, grads, Span<float>.Empty, _pool);
                try
                {
                    opt.Step(net.Parameters, grads, _pool);
                }
                catch (NonFiniteValueException ex)
                {
                    throw new InvalidOperationException($"Block {b + 1}, iteration {it + 1}: {ex.Message} Training diverged (lower LearningRate or set GradientClipNorm).", ex);
                }
                lossSum += loss;
                lossCount++;
                _itersDone++;

                if (vb is not null && ((it + 1) % o.ValidationInterval == 0 || it + 1 == o.IterationsPerBlock))
                {
                    lastVal = vb.Loss(net);
                    if (lastVal < bestLoss)
                    {
                        bestLoss = lastVal;
                        sinceBest = 0;
                        if (o.EarlyStoppingPatience > 0)
                        {
                            best ??= new float[net.ParameterCount];
                            net.Parameters.CopyTo(best);
                        }
                    }
                    else if (o.EarlyStoppingPatience > 0 && ++sinceBest >= o.EarlyStoppingPatience)
                    {
                        _itersTotal -= o.IterationsPerBlock - (it + 1);
                        Report(LocalFlowPhase.Training, b + 1, it + 1, lossSum / lossCount, lastVal);
                        break;
                    }
                }

                if ((it + 1) % o.ProgressInterval == 0 || it + 1 == o.IterationsPerBlock)
                {
                    Report(LocalFlowPhase.Training, b + 1, it + 1, lossSum / lossCount, lastVal);
                    lossSum = 0;
                    lossCount = 0;
                }
            }

            if (best is not null)
            {
                best.CopyTo(net.Parameters);
            }

            return net;
        }

        /// <summary>A fixed validation batch of one block: x_l from the (pushed) validation pool, x_r and t drawn once.</summary>
        private sealed class ValidationBatch
        {
            private readonly PathSample _ps;
            private readonly float[] _cond;
            private readonly float[] _out;
            private readonly MlpInferenceWorkspace _ws;
            private readonly FitRun _run;

            public ValidationBatch(FitRun run, int block, MlpShape shape, ICoupling coupling, IInterpolant interpolant)
            {
                _run = run;
                int d = run._d, c = run._c;
                int v = Math.Min(run._nVal, ValidationRowsMax);
                _ps = new PathSample(v, d);
                run._val.AsSpan(0, v * d).CopyTo(_ps.X0);
                _cond = run._valCond.AsSpan(0, v * c).ToArray();
                var rng = new Rng(run._o.Seed, 0x7A1_0000UL + (ulong)block);
                coupling.Couple(_ps.X0, _ps.X1, v, d, rng);
                run._o.TimeSampling.Fill(_ps.T, rng);
                interpolant.Interpolate(_ps);
                _out = new float[v * d];
                _ws = new MlpInferenceWorkspace(shape, v);
            }

            public double Loss(Mlp net)
            {
                int v = _ps.Rows, d = _run._d;
                net.Forward(_ps.T, _ps.Xt, _cond, v, _out, _ws, _run._pool);
                TensorPrimitives.Subtract(_out, _ps.DxDt, _out);
                return TensorPrimitives.SumOfSquares(_out) / ((double)v * d);
            }
        }
    }
}
