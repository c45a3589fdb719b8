using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Schedules;

namespace Microsoft.ML.LocalFlow.Tests.Flow;

[TestClass]
public sealed class TrainerBehaviourTests
{
    [TestMethod]
    public void LearningRateScheduleHasWarmupStepAndCosineShapes()
    {
        var o = new LocalFlowOptions { LearningRate = 1.0, IterationsPerBlock = 110, WarmupIterations = 10, LearningRateSchedule = LearningRateScheduleKind.Cosine };
        Assert.AreEqual(0.1, BlockOptimizer.LearningRate(o, 0), 1e-12);
        Assert.AreEqual(1.0, BlockOptimizer.LearningRate(o, 9), 1e-12);
        Assert.AreEqual(1.0, BlockOptimizer.LearningRate(o, 10), 1e-12);
        Assert.AreEqual(0.5, BlockOptimizer.LearningRate(o, 60), 1e-12);
        Assert.AreEqual(0.0, BlockOptimizer.LearningRate(o, 110), 1e-12);
        o.LearningRateSchedule = LearningRateScheduleKind.Step;
        o.WarmupIterations = 0;
        o.LearningRateStepSize = 100;
        o.LearningRateDecay = 0.5;
        Assert.AreEqual(1.0, BlockOptimizer.LearningRate(o, 99), 1e-12);
        Assert.AreEqual(0.25, BlockOptimizer.LearningRate(o, 250), 1e-12);
        o.LearningRateSchedule = LearningRateScheduleKind.Constant;
        Assert.AreEqual(1.0, BlockOptimizer.LearningRate(o, 1000), 1e-12);
    }

    [TestMethod]
    public void EarlyStoppingEndsABlockAndProgressIsReported()
    {
        float[] x = FlowTestData.Small(800, 31);
        var o = new LocalFlowOptions
        {
            Schedule = StepSizeSchedule.FlowMatching,
            HiddenWidth = 16,
            HiddenLayers = 2,
            BatchSize = 64,
            IterationsPerBlock = 5000,
            LearningRate = 0.05, // large and noisy: the validation loss soon stops improving
            LearningRateSchedule = LearningRateScheduleKind.Constant,
            ValidationFraction = 0.2,
            ValidationInterval = 10,
            EarlyStoppingPatience = 3,
            ProgressInterval = 10,
            Threads = 1,
        };
        var reports = new List<LocalFlowProgress>();
        LocalFlowTrainer.Fit(x, 800, 3, o, new Inline(reports.Add));
        LocalFlowProgress lastTraining = reports.Last(p => p.Phase == LocalFlowPhase.Training);
        Assert.IsTrue(lastTraining.Iteration < 5000, $"stopped at {lastTraining.Iteration}");
        Assert.IsTrue(double.IsFinite(lastTraining.ValidationLoss));
        Assert.IsTrue(reports.All(p => p.BlockCount == 1 && p.Elapsed >= TimeSpan.Zero));
        Assert.AreEqual(LocalFlowPhase.BlockCompleted, reports[^1].Phase);
        Assert.IsTrue(reports.Any(p => p.EstimatedRemaining is not null));
    }

    [TestMethod]
    public void CancellationStopsPromptly()
    {
        float[] x = FlowTestData.Small(300, 32);
        using var cts = new CancellationTokenSource();
        LocalFlowOptions o = FlowTestData.TinyOptions();
        o.IterationsPerBlock = 1_000_000;
        o.ProgressInterval = 5;
        var progress = new Inline(p =>
        {
            if (p.Iteration >= 20)
            {
                cts.Cancel();
            }
        });
        Assert.ThrowsExactly<OperationCanceledException>(() => LocalFlowTrainer.Fit(x, 300, 3, default, 0, o, progress, cts.Token));
    }

    private sealed class Inline(Action<LocalFlowProgress> report) : IProgress<LocalFlowProgress>
    {
        public void Report(LocalFlowProgress value) => report(value);
    }
}
