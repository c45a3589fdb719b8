using Microsoft.ML.LocalFlow.Cli.Rendering;

namespace Microsoft.ML.LocalFlow.Tests.Cli;

[TestClass]
[TestCategory("Cli")]
public sealed class FitProgressDisplayTests
{
    [TestMethod]
    public void FormatLine_ShowsBlockIterationLossElapsedEta()
    {
        var view = new FitProgressView(2, 4, 1500, 3000, 0.81234, 0.9, TimeSpan.FromSeconds(72), TimeSpan.FromSeconds(30), "train");
        Assert.AreEqual("block 2/4  train  iteration 1500/3000  loss 0.8123  val 0.9000  elapsed 1:12  eta 0:30", FitProgressDisplay.FormatLine(view));
    }

    [TestMethod]
    public void FormatDuration_UsesHoursPastOneHour()
    {
        Assert.AreEqual("0:05", FitProgressDisplay.FormatDuration(TimeSpan.FromSeconds(5)));
        Assert.AreEqual("1:02:03", FitProgressDisplay.FormatDuration(new TimeSpan(1, 2, 3)));
    }
}
