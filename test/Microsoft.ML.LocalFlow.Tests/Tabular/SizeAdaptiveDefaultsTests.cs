using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Schedules;
using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Metrics;
using Microsoft.ML.LocalFlow.Tabular.Encoding;

namespace Microsoft.ML.LocalFlow.Tests.Tabular;

/// <summary>
/// The size rules behind unset <see cref="TabularSynthesizerOptions.Smoothing"/> and
/// <see cref="TabularSynthesizerOptions.DequantizationCopies"/>: their values, that a fit applies them, that explicit values
/// win, that the effective settings are recorded and saved, and that they stop a small table from being copied.
/// </summary>
[TestClass]
[TestCategory("Tabular")]
public sealed class SizeAdaptiveDefaultsTests
{
    // A fit that takes well under a second: the tests here are about which settings reach the fit, not about quality.
    private static TabularSynthesizerOptions Tiny(double? smoothing = null, int? copies = null) => new()
    {
        LabelColumn = "species",
        Smoothing = smoothing,
        DequantizationCopies = copies,
        Flow = new LocalFlowOptions { Schedule = StepSizeSchedule.FlowMatching, HiddenWidth = 8, HiddenLayers = 1, IterationsPerBlock = 5, BatchSize = 32, Seed = 1, Threads = 1 },
    };

    [TestMethod]
    [DataRow(120, 4, 0.8)] // iris-sized: 4·120^(−1/8) = 2.2, capped
    [DataRow(142, 13, 0.8)] // wine-sized: capped
    [DataRow(218, 2, 0.8)] // faithful-sized: 4·218^(−1/6) = 1.63, capped
    [DataRow(1000, 1, 0.4)] // one column: 4·1000^(−1/5) = 1.005, capped, then faded by √(250/1000)
    [DataRow(15_000, 1, 0.07546856885160784)] // one dense column: 4·15000^(−1/5) = 0.585 binds, · √(250/15000)
    [DataRow(1000, 30, 0.4)] // capped, then faded by √(250/1000)
    [DataRow(20_000, 27, 0.08944271909999159)]
    [DataRow(20_001, 27, 0.0)]
    [DataRow(1_000_000, 8, 0.0)]
    public void SmoothingFor_FollowsTheDocumentedRule(int rows, int width, double expected) =>
        Assert.AreEqual(expected, TabularSynthesizerOptions.SmoothingFor(rows, width), 1e-12);

