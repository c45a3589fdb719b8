using Microsoft.ML.LocalFlow.Numerics.Optim;
using Microsoft.ML.LocalFlow.Numerics.Random;
using Microsoft.ML.LocalFlow.Numerics.Threading;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Optim;

[TestClass]
public sealed class AdamTests
{
    [TestMethod]
    public void FirstTwoStepsMatchHandComputation()
    {
        // θ₀ = 1, lr = 0.1, g₁ = 0.5, g₂ = 0.25 (worked by hand):
        // step 1: m̂ = 0.5, v̂ = 0.25 → θ₁ = 1 − 0.1·0.5/0.5 = 0.9
        // step 2: m = 0.07, v = 0.00031225, m̂ = 0.07/0.19 = 0.368421, v̂ = 0.00031225/0.001999 = 0.156203
        //         θ₂ = 0.9 − 0.1·0.368421/√0.156203 = 0.9 − 0.093218 = 0.806782
        var adam = new Adam(1, 0.1f);
        float[] theta = [1f];
        adam.Step(theta, [0.5f]);
        Assert.AreEqual(0.9f, theta[0], 1e-6f);
        adam.Step(theta, [0.25f]);
        Assert.AreEqual(0.806782f, theta[0], 2e-6f);
        Assert.AreEqual(2, adam.Iteration);
        Assert.AreEqual(0.07f, adam.FirstMoment[0], 1e-7f);
        Assert.AreEqual(0.00031225f, adam.SecondMoment[0], 3e-8f); // 1 − 0.999f = 0.00100005 in float
    }

    private static double[] ReferenceAdam(double[] theta0, double[][] grads, Func<long, double> lr, double wd, bool decoupled, double maxNorm)
    {
        double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        var theta = (double[])theta0.Clone();
        var m = new double[theta.Length];
        var v = new double[theta.Length];
        for (int k = 1; k <= grads.Length; k++)
        {
            double norm = Math.Sqrt(grads[k - 1].Sum(g => g * g));
            double scale = Math.Min(1, maxNorm / (norm + 1e-6));
            double rate = lr(k - 1);
            for (int i = 0; i < theta.Length; i++)
            {
                double g = grads[k - 1][i] * scale;
                if (!decoupled) g += wd * theta[i];
                else theta[i] *= 1 - rate * wd;
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mh = m[i] / (1 - Math.Pow(b1, k));
                double vh = v[i] / (1 - Math.Pow(b2, k));
                theta[i] -= rate * mh / (Math.Sqrt(vh) + eps);
            }
        }
        return theta;
    }

    [TestMethod]
    [DataRow(false, 0.0, double.PositiveInfinity)]
    [DataRow(false, 0.05, double.PositiveInfinity)]
    [DataRow(true, 0.05, double.PositiveInfinity)]
    [DataRow(true, 0.0, 0.5)]
    public void MatchesFloat64ReferenceOverManySteps(bool decoupled, double weightDecay, double maxNorm)
    {
        const int n = 37; // 16 + 16 + 5: vector and scalar paths
        var rng = new Rng(1);
        var theta = new float[n];
        rng.FillGaussian(theta);
        var grads = new double[25][];
        var schedule = new StepLearningRate(0.05f, 10, 0.5f);
        IOptimizer opt = decoupled
            ? new AdamW(n, schedule, (float)weightDecay, maxGradientNorm: (float)maxNorm)
            : new Adam(n, schedule, weightDecay: (float)weightDecay, maxGradientNorm: (float)maxNorm);
        double[] theta0 = theta.Select(v => (double)v).ToArray();
        var g = new float[n];
        for (int k = 0; k < grads.Length; k++)
        {
            rng.FillGaussian(g);
            grads[k] = g.Select(v => (double)v).ToArray();
            opt.Step(theta, g);
        }
        double[] expected = ReferenceAdam(theta0, grads, it => schedule.LearningRate(it), weightDecay, decoupled, maxNorm);
        for (int i = 0; i < n; i++)
        {
            Assert.AreEqual(expected[i], theta[i], 1e-5 * (1 + Math.Abs(expected[i])), $"index {i}");
        }
        Assert.AreEqual(25, opt.Iteration);
    }

