using System.Numerics.Tensors;
using Microsoft.ML.LocalFlow.Numerics.Nn;
using Microsoft.ML.LocalFlow.Numerics.Optim;
using Microsoft.ML.LocalFlow.Numerics.Random;
using Microsoft.ML.LocalFlow.Numerics.Threading;

namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>
/// Distillation (paper §5.2): per block, a k-step student of the block's reverse map x(1) → x(0), trained by
/// regression on pairs from the teacher's own integration. The teacher trajectories start from noise taken through
/// the later blocks by the teacher, so each student sees the inputs it will meet when sampling.
/// </summary>
/// <remarks>
/// The student has the teacher's architecture and starts as the teacher's explicit Euler step (its output layer is
/// the teacher's scaled by −1/k, since x(t_{j−1}) ≈ x(t_j) − v(t_j, x)/k), so training starts from a sensible map.
/// Loss: mean over batch and dims of |x_j + s(t_j, x_j) − x_{j−1}|² with segments j drawn uniformly.
/// </remarks>
public static class LocalFlowDistiller
{
    /// <summary>Returns a copy of <paramref name="model"/> with a distilled student in every block.</summary>
    /// <param name="model">The teacher.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <param name="conditions">For a conditional model: condition rows (n × c) to draw the teachers' conditions from; empty otherwise.</param>
    /// <param name="progress">Progress sink (phase <see cref="LocalFlowPhase.Distilling"/>), or null.</param>
    /// <param name="cancellationToken">Cancels between iterations.</param>
    /// <returns>The model with students.</returns>
    /// <exception cref="ArgumentException">The conditions do not match the model.</exception>
    public static LocalFlowModel Distill(LocalFlowModel model, DistillationOptions? options = null, ReadOnlySpan<float> conditions = default,
        IProgress<LocalFlowProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= DistillationOptions.Default;
        options.Validate();
        int d = model.FlowDimension, c = model.ConditionDimension, k = options.Steps;
        if (c > 0 && (conditions.Length == 0 || conditions.Length % c != 0))
        {
            throw new ArgumentException($"A conditional model (c = {c}) needs condition rows to distil; got {conditions.Length} values.", nameof(conditions));
        }

        if (c == 0 && !conditions.IsEmpty)
        {
            throw new ArgumentException("The model is unconditional; pass no conditions.", nameof(conditions));
        }

        int threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        using var pool = threads == 1 ? WorkerPool.Sequential : new WorkerPool(threads);
        using var engine = new FlowEngine(d, c, 1024, threads, pool);
        int pairs = options.Pairs;
        var cond = new float[pairs * c];
        if (c > 0)
        {
            var crng = new Rng(options.Seed, 0xC0DE);
            int available = conditions.Length / c;
            for (int p = 0; p < pairs; p++)
            {
                conditions.Slice(crng.NextInt(available) * c, c).CopyTo(cond.AsSpan(p * c, c));
            }
        }

        var trajectory = new float[(long)(k + 1) * pairs * d];
        var students = new DistilledStudent?[model.Blocks.Count];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var lrOptions = new LocalFlowOptions
        {
            LearningRate = options.LearningRate,
            IterationsPerBlock = options.Iterations,
            LearningRateSchedule = LearningRateScheduleKind.Cosine,
        };
        for (int i = model.Blocks.Count - 1; i >= 0; i--)
        {
            LocalFlowBlock block = model.Blocks[i];
            ulong blockSeed = new Rng(options.Seed, 0xD157_0000UL + (ulong)i).NextUInt64();
            engine.TeacherTrajectories(model, i, k, pairs, blockSeed, cond, broadcastCondition: false, options.Teacher, trajectory, cancellationToken);

            Mlp student = block.Network.Clone();
            MlpShape shape = student.Shape;
            int last = shape.HiddenLayers;
            int w0 = shape.WeightOffset(last);
            int count = (shape.LayerInputWidth(last) + 1) * shape.LayerOutputWidth(last);
            TensorPrimitives.Multiply(student.Parameters.Slice(w0, count), -1f / k, student.Parameters.Slice(w0, count));

            int B = options.BatchSize;
            var ws = new MlpWorkspace(shape, B);
            var x = new float[B * d];
            var target = new float[B * d];
            var t = new float[B];
            var bc = new float[B * c];
            var output = new float[B * d];
            var grads = new float[student.ParameterCount];
            IOptimizer opt = BlockOptimizer.Create(student.ParameterCount, lrOptions);
            var rng = new Rng(blockSeed, 1);
            long slab = (long)pairs * d;
            double lossSum = 0;
            int lossCount = 0;
            for (int it = 0; it < options.Iterations; it++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (int r = 0; r < B; r++)
                {
                    int p = rng.NextInt(pairs);
                    int j = 1 + rng.NextInt(k);
                    t[r] = (float)j / k;
                    trajectory.AsSpan((int)((j * slab) + (p * d)), d).CopyTo(x.AsSpan(r * d, d));
                    // target residual = x_{j−1} − x_j
                    TensorPrimitives.Subtract(trajectory.AsSpan((int)(((j - 1) * slab) + (p * d)), d), x.AsSpan(r * d, d), target.AsSpan(r * d, d));
                    if (c > 0)
                    {
                        cond.AsSpan(p * c, c).CopyTo(bc.AsSpan(r * c, c));
                    }
                }

                student.Forward(t, x, bc, B, output, ws, pool);
                TensorPrimitives.Subtract(output, target, output);
                double loss = TensorPrimitives.SumOfSquares(output) / ((double)B * d);
                if (!double.IsFinite(loss))
                {
                    throw new InvalidOperationException($"Distilling block {i + 1}, iteration {it + 1}: the loss is {loss}.");
                }

                TensorPrimitives.Multiply(output, (float)(2.0 / ((double)B * d)), output);
                student.Backward(output, ws, grads, Span<float>.Empty, pool);
                opt.Step(student.Parameters, grads, pool);
                lossSum += loss;
                lossCount++;
                if (progress is not null && ((it + 1) % 100 == 0 || it + 1 == options.Iterations))
                {
                    progress.Report(new LocalFlowProgress(LocalFlowPhase.Distilling, i + 1, model.Blocks.Count, it + 1, options.Iterations,
                        lossSum / lossCount, double.NaN, clock.Elapsed, null));
                    lossSum = 0;
                    lossCount = 0;
                }
            }

            students[i] = new DistilledStudent(student, k);
        }

        return model.WithStudents(students);
    }
}
