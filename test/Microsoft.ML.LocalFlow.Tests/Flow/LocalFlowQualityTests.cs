using System.Diagnostics;
using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Schedules;

namespace Microsoft.ML.LocalFlow.Tests.Flow;

[TestClass]
public sealed class LocalFlowQualityTests
{
    public TestContext TestContext { get; set; } = null!;

    private double KlGap(GaussianMixture mix, int train, int test, LocalFlowOptions options)
    {
        float[] x = mix.Sample(train, 1);
        float[] xt = mix.Sample(test, 2);
        var sw = Stopwatch.StartNew();
        LocalFlowModel model = LocalFlowTrainer.Fit(x, train, mix.Dimension, options);
        double fit = sw.Elapsed.TotalSeconds;
        double nll = LocalFlowLikelihood.MeanNegativeLogLikelihood(model, xt, test, default, new LikelihoodOptions { Threads = 2 });
        double truth = mix.MeanNegativeLogPdf(xt, test);
        TestContext.WriteLine($"fit {fit:F1} s, total {sw.Elapsed.TotalSeconds:F1} s: NLL model {nll:F4}, true {truth:F4}, gap {nll - truth:F4}");
        return nll - truth;
    }

    [TestMethod]
    [TestCategory("Quality")]
    public void Ring8KlGapIsSmall()
    {
        var o = new LocalFlowOptions
        {
            Schedule = StepSizeSchedule.Explicit([0.3, 0.5], lastFree: true),
            HiddenWidth = int.Parse(Environment.GetEnvironmentVariable("LFT_H") ?? "64"),
            HiddenLayers = 3,
            IterationsPerBlock = int.Parse(Environment.GetEnvironmentVariable("LFT_IT") ?? "600"),
            BatchSize = int.Parse(Environment.GetEnvironmentVariable("LFT_B") ?? "512"),
            LearningRate = 3e-3,
            Threads = 2,
            Seed = 3,
        };
        double gap = KlGap(GaussianMixture.Ring8(), 20_000, 2_000, o);
        Assert.IsTrue(gap < 0.15, $"KL gap {gap}");
    }
}
