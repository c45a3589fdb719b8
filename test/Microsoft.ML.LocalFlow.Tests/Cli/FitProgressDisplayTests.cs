using Microsoft.ML.LocalFlow.Cli.Infrastructure;
using Microsoft.ML.LocalFlow.Cli.Rendering;

namespace Microsoft.ML.LocalFlow.Tests.Cli;

[TestClass]
[TestCategory("Cli")]
public sealed class FitProgressDisplayTests
{
    [TestMethod]
    public void FormatLine_ShowsBlockIterationLossElapsedEta()
    {
        var view = new FitProgressView(2, 4, 1500, 3000, 0.81234, 0.9, TimeSpan.FromSeconds(72), TimeSpan.FromSeconds(30), "training");
        Assert.AreEqual("block 2/4  training  iteration 1500/3000  loss 0.8123  val 0.9000  elapsed 1:12  eta 0:30", FitProgressDisplay.FormatLine(view));
    }

    [TestMethod]
    public void FormatLine_NonIteratingPhase_OmitsIterationAndLoss()
    {
        var view = new FitProgressView(1, 4, 200, 200, 0.5, null, TimeSpan.FromSeconds(7), null, "push-forward");
        Assert.AreEqual("block 1/4  push-forward  elapsed 0:07", FitProgressDisplay.FormatLine(view));
    }

    [TestMethod]
    public void FormatDuration_UsesHoursPastOneHour()
    {
        Assert.AreEqual("0:05", FitProgressDisplay.FormatDuration(TimeSpan.FromSeconds(5)));
        Assert.AreEqual("1:02:03", FitProgressDisplay.FormatDuration(new TimeSpan(1, 2, 3)));
    }

    [TestMethod]
    public void PlainMode_WritesOneLinePerBlockChangeAndEnd_NotPerIteration()
    {
        var stderr = new StringWriter();
        var context = new CliContext(new StringWriter(), stderr, interactive: false, CancellationToken.None);
        int result = FitProgressDisplay.Run(context, progress =>
        {
            for (int i = 1; i <= 1000; i++)
            {
                progress.Report(new FitProgressView(1, 2, i, 1000, 1.0 / i, null, TimeSpan.FromMilliseconds(i), null, "training"));
            }

            progress.Report(new FitProgressView(2, 2, 1, 1000, 0.5, null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), "training"));
            return 42;
        }, quiet: false);

        Assert.AreEqual(42, result);
        string[] lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(3, lines, stderr.ToString());
        StringAssert.StartsWith(lines[0], "block 1/2  training  iteration 1/1000");
        StringAssert.StartsWith(lines[1], "block 1/2  training  iteration 1000/1000");
        StringAssert.StartsWith(lines[2], "block 2/2  training  iteration 1/1000");
    }

    [TestMethod]
    public void QuietMode_WritesNothing()
    {
        var stderr = new StringWriter();
        var context = new CliContext(new StringWriter(), stderr, interactive: false, CancellationToken.None);
        FitProgressDisplay.Run(context, progress =>
        {
            progress.Report(new FitProgressView(1, 1, 1, 10, 1, null, TimeSpan.Zero, null, "training"));
            return 0;
        }, quiet: true);
        Assert.AreEqual("", stderr.ToString());
    }
}
