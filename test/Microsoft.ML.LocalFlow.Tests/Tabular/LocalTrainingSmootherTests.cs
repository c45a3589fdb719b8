using Microsoft.ML.LocalFlow.Tabular;

namespace Microsoft.ML.LocalFlow.Tests.Tabular;

/// <summary>
/// <see cref="LocalTrainingSmoother"/>: the nearest-neighbour kernel moves every row and every copy, keeps each group's
/// mean, does not carry rows across well-separated clusters (where the level-covariance kernel does), and gives the same
/// bits for a seed whatever the thread count; and <see cref="TabularSynthesizerOptions.SmoothingNeighbours"/> reaches the fit.
/// </summary>
[TestClass]
[TestCategory("Tabular")]
public sealed class LocalTrainingSmootherTests
{
    /// <summary>Two clusters ten units apart on x (σ 1 inside), a correlated second column; [copies · n × 2].</summary>
    private static float[] TwoClusters(int n, int copies, int seed)
    {
        var rng = new Random(seed);
        var data = new float[n * copies * 2];
        for (int i = 0; i < n; i++)
        {
            double z1 = Gaussian(rng), z2 = Gaussian(rng);
            float x = (float)((i % 2 == 0 ? -5 : 5) + z1), y = (float)(0.8 * z1 + 0.6 * z2);
            for (int c = 0; c < copies; c++)
            {
                // Each copy differs slightly, as dequantisation copies do.
                data[(c * n + i) * 2] = x + (float)(0.01 * c);
                data[(c * n + i) * 2 + 1] = y;
            }
        }

        return data;
    }

    [TestMethod]
    public void Smooth_MovesEveryRowOfEveryCopy_AndKeepsTheMean()
    {
        const int n = 400, copies = 3;
        float[] data = TwoClusters(n, copies, 1);
        float[] before = (float[])data.Clone();
        LocalTrainingSmoother.Smooth(data, [], n, copies, 2, sigma: 0.8, neighbours: 12, inflation: 2, seed: 5, threads: 2);
        for (int j = 0; j < 2; j++)
        {
            double m0 = Enumerable.Range(0, n * copies).Average(r => (double)before[r * 2 + j]);
            double m1 = Enumerable.Range(0, n * copies).Average(r => (double)data[r * 2 + j]);
            Assert.AreEqual(m0, m1, 1e-5, $"column {j} mean");
        }

        int unchanged = Enumerable.Range(0, n * copies).Count(r => data[r * 2] == before[r * 2] || data[r * 2 + 1] == before[r * 2 + 1]);
        Assert.AreEqual(0, unchanged);
        // Copies of one row draw different noise.
        Assert.AreNotEqual(data[0], data[n * 2]);
    }

    [TestMethod]
    public void Smooth_KeepsRowsInTheirCluster_WhereTheLevelCovarianceMixesThem()
    {
        const int n = 400;
        float[] local = TwoClusters(n, 1, 2), global = (float[])local.Clone();
        LocalTrainingSmoother.Smooth(local, [], n, 1, 2, sigma: 0.9, neighbours: 12, inflation: 2, seed: 5, threads: 1);
        TrainingSmoother.Smooth(global, [], n, 2, sigma: 0.9, seed: 5);
        int Crossed(float[] d) => Enumerable.Range(0, n).Count(i => Math.Sign(d[i * 2]) != (i % 2 == 0 ? -1 : 1));
        Assert.AreEqual(0, Crossed(local), "local kernel moved rows to the other cluster");
        // The pooled covariance has the between-cluster variance (25) in it: noise of s.d. 0.9·5.1 crosses the gap often.
        Assert.IsGreaterThan(n / 10, Crossed(global), "the contrast case did not mix clusters; the test proves nothing");
    }

    [TestMethod]
    public void Smooth_StaysInsideTheRowsLevel()
    {
        // One cluster, two levels interleaved: neighbours come from the row's level only, so the noise of the level whose
        // y is constant stays zero in y.
        const int n = 200;
        var rng = new Random(4);
        var data = new float[n * 2];
        var group = new int[n];
        for (int i = 0; i < n; i++)
        {
            group[i] = i % 2;
            data[i * 2] = (float)Gaussian(rng);
            data[i * 2 + 1] = group[i] == 0 ? 1f : (float)Gaussian(rng);
        }

        LocalTrainingSmoother.Smooth(data, group, n, 1, 2, sigma: 0.7, neighbours: 10, inflation: 2, seed: 3, threads: 2);
        for (int i = 0; i < n; i += 2)
        {
            Assert.AreEqual(1f, data[i * 2 + 1], 1e-6f, $"row {i}");
        }
    }