    [TestMethod]
    public void SmoothingFor_NeverIncreasesWithRowsAndNeverDecreasesWithWidth()
    {
        foreach (int width in new[] { 1, 2, 4, 13, 40 })
        {
            double previous = double.PositiveInfinity;
            for (int n = 1; n < 30_000; n += 37)
            {
                double s = TabularSynthesizerOptions.SmoothingFor(n, width);
                Assert.IsTrue(s <= previous, $"σ({n}, {width}) = {s} > {previous}");
                Assert.IsTrue(TabularSynthesizerOptions.SmoothingFor(n, width + 1) >= s, $"σ({n}, {width + 1}) < σ({n}, {width})");
                previous = s;
            }
        }

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => TabularSynthesizerOptions.SmoothingFor(0, 3));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => TabularSynthesizerOptions.SmoothingFor(10, 0));
    }

    [TestMethod]
    [DataRow(120, 0.6, 16)] // ⌈2048/120⌉ = 18, capped
    [DataRow(142, 0.8, 15)]
    [DataRow(455, 0.44, 5)]
    [DataRow(1000, 0.3, 3)]
    [DataRow(2048, 0.2, 1)]
    [DataRow(120, 0.0, 1)]
    public void DequantizationCopiesFor_FollowsTheDocumentedRule(int rows, double smoothing, int expected) =>
        Assert.AreEqual(expected, TabularSynthesizerOptions.DequantizationCopiesFor(rows, smoothing));

    [TestMethod]
    public void Defaults_LeaveTheSizeRulesOn()
    {
        foreach (SynthesisPreset p in Enum.GetValues<SynthesisPreset>())
        {
            TabularSynthesizerOptions o = TabularSynthesizerOptions.FromPreset(p);
            Assert.IsNull(o.Smoothing, p.ToString());
            Assert.IsNull(o.DequantizationCopies, p.ToString());
        }
    }

    [TestMethod]
    public void Fit_UnsetOptions_TakeTheRuleForTheRowCount()
    {
        Table iris = TestData.Load("iris");
        TabularSynthesizer s = TabularSynthesizer.Fit(iris, Tiny());
        Assert.IsNotNull(s.FitSettings);
        Assert.AreEqual(150, s.FitSettings.TrainingRows);
        Assert.AreEqual(TabularSynthesizerOptions.SmoothingFor(150, s.Encoder.Width), s.FitSettings.Smoothing);
        Assert.IsGreaterThan(0.0, s.FitSettings.Smoothing);
        Assert.AreEqual(TabularSynthesizerOptions.DequantizationCopiesFor(150, s.FitSettings.Smoothing), s.FitSettings.DequantizationCopies);
        Assert.IsTrue(s.FitSettings.ChosenFromRowCount);
    }

    [TestMethod]
    public void QuantileBandwidthFor_SmoothsTheMapExactlyWhenTheRowsAreSmoothed()
    {
        Assert.AreEqual(1.0, TabularSynthesizerOptions.QuantileBandwidthFor(true));
        Assert.AreEqual(0.0, TabularSynthesizerOptions.QuantileBandwidthFor(false));

        // A fit applies it: its encoder codes the table exactly as an encoder fitted with the rule's bandwidth, and not as
        // one with the other (the two maps differ on iris: kernel vs per-value CDF).
        Table iris = TestData.Load("iris");
        float[] Codes(TabularEncoder e) => e.Encode(iris, seed: 0, addNoise: false).Data;
        float[] kernel = Codes(TabularEncoder.Fit(iris, new() { LabelColumn = "species", QuantileBandwidth = 1 }));
        float[] empirical = Codes(TabularEncoder.Fit(iris, new() { LabelColumn = "species", QuantileBandwidth = 0 }));
        CollectionAssert.AreNotEqual(kernel, empirical);
        CollectionAssert.AreEqual(kernel, Codes(TabularSynthesizer.Fit(iris, Tiny()).Encoder), "smoothed fit → kernel map");
        CollectionAssert.AreEqual(empirical, Codes(TabularSynthesizer.Fit(iris, Tiny(smoothing: 0)).Encoder), "Smoothing = 0 → empirical map");
        TabularSynthesizerOptions given = Tiny();
        given.Encoder.QuantileBandwidth = 0;
        CollectionAssert.AreEqual(empirical, Codes(TabularSynthesizer.Fit(iris, given).Encoder), "an explicit bandwidth wins");
    }

    [TestMethod]
    public void Fit_ExplicitOptions_Win()
    {
        Table iris = TestData.Load("iris");
        TabularFitSettings off = TabularSynthesizer.Fit(iris, Tiny(smoothing: 0)).FitSettings!;
        Assert.AreEqual(0.0, off.Smoothing);
        Assert.AreEqual(1, off.DequantizationCopies);
        Assert.IsFalse(off.ChosenFromRowCount);

        TabularFitSettings given = TabularSynthesizer.Fit(iris, Tiny(smoothing: 0.25, copies: 3)).FitSettings!;
        Assert.AreEqual(0.25, given.Smoothing);
        Assert.AreEqual(3, given.DequantizationCopies);

        // Only the copies given: σ still comes from the rule.
        TabularSynthesizer m = TabularSynthesizer.Fit(iris, Tiny(copies: 2));
        TabularFitSettings mixed = m.FitSettings!;
        Assert.AreEqual(TabularSynthesizerOptions.SmoothingFor(150, m.Encoder.Width), mixed.Smoothing);
        Assert.AreEqual(2, mixed.DequantizationCopies);
        Assert.IsTrue(mixed.ChosenFromRowCount);
    }

    [TestMethod]
    public void Fit_SmoothingOutOfRange_ThrowsNamingTheValue()
    {
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => TabularSynthesizer.Fit(TestData.Load("iris"), Tiny(smoothing: 1.0)));
        StringAssert.Contains(e.Message, "Smoothing");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => TabularSynthesizer.Fit(TestData.Load("iris"), Tiny(smoothing: -0.1)));
    }

    [TestMethod]
    public void FitSettings_SurviveSaveAndLoad()
    {
        TabularSynthesizer s = TabularSynthesizer.Fit(TestData.Load("iris"), Tiny(smoothing: 0.3, copies: 2));
        using var ms = new MemoryStream();
        s.Save(ms);
        ms.Position = 0;
        Assert.AreEqual(s.FitSettings, TabularSynthesizer.Load(ms).FitSettings);
    }

    [TestMethod]
    public void Smoother_KeepsGroupMeansAndCovariance_AndMovesEveryRow()
    {
        // Two groups with different means and a shared correlated covariance (ρ = 0.8, σ = 1 and 2).
        const int rows = 40_000, width = 2;
        var rng = new Random(3);
        var data = new float[rows * width];
        var group = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            group[i] = i % 2;
            double z1 = Gaussian(rng), z2 = Gaussian(rng);
            data[i * 2] = (float)((group[i] == 0 ? -3 : 3) + z1);
            data[i * 2 + 1] = (float)(2 * (0.8 * z1 + 0.6 * z2));
        }

        float[] before = (float[])data.Clone();
        TrainingSmoother.Smooth(data, group, rows, width, sigma: 0.6, seed: 9);
        for (int g = 0; g < 2; g++)
        {
            double[] x = Column(data, 0, group, g), y = Column(data, 1, group, g);
            Assert.AreEqual(g == 0 ? -3 : 3, x.Average(), 0.03, $"group {g} mean");
            Assert.AreEqual(1.0, Std(x), 0.03, $"group {g} σx");
            Assert.AreEqual(2.0, Std(y), 0.06, $"group {g} σy");
            Assert.AreEqual(0.8, QualityMetrics.Pearson(x, y), 0.02, $"group {g} ρ");
        }

        int unchanged = Enumerable.Range(0, rows).Count(i => data[i * 2] == before[i * 2] && data[i * 2 + 1] == before[i * 2 + 1]);
        Assert.AreEqual(0, unchanged);
    }

    [TestMethod]
    public void Cholesky_OfASingularMatrix_SkipsTheDependentDirection()
    {
        // [[4, 2, 4], [2, 2, 2], [4, 2, 4]]: the third coordinate equals the first.
        double[] a = [4, 0, 0, 2, 2, 0, 4, 2, 4];
        double[] l = TrainingSmoother.Cholesky(a, 3);
        double[] expected = [2, 0, 0, 1, 1, 0, 2, 0, 0];
        for (int i = 0; i < 9; i++)
        {
            Assert.AreEqual(expected[i], l[i], 1e-12, $"L[{i / 3},{i % 3}]");
        }
    }

    /// <summary>
    /// The memorisation this rule exists for, on a real small table: iris, 120 training rows, a network that copies
    /// training rows without smoothing (64 × 2, 1,000 iterations per block on the POWER chain: several percent of its
    /// synthetic rows are exact copies and the median distance to the closest training row is well under the holdout's).
    /// With the default (the rule's σ = 0.65 for 120 rows of width 4) fewer than 5 % are copies, synthetic rows are no closer to the training rows
    /// than held-out rows are (share closer to train within 0.05 of the expected 0.8), and the median distance grows.
    /// </summary>
    [TestMethod]
    [TestCategory("Slow")]
    public void SmallTable_DefaultSmoothing_StopsCopyingTrainingRows()
    {
        (Table train, Table holdout) = TestData.Load("iris").Split(0.8, seed: 0);
        DcrSummary Dcr(double? smoothing)
        {
            var o = new TabularSynthesizerOptions
            {
                LabelColumn = "species",
                Smoothing = smoothing,
                Flow = new LocalFlowOptions { HiddenWidth = 64, HiddenLayers = 2, IterationsPerBlock = 1000, Seed = 1, Threads = 2 },
            };
            Table syn = TabularSynthesizer.Fit(train, o).Generate(train.RowCount, seed: 7);
            return QualityMetrics.Dcr(train, holdout, syn);
        }

        DcrSummary without = Dcr(0), with = Dcr(null);
        Assert.AreEqual(0.0, without.SyntheticToTrainP5, "the unsmoothed fit is expected to copy rows (else this test proves nothing)");
        Assert.IsGreaterThan(0.0, with.SyntheticToTrainP5, "smoothed: at least 5 % of the synthetic rows copy a training row");
        Assert.IsLessThanOrEqualTo(with.ExpectedShare + 0.05, with.ShareCloserToTrain, "smoothed: synthetic rows sit closer to the training rows than held-out rows do");
        Assert.IsGreaterThan(without.SyntheticToTrainMedian, with.SyntheticToTrainMedian, "smoothing did not move the synthetic rows away from the training rows");
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static double[] Column(float[] data, int j, int[] group, int g) =>
        Enumerable.Range(0, group.Length).Where(i => group[i] == g).Select(i => (double)data[i * 2 + j]).ToArray();

    private static double Std(double[] x)
    {
        double m = x.Average();
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / (x.Length - 1));
    }
}
