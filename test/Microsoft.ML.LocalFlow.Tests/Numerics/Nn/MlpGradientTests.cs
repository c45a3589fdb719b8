using Microsoft.ML.LocalFlow.Numerics.Nn;
using Microsoft.ML.LocalFlow.Numerics.Random;
using Microsoft.ML.LocalFlow.Numerics.Threading;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Nn;

[TestClass]
public sealed class MlpGradientTests
{
    private const int Rows = 4;

    internal static MlpShape SmallShape(Activation activation, TimeEncoding encoding, int condition, float beta = 1f) =>
        new(dataDimension: 3, hiddenWidth: 27, hiddenLayers: 2, // 27 = 16 + 8 + 3: the Vector512, Vector256 and scalar paths
            activation: activation, timeEncoding: encoding,
            fourierFrequencies: 2, conditionDimension: condition, softplusBeta: beta);

    internal static (float[] T, float[] X, float[] C) Batch(MlpShape s, int rows, ulong seed)
    {
        var rng = new Rng(seed);
        var t = new float[rows];
        var x = new float[rows * s.DataDimension];
        var c = new float[rows * s.ConditionDimension];
        rng.FillUniform(t);
        rng.FillGaussian(x);
        rng.FillGaussian(c);
        return (t, x, c);
    }

    private static double[] ReferenceBatch(MlpShape s, double[] p, float[] t, double[] x, float[] c, int rows)
    {
        int d = s.DataDimension;
        int cd = s.ConditionDimension;
        var output = new double[rows * d];
        for (int r = 0; r < rows; r++)
        {
            double[] cr = c.Skip(r * cd).Take(cd).Select(v => (double)v).ToArray();
            double[] v = MlpReference.Forward(s, p, t[r], x.AsSpan(r * d, d), cr);
            v.CopyTo(output, r * d);
        }
        return output;
    }