    [TestMethod]
    public void ThreadCountDoesNotChangeTheBits()
    {
        const int n = 10_007;
        var rng = new Rng(2);
        var g = new float[n];
        rng.FillGaussian(g);
        float[] Run(WorkerPool? pool)
        {
            var theta = new float[n];
            new Rng(3).FillGaussian(theta);
            var adam = new AdamW(n, 0.01f);
            for (int i = 0; i < 3; i++)
            {
                adam.Step(theta, g, pool);
            }
            return theta;
        }
        using var pool = new WorkerPool(2);
        CollectionAssert.AreEqual(Run(null), Run(pool));
    }

    [TestMethod]
    [DataRow(float.NaN)]
    [DataRow(float.PositiveInfinity)]
    [DataRow(float.NegativeInfinity)]
    public void NonFiniteGradientThrowsAndLeavesStateUnchanged(float bad)
    {
        const int n = 9000;
        var theta = new float[n];
        new Rng(4).FillGaussian(theta);
        var g = new float[n];
        new Rng(5).FillGaussian(g);
        var adam = new Adam(n, 0.01f);
        using var pool = new WorkerPool(2);
        adam.Step(theta, g, pool);
        float[] thetaBefore = (float[])theta.Clone();
        float[] mBefore = adam.FirstMoment.ToArray();
        float[] vBefore = adam.SecondMoment.ToArray();
        g[8500] = bad;
        var ex = Assert.ThrowsExactly<NonFiniteValueException>(() => adam.Step(theta, g, pool));
        Assert.AreEqual(8500, ex.Index);
        Assert.AreEqual("gradient", ex.Name);
        CollectionAssert.AreEqual(thetaBefore, theta);
        CollectionAssert.AreEqual(mBefore, adam.FirstMoment.ToArray());
        CollectionAssert.AreEqual(vBefore, adam.SecondMoment.ToArray());
        Assert.AreEqual(1, adam.Iteration);
    }

    [TestMethod]
    public void LargeFiniteGradientIsNotMistakenForNonFinite()
    {
        float[] g = [3e19f, 4e19f];
        Assert.AreEqual(5e19f, GradientClipping.GlobalNorm(g), 1e14f);
    }

    [TestMethod]
    public void BadArgumentsThrowNamingTheArgument()
    {
        Assert.AreEqual("learningRate", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Adam(3, 0f)).ParamName);
        Assert.AreEqual("learningRate", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new AdamW(3, -1f)).ParamName);
        Assert.AreEqual("beta1", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Adam(3, new ConstantLearningRate(1), beta1: 1f)).ParamName);
        Assert.AreEqual("epsilon", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Adam(3, new ConstantLearningRate(1), epsilon: 0f)).ParamName);
        Assert.AreEqual("parameterCount", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Adam(0, 1f)).ParamName);
        Assert.AreEqual("maxGradientNorm", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Adam(3, new ConstantLearningRate(1), maxGradientNorm: 0f)).ParamName);
        var adam = new Adam(3, 0.1f);
        Assert.AreEqual("gradient", Assert.ThrowsExactly<ArgumentException>(() => adam.Step(new float[3], new float[2])).ParamName);
        Assert.AreEqual("parameters", Assert.ThrowsExactly<ArgumentException>(() => adam.Step(new float[4], new float[3])).ParamName);
        Assert.AreEqual("learningRate", Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => new Adam(1, new BadSchedule()).Step(new float[1], new float[1])).ParamName);
    }

    private sealed class BadSchedule : ILearningRateSchedule
    {
        public float LearningRate(long iteration) => -0.5f;
    }

    [TestMethod]
    public void ResetForgetsTheMoments()
    {
        var adam = new Adam(2, 0.1f);
        float[] a = [1f, 2f];
        adam.Step(a, [1f, -1f]);
        adam.Reset();
        Assert.AreEqual(0, adam.Iteration);
        float[] b = [1f, 2f];
        adam.Step(b, [1f, -1f]);
        var fresh = new Adam(2, 0.1f);
        float[] c = [1f, 2f];
        fresh.Step(c, [1f, -1f]);
        CollectionAssert.AreEqual(c, b);
    }
}