    [TestMethod]
    public void Smooth_IsBitIdenticalForASeed_WhateverTheThreadCount()
    {
        float[] a = TwoClusters(300, 2, 3), b = (float[])a.Clone(), c = (float[])a.Clone();
        LocalTrainingSmoother.Smooth(a, [], 300, 2, 2, 0.6, 10, 2, seed: 11, threads: 1);
        LocalTrainingSmoother.Smooth(b, [], 300, 2, 2, 0.6, 10, 2, seed: 11, threads: 2);
        LocalTrainingSmoother.Smooth(c, [], 300, 2, 2, 0.6, 10, 2, seed: 12, threads: 2);
        CollectionAssert.AreEqual(a, b);
        CollectionAssert.AreNotEqual(a, c);
    }

    [TestMethod]
    public void Smooth_BadArguments_Throw()
    {
        float[] d = TwoClusters(10, 1, 1);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => LocalTrainingSmoother.Smooth(d, [], 10, 1, 2, 0.5, 1, 2, 1, 1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => LocalTrainingSmoother.Smooth(d, [], 10, 1, 2, 1.0, 5, 2, 1, 1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => LocalTrainingSmoother.Smooth(d, [], 10, 1, 2, 0.5, 5, 0.5, 1, 1));
        Assert.ThrowsExactly<ArgumentException>(() => LocalTrainingSmoother.Smooth(d, [], 10, 2, 2, 0.5, 5, 2, 1, 1));
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(-3)]
    public void Fit_BadSmoothingNeighbours_ThrowsNamingTheValue(int k)
    {
        var o = new TabularSynthesizerOptions { SmoothingNeighbours = k };
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => TabularSynthesizer.Fit(TestData.Load("iris"), o));
        StringAssert.Contains(e.Message, "SmoothingNeighbours");
    }

    private static TabularSynthesizerOptions Tiny(string? label, int? neighbours) => new()
    {
        LabelColumn = label,
        SmoothingNeighbours = neighbours,
        Flow = new Microsoft.ML.LocalFlow.Flow.LocalFlowOptions { Schedule = Microsoft.ML.LocalFlow.Flow.Schedules.StepSizeSchedule.FlowMatching, HiddenWidth = 8, HiddenLayers = 1, IterationsPerBlock = 5, BatchSize = 32, Seed = 1, Threads = 2 },
    };

    [TestMethod]
    public void Fit_ChoosesTheKernelFromTheLabel_AndExplicitNeighboursWin()
    {
        Table iris = TestData.Load("iris");
        Assert.AreEqual(TabularSynthesizerOptions.LocalSmoothingNeighbours, TabularSynthesizer.Fit(iris, Tiny(null, null)).FitSettings!.SmoothingNeighbours, "no label: local kernel");
        Assert.AreEqual(0, TabularSynthesizer.Fit(iris, Tiny("species", null)).FitSettings!.SmoothingNeighbours, "categorical label: level covariance");
        Assert.AreEqual(7, TabularSynthesizer.Fit(iris, Tiny("species", 7)).FitSettings!.SmoothingNeighbours);
        Assert.AreEqual(0, TabularSynthesizer.Fit(iris, Tiny(null, 0)).FitSettings!.SmoothingNeighbours);
        var off = Tiny(null, null);
        off.Smoothing = 0;
        Assert.AreEqual(0, TabularSynthesizer.Fit(iris, off).FitSettings!.SmoothingNeighbours, "no smoothing, no kernel");
    }

    [TestMethod]
    public void Fit_WithTheLocalKernel_IsBitIdenticalForASeed_AndSavesTheKernel()
    {
        Table iris = TestData.Load("iris");
        byte[] Bytes(TabularSynthesizer s)
        {
            using var ms = new MemoryStream();
            s.Save(ms);
            return ms.ToArray();
        }

        TabularSynthesizer a = TabularSynthesizer.Fit(iris, Tiny(null, null));
        CollectionAssert.AreEqual(Bytes(a), Bytes(TabularSynthesizer.Fit(iris, Tiny(null, null))));
        using var ms = new MemoryStream(Bytes(a));
        Assert.AreEqual(a.FitSettings, TabularSynthesizer.Load(ms).FitSettings);
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