    private static double Loss(double[] v, float[] g)
    {
        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            sum += v[i] * g[i];
        }
        return sum;
    }

    public static IEnumerable<object[]> Cases()
    {
        foreach (Activation a in Enum.GetValues<Activation>())
        {
            foreach (TimeEncoding e in Enum.GetValues<TimeEncoding>())
            {
                yield return [a, e, 0, 1f];
                yield return [a, e, 2, 1f];
            }
        }
        yield return [Activation.Softplus, TimeEncoding.Raw, 0, 20f];
        yield return [Activation.Softplus, TimeEncoding.Fourier, 2, 20f];
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void ForwardMatchesFloat64Reference(Activation activation, TimeEncoding encoding, int condition, float beta)
    {
        MlpShape s = SmallShape(activation, encoding, condition, beta);
        var mlp = new Mlp(s, 17);
        (float[] t, float[] x, float[] c) = Batch(s, Rows, 5);
        var output = new float[Rows * s.DataDimension];
        mlp.Forward(t, x, c, Rows, output, new MlpWorkspace(s, Rows));
        double[] p = mlp.Parameters.ToArray().Select(v => (double)v).ToArray();
        double[] expected = ReferenceBatch(s, p, t, x.Select(v => (double)v).ToArray(), c, Rows);
        for (int i = 0; i < output.Length; i++)
        {
            Assert.AreEqual(expected[i], output[i], 1e-5 * (1 + Math.Abs(expected[i])), $"output {i}");
        }

        var inference = new float[output.Length];
        mlp.Forward(t, x, c, Rows, inference, new MlpInferenceWorkspace(s, Rows));
        CollectionAssert.AreEqual(output, inference, "inference forward must equal the training forward bit for bit");
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void GradientsMatchCentralFiniteDifferences(Activation activation, TimeEncoding encoding, int condition, float beta)
    {
        MlpShape s = SmallShape(activation, encoding, condition, beta);
        var mlp = new Mlp(s, 23);
        (float[] t, float[] x, float[] c) = Batch(s, Rows, 6);
        int d = s.DataDimension;
        var g = new float[Rows * d];
        new Rng(7).FillGaussian(g);

        var ws = new MlpWorkspace(s, Rows);
        var output = new float[Rows * d];
        mlp.Forward(t, x, c, Rows, output, ws);
        var paramGrad = new float[mlp.ParameterCount];
        var inputGrad = new float[Rows * d];
        mlp.Backward(g, ws, paramGrad, inputGrad);

        double[] p = mlp.Parameters.ToArray().Select(v => (double)v).ToArray();
        double[] xd = x.Select(v => (double)v).ToArray();
        const double h = 1e-6;

        double[] fdParams = new double[p.Length];
        for (int k = 0; k < p.Length; k++)
        {
            double keep = p[k];
            p[k] = keep + h;
            double up = Loss(ReferenceBatch(s, p, t, xd, c, Rows), g);
            p[k] = keep - h;
            double down = Loss(ReferenceBatch(s, p, t, xd, c, Rows), g);
            p[k] = keep;
            fdParams[k] = (up - down) / (2 * h);
        }

        double[] fdInput = new double[xd.Length];
        for (int k = 0; k < xd.Length; k++)
        {
            double keep = xd[k];
            xd[k] = keep + h;
            double up = Loss(ReferenceBatch(s, p, t, xd, c, Rows), g);
            xd[k] = keep - h;
            double down = Loss(ReferenceBatch(s, p, t, xd, c, Rows), g);
            xd[k] = keep;
            fdInput[k] = (up - down) / (2 * h);
        }

        AssertClose(fdParams, paramGrad, "parameter");
        AssertClose(fdInput, inputGrad, "input");
        // The biases are part of the parameter vector; make sure the last bias block is not trivially zero.
        Assert.IsTrue(paramGrad.AsSpan(s.BiasOffset(s.HiddenLayers), d).ToArray().Any(v => v != 0f));
    }

    private static void AssertClose(double[] expected, float[] actual, string what)
    {
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.AreEqual(expected[i], actual[i], 1e-4 * scale + 1e-3 * Math.Abs(expected[i]) + 1e-6, $"{what} gradient {i}");
        }
    }

    [TestMethod]
    public void AccumulateAddsToTheGradientAndEmptyInputGradientIsSkipped()
    {
        MlpShape s = SmallShape(Activation.Silu, TimeEncoding.Raw, 0);
        var mlp = new Mlp(s, 3);
        (float[] t, float[] x, float[] c) = Batch(s, Rows, 8);
        var g = new float[Rows * s.DataDimension];
        new Rng(9).FillGaussian(g);
        var ws = new MlpWorkspace(s, Rows);
        var output = new float[g.Length];
        mlp.Forward(t, x, c, Rows, output, ws);
        var once = new float[mlp.ParameterCount];
        mlp.Backward(g, ws, once, default);
        var twice = new float[mlp.ParameterCount];
        mlp.Backward(g, ws, twice, default);
        mlp.Backward(g, ws, twice, default, accumulate: true);
        for (int i = 0; i < once.Length; i++)
        {
            Assert.AreEqual(2 * once[i], twice[i], 1e-6f * (1 + Math.Abs(once[i])), $"index {i}");
        }
    }

    [TestMethod]
    public void SharedTimeEqualsRepeatedTime()
    {
        MlpShape s = SmallShape(Activation.Tanh, TimeEncoding.Fourier, 2);
        var mlp = new Mlp(s, 4);
        (_, float[] x, float[] c) = Batch(s, Rows, 10);
        var a = new float[Rows * s.DataDimension];
        var b = new float[a.Length];
        var ws = new MlpInferenceWorkspace(s, Rows);
        mlp.Forward([0.3f], x, c, Rows, a, ws);
        mlp.Forward(Enumerable.Repeat(0.3f, Rows).ToArray(), x, c, Rows, b, ws);
        CollectionAssert.AreEqual(a, b);
    }

    [TestMethod]
    public void ThreadedForwardAndBackwardEqualSequential()
    {
        var s = new MlpShape(dataDimension: 6, hiddenWidth: 40, hiddenLayers: 3, activation: Activation.Elu);
        var mlp = new Mlp(s, 5);
        const int rows = 37;
        (float[] t, float[] x, float[] c) = Batch(s, rows, 11);
        var g = new float[rows * 6];
        new Rng(12).FillGaussian(g);
        float[] Run(WorkerPool? pool)
        {
            var ws = new MlpWorkspace(s, rows);
            var output = new float[rows * 6];
            mlp.Forward(t, x, c, rows, output, ws, pool);
            var grad = new float[mlp.ParameterCount];
            var inputGrad = new float[rows * 6];
            mlp.Backward(g, ws, grad, inputGrad, pool);
            return [.. output, .. grad, .. inputGrad];
        }

        using var two = new WorkerPool(2);
        float[] sequential = Run(null);
        float[] threaded = Run(two);
        CollectionAssert.AreEqual(threaded, Run(two), "same thread count, same bits");
        // Across thread counts only the summation order of the bias gradients may differ.
        for (int i = 0; i < sequential.Length; i++)
        {
            Assert.AreEqual(sequential[i], threaded[i], 1e-5f * (1 + Math.Abs(sequential[i])), $"index {i}");
        }
    }

    /// <summary>
    /// With ReLU (whose epilogue is exact at every vector width) and a batch past two KC-row chunks, the whole gradient,
    /// bias gradients included, has the same bits on 1, 2 and 3 threads: the bias gradients are summed by the
    /// weight-gradient GEMMs, each column in a fixed order by one part (GemmColumnSums), and the products' bits never
    /// depend on the thread count. Accumulating adds the new bias sums to the old ones with one rounding.
    /// </summary>
    [TestMethod]
    public void ReluGradientHasTheSameBitsOnEveryThreadCount()
    {
        var s = new MlpShape(dataDimension: 2, hiddenWidth: 96, hiddenLayers: 3, activation: Activation.Relu);
        var mlp = new Mlp(s, 7);
        const int rows = 700;
        (float[] t, float[] x, float[] c) = Batch(s, rows, 21);
        var g = new float[rows * 2];
        new Rng(22).FillGaussian(g);
        float[] Run(WorkerPool? pool)
        {
            var ws = new MlpWorkspace(s, rows);
            var output = new float[rows * 2];
            mlp.Forward(t, x, c, rows, output, ws, pool);
            var grad = new float[mlp.ParameterCount];
            var inputGrad = new float[rows * 2];
            mlp.Backward(g, ws, grad, inputGrad, pool);
            float[] once = [.. grad];
            mlp.Backward(g, ws, grad, default, pool, accumulate: true);
            for (int layer = 0; layer < s.LayerCount; layer++)
            {
                // A bias gradient accumulates as one rounding of (new sum + old): here exactly twice the sum.
                for (int j = 0; j < s.LayerOutputWidth(layer); j++)
                {
                    int index = s.BiasOffset(layer) + j;
                    Assert.AreEqual(once[index] + once[index], grad[index], 0f, $"accumulated bias gradient {layer}/{j}");
                }
            }

            return [.. output, .. once, .. inputGrad];
        }

        using var two = new WorkerPool(2);
        using var three = new WorkerPool(3);
        float[] sequential = Run(null);
        CollectionAssert.AreEqual(sequential, Run(two), "1 vs 2 threads");
        CollectionAssert.AreEqual(sequential, Run(three), "1 vs 3 threads");
    }

    [TestMethod]
    public void ParameterLayoutIsDocumentedOne()
    {
        var s = new MlpShape(dataDimension: 4, hiddenWidth: 7, hiddenLayers: 3, timeEncoding: TimeEncoding.Fourier, fourierFrequencies: 3, conditionDimension: 2);
        Assert.AreEqual(4 + 6 + 2, s.InputWidth);
        Assert.AreEqual(12 * 7 + 7 + 2 * (7 * 7 + 7) + 7 * 4 + 4, s.ParameterCount);
        Assert.AreEqual(0, s.WeightOffset(0));
        Assert.AreEqual(12 * 7, s.BiasOffset(0));
        Assert.AreEqual(12 * 7 + 7, s.WeightOffset(1));
        Assert.AreEqual(12 * 7 + 7 + 2 * (7 * 7 + 7), s.WeightOffset(3));
        Assert.AreEqual(12L * 7 + 2 * 49 + 28, s.SumInOut);
        var mlp = new Mlp(s, 1);
        // PyTorch-style init: every block within ±1/sqrt(fan_in), and not all equal.
        for (int i = 0; i < s.LayerCount; i++)
        {
            double bound = 1 / Math.Sqrt(s.LayerInputWidth(i));
            var block = mlp.Parameters.Slice(s.WeightOffset(i), (s.LayerInputWidth(i) + 1) * s.LayerOutputWidth(i)).ToArray();
            Assert.IsTrue(block.All(v => Math.Abs(v) <= bound));
            Assert.IsTrue(block.Max() - block.Min() > bound);
        }
        var copy = new Mlp(s, 2);
        CollectionAssert.AreNotEqual(mlp.Parameters.ToArray(), copy.Parameters.ToArray());
        copy.CopyParametersFrom(mlp);
        CollectionAssert.AreEqual(mlp.Parameters.ToArray(), copy.Parameters.ToArray());
        CollectionAssert.AreEqual(mlp.Parameters.ToArray(), mlp.Clone().Parameters.ToArray());
        CollectionAssert.AreEqual(new Mlp(s, 1).Parameters.ToArray(), mlp.Parameters.ToArray(), "same seed, same weights");
    }
}
