using Microsoft.ML.LocalFlow.Numerics.Nn;
using Microsoft.ML.LocalFlow.Numerics.Optim;
using Microsoft.ML.LocalFlow.Numerics.Random;
using Microsoft.ML.LocalFlow.Numerics.Threading;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Nn;

[TestClass]
public sealed class MlpRegressionStepTests
{
    private static readonly MlpShape Shape = new(dataDimension: 3, hiddenWidth: 24, hiddenLayers: 3, activation: Activation.Silu,
        timeEncoding: TimeEncoding.Fourier, fourierFrequencies: 2, conditionDimension: 1);

    /// <summary>Trains on a fixed smooth target with batches drawn from a seeded stream; returns the final weights.</summary>
    private static (float[] Weights, float FirstLoss, float LastLoss) Train(int steps, WorkerPool? pool, ulong seed = 7)
    {
        const int rows = 64;
        var mlp = new Mlp(Shape, seed);
        var step = new MlpRegressionStep(mlp, new Adam(mlp.ParameterCount, new StepLearningRate(3e-3f, 20, 0.9f), maxGradientNorm: 5f), rows);
        var rng = new Rng(seed, 1);
        var t = new float[rows];
        var x = new float[rows * 3];
        var c = new float[rows];
        var y = new float[rows * 3];
        float first = 0, last = 0;
        for (int s = 0; s < steps; s++)
        {
            rng.FillUniform(t);
            rng.FillGaussian(x);
            rng.FillUniform(c);
            for (int i = 0; i < y.Length; i++)
            {
                y[i] = MathF.Sin(x[i]) * t[i / 3] + c[i / 3];
            }
            last = step.Step(t, x, c, y, rows, pool);
            if (s == 0)
            {
                first = last;
            }
        }
        return (mlp.Parameters.ToArray(), first, last);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    public void SameSeedAndThreadCountGiveBitIdenticalWeightsAfter50Steps(int threads)
    {
        using var pool = new WorkerPool(threads);
        (float[] a, _, _) = Train(50, pool);
        (float[] b, _, _) = Train(50, pool);
        CollectionAssert.AreEqual(a, b);
        (float[] other, _, _) = Train(50, pool, seed: 8);
        CollectionAssert.AreNotEqual(a, other);
    }

    [TestMethod]
    public void TrainingReducesTheLoss()
    {
        (_, float first, float last) = Train(150, null);
        Assert.IsTrue(last < 0.5f * first, $"loss went from {first} to {last}");
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    public void StepAllocatesNothingAfterWarmUp(int threads)
    {
        using var pool = new WorkerPool(threads);
        const int rows = 50;
        var mlp = new Mlp(Shape, 1);
        var step = new MlpRegressionStep(mlp, new AdamW(mlp.ParameterCount, new CosineLearningRate(1e-3f, 2, 100), maxGradientNorm: 1f), rows);
        var rng = new Rng(2);
        var t = new float[rows];
        var x = new float[rows * 3];
        var c = new float[rows];
        var y = new float[rows * 3];
        var ema = new ExponentialMovingAverage(mlp.Parameters, 0.99f);
        void Once()
        {
            rng.FillUniform(t);
            rng.FillGaussian(x);
            rng.FillBeta(c, 2, 3);
            rng.FillGaussian(y);
            step.Step(t, x, c, y, rows, pool);
            ema.Update(mlp.Parameters);
        }
        Once();
        Once();
        WarmPool(pool);
        // The least over three rounds: one-off runtime work (tiered JIT promoting a method mid-round) can allocate a
        // few KB on this thread; a per-step allocation shows up in every round.
        long allocated = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            long start = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 5; i++)
            {
                Once();
            }

            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - start);
        }

        Assert.AreEqual(0L, allocated, "bytes allocated by five warm training steps, in every round");

        // Inference and divergence after warm-up allocate nothing either.
        var iws = new MlpInferenceWorkspace(Shape, rows);
        var output = new float[rows * 3];
        var div = new float[rows];
        mlp.ForwardWithDivergence(t, x, c, rows, output, div, iws, pool);
        mlp.ForwardWithDivergenceEstimate(t, x, c, rows, output, div, 2, rng, iws, pool);
        long inference = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            long start = GC.GetAllocatedBytesForCurrentThread();
            mlp.Forward(t, x, c, rows, output, iws, pool);
            mlp.ForwardWithDivergence(t, x, c, rows, output, div, iws, pool);
            mlp.ForwardWithDivergenceEstimate(t, x, c, rows, output, div, 2, rng, iws, pool);
            inference = Math.Min(inference, GC.GetAllocatedBytesForCurrentThread() - start);
        }

        Assert.AreEqual(0L, inference, "bytes allocated by warm inference, in every round");
    }

    /// <summary>
    /// Makes the pool's synchronisation primitives take their blocking paths once (the caller waiting for a slow
    /// part, workers waiting for work), so that any lock objects they create lazily exist before measuring.
    /// </summary>
    private static void WarmPool(WorkerPool pool)
    {
        var slow = new SlowJob();
        for (int i = 0; i < 3; i++)
        {
            pool.Run(slow);
            Thread.Sleep(20);
        }
    }

    private sealed class SlowJob : IParallelJob
    {
        public void Execute(int part, int partCount)
        {
            if (part > 0)
            {
                Thread.Sleep(20);
            }
        }
    }

    [TestMethod]
    public void NonFiniteLossThrowsAndLeavesTheModelUnchanged()
    {
        var mlp = new Mlp(Shape, 1);
        var adam = new Adam(mlp.ParameterCount, 1e-3f);
        var step = new MlpRegressionStep(mlp, adam, 2);
        float[] before = mlp.Parameters.ToArray();
        float[] y = [0, 0, float.NaN, 0, 0, 0];
        var ex = Assert.ThrowsExactly<NonFiniteValueException>(() => step.Step([0.1f, 0.2f], new float[6], new float[2], y, 2));
        Assert.AreEqual("loss", ex.Name);
        CollectionAssert.AreEqual(before, mlp.Parameters.ToArray());
        Assert.AreEqual(0, adam.Iteration);
        Assert.AreEqual("target", Assert.ThrowsExactly<ArgumentException>(() => step.Step([0.1f, 0.2f], new float[6], new float[2], new float[5], 2)).ParamName);
        Assert.AreEqual("optimizer", Assert.ThrowsExactly<ArgumentException>(() => new MlpRegressionStep(mlp, new Adam(3, 1f), 2)).ParamName);
    }

    [TestMethod]
    public void ConcurrentInferenceWithSeparateWorkspacesMatchesSequential()
    {
        var mlp = new Mlp(Shape, 3);
        const int rows = 40;
        (float[] t, float[] x, float[] c) = MlpGradientTests.Batch(Shape, rows, 4);
        var expected = new float[rows * 3];
        mlp.Forward(t, x, c, rows, expected, new MlpInferenceWorkspace(Shape, rows));
        var results = new float[4][];
        Parallel.For(0, 4, k =>
        {
            var ws = new MlpInferenceWorkspace(Shape, rows);
            var o = new float[rows * 3];
            for (int i = 0; i < 20; i++)
            {
                mlp.Forward(t, x, c, rows, o, ws);
            }
            results[k] = o;
        });
        foreach (float[] r in results)
        {
            CollectionAssert.AreEqual(expected, r);
        }
    }
}
