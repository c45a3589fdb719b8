using Microsoft.ML.LocalFlow.Flow.Schedules;
using static Microsoft.ML.LocalFlow.Tests.Surface.SurfaceTestData;

namespace Microsoft.ML.LocalFlow.Tests.Surface;

[TestClass]
public sealed class SweepTests
{
    // Two blocks, 32×2, fixed step sizes and learning rate: only the iteration counts vary.
    private static LocalFlowSearchSpace TwoBlocks(params int[] iterations) => new()
    {
        NumberOfBlocks = [2],
        FirstStepSize = new SearchRange(0.5, 0.5),
        StepSizeGrowth = new SearchRange(1, 1),
        HiddenWidth = [32],
        HiddenLayers = [2],
        LearningRate = new SearchRange(5e-3, 5e-3),
        IterationsPerBlock = iterations,
    };

    [TestMethod]
    public void TheSweepPicksTheBetterOfTwoClearlyDifferentConfigurations()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(Gaussian2D(600));
        LocalFlowSearchSpace space = TwoBlocks(2, 200);
        // Standardisation has an exact, smooth Jacobian, so the held-out NLL measures the flow alone (the quantile map's
        // piecewise-linear density through 480 points costs about γ ≈ 0.58 nats per column on held-out rows).
        LocalFlowMatchingOptions baseOptions = Quick();
        baseOptions.ContinuousEncoding = Microsoft.ML.LocalFlow.Tabular.Encoding.ContinuousEncoding.Standardize;
        var options = new LocalFlowSweepOptions { MaxTrials = 2, Seed = 4, TimeBudget = TimeSpan.FromMinutes(5), BaseOptions = baseOptions };
        LocalFlowSweepResult result = ml.Generative.Sweep(data, space, options);

        Assert.HasCount(2, result.Trials, "both configurations ran (Latin hypercube: each choice once)");
        CollectionAssert.AreEquivalent(new[] { 2, 200 }, result.Trials.Select(t => t.Parameters.IterationsPerBlock).ToArray());
        Assert.AreEqual(200, result.BestRun.Parameters.IterationsPerBlock);
        Assert.AreSame(result.BestRun.Model, result.BestModel);
        LocalFlowTrialResult worse = result.Trials.Single(t => t.Parameters.IterationsPerBlock == 2);
        Assert.IsLessThan(worse.Loss - 0.2, result.BestRun.Loss, result.ToString());

        // The density is known: the trained model's validation NLL approaches the true entropy (2.32 nats) from above.
        Assert.IsLessThan(0.5, Math.Abs(result.BestRun.Metric - Gaussian2DEntropy), result.ToString());
        Assert.IsTrue(result.Trials.All(t => t.DurationInMilliseconds > 0 && t.Metric == t.Loss));
        StringAssert.Contains(result.ToString(), "*");
    }

    [TestMethod]
    public void TheKernelQuantileMap_ScoresHeldOutRowsAtTheTrueEntropy()
    {
        // Same data and configuration as above, default (quantile) encoding. The empirical map's piecewise-linear density
        // through 480 points costs ≈ 0.5 nats per column on held-out rows; the kernel-smoothed map, which a smoothed
        // fit (≤ 20,000 rows) uses by default, has a smooth density (measured: 3.300 vs 2.346; entropy 2.327).
        double Nll(double? bandwidth)
        {
            var ml = new MLContext(1);
            IDataView data = ml.Data.LoadFromEnumerable(Gaussian2D(600));
            LocalFlowSearchSpace space = TwoBlocks(200);
            LocalFlowMatchingOptions baseOptions = Quick();
            baseOptions.QuantileBandwidth = bandwidth;
            return ml.Generative.Sweep(data, space, new LocalFlowSweepOptions { MaxTrials = 1, Seed = 4, BaseOptions = baseOptions }).BestRun.Metric;
        }

        double chosen = Nll(null), empirical = Nll(0);
        Assert.IsLessThan(0.1, Math.Abs(chosen - Gaussian2DEntropy), $"kernel map: {chosen:F3} vs entropy {Gaussian2DEntropy:F3}");
        Assert.IsGreaterThan(0.5, empirical - Gaussian2DEntropy, $"empirical map: {empirical:F3} vs entropy {Gaussian2DEntropy:F3}");
    }

    [TestMethod]
    public void SuccessiveHalvingPromotesTheBestThirdWithMoreIterations()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(Gaussian2D(200));
        var space = new LocalFlowSearchSpace
        {
            NumberOfBlocks = [1, 2, 3],
            HiddenWidth = [8, 16],
            HiddenLayers = [1],
            IterationsPerBlock = [27],
        };
        var options = new LocalFlowSweepOptions { MaxTrials = 3, ReductionFactor = 3, Seed = 1, BaseOptions = Quick() };
        LocalFlowSweepResult result = ml.Generative.Sweep(data, space, options);
        Assert.HasCount(4, result.Trials, "3 at rung 0, the best one again at rung 1");
        Assert.IsTrue(result.Trials.Take(3).All(t => t.Rung == 0 && t.Parameters.IterationsPerBlock == 9));
        LocalFlowTrialResult promoted = result.Trials[3];
        Assert.AreEqual(1, promoted.Rung);
        Assert.AreEqual(27, promoted.Parameters.IterationsPerBlock);
        Assert.AreEqual(result.Trials.Take(3).MinBy(t => t.Loss)!.ConfigurationId, promoted.ConfigurationId);
        Assert.AreSame(result.Trials.MinBy(t => t.Loss), result.BestRun, "the best loss over every rung wins");
        CollectionAssert.AreEquivalent(new[] { 1, 2, 3 }, result.Trials.Take(3).Select(t => t.Parameters.NumberOfBlocks).ToArray());
    }

    [TestMethod]
    public void NoTrialStartsAfterTheTimeBudget()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(Gaussian2D(100));
        var space = new LocalFlowSearchSpace { NumberOfBlocks = [1], HiddenWidth = [8], HiddenLayers = [1], IterationsPerBlock = [9] };
        var options = new LocalFlowSweepOptions { MaxTrials = 9, TimeBudget = TimeSpan.FromTicks(1), Seed = 1, BaseOptions = Quick() };
        LocalFlowSweepResult result = ml.Generative.Sweep(data, space, options);
        Assert.HasCount(1, result.Trials, "the first trial always runs, so there is a model to return; none after the budget");
        Assert.AreSame(result.Trials[0], result.BestRun);

        options.RefitOnFullData = true;
        LocalFlowSweepResult refit = ml.Generative.Sweep(data, space, options);
        Assert.AreNotSame(refit.BestRun.Model, refit.BestModel, "the best configuration is refitted on every row");
        Assert.AreEqual(10L, refit.BestModel.Generate(10).GetRowCount());
    }

    [TestMethod]
    public void BadSweepSettingsAreNamed()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(Gaussian2D(50));
        Assert.AreEqual(nameof(LocalFlowSearchSpace.HiddenWidth),
            Assert.ThrowsExactly<ArgumentException>(() => ml.Generative.Sweep(data, new LocalFlowSearchSpace { HiddenWidth = [] })).ParamName);
        Assert.AreEqual(nameof(LocalFlowSearchSpace.LearningRate),
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Generative.Sweep(data, new LocalFlowSearchSpace { LearningRate = new SearchRange(0, 1, LogScale: true) })).ParamName);
        Assert.AreEqual(nameof(LocalFlowSweepOptions.MaxTrials),
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Generative.Sweep(data, null, new LocalFlowSweepOptions { MaxTrials = 0 })).ParamName);
        Assert.AreEqual(nameof(LocalFlowSweepOptions.TimeBudget),
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Generative.Sweep(data, null, new LocalFlowSweepOptions { TimeBudget = TimeSpan.Zero })).ParamName);
        _ = StepSizeSchedule.Power;
    }
}
