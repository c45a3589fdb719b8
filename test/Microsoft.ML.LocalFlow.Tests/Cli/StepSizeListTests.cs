using Microsoft.ML.LocalFlow.Cli.Commands;
using Microsoft.ML.LocalFlow.Cli.Parsing;
using Microsoft.ML.LocalFlow.Flow.Schedules;

namespace Microsoft.ML.LocalFlow.Tests.Cli;

[TestClass]
[TestCategory("Cli")]
public sealed class StepSizeListTests
{
    [TestMethod]
    public void Parses_GammasAndFreeBlock()
    {
        StepSizeList? list = StepSizeList.TryParse("0.15, 0.2,1e-1,free", out string? error);
        Assert.IsNull(error);
        Assert.IsNotNull(list);
        CollectionAssert.AreEqual(new[] { 0.15, 0.2, 0.1 }, list.Gammas.ToArray());
        Assert.IsTrue(list.FinalBlockFree);
        Assert.AreEqual(4, list.BlockCount);
        Assert.AreEqual("0.15,0.2,0.1,free", list.ToString());
    }

    [TestMethod]
    public void Parses_OnlyGammas()
    {
        StepSizeList? list = StepSizeList.TryParse("0.5", out _);
        Assert.IsNotNull(list);
        Assert.IsFalse(list.FinalBlockFree);
        Assert.AreEqual(1, list.BlockCount);
    }

    [TestMethod]
    public void Parses_OnlyFree_AsOneBlock()
    {
        StepSizeList? list = StepSizeList.TryParse("FREE", out _);
        Assert.IsNotNull(list);
        Assert.AreEqual(1, list.BlockCount);
        Assert.IsEmpty(list.Gammas);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("0")]
    [DataRow("0.1,,0.2")]
    [DataRow("0,1")]
    [DataRow("1;2")]
    [DataRow("free,free")]
    public void Rejects(string text)
    {
        Assert.IsNull(StepSizeList.TryParse(text, out string? error));
        Assert.IsNotNull(error);
        Assert.Contains(text, error);
    }

    [TestMethod]
    public void Blocks_ExtendThePowerProgression_LastFree()
    {
        var settings = new FitSettings { DataPath = "d.csv", ModelPath = "m.lfm", Blocks = 5 };
        StepSizeSchedule schedule = FitOptionsBuilder.ScheduleFor(settings, StepSizeSchedule.Power);
        Assert.AreEqual(5, schedule.Count);
        Assert.IsTrue(schedule.EndsFree);
        double[] expected = [0.15, 0.2, 0.2 * 4 / 3, 0.2 * 16 / 9];
        for (int i = 0; i < 4; i++)
        {
            Assert.AreEqual(expected[i], schedule.Steps[i].Gamma, 1e-12);
        }
    }

    [TestMethod]
    public void StepSizes_AndBaselineFm_MapToTheFlowSchedules()
    {
        StepSizeSchedule explicitSchedule = FitOptionsBuilder.ScheduleFor(
            new FitSettings { DataPath = "d", ModelPath = "m", StepSizes = StepSizeList.TryParse("0.3,0.4", out _) }, StepSizeSchedule.Power);
        Assert.AreEqual("0.3,0.4", explicitSchedule.ToString());
        StepSizeSchedule onlyFree = FitOptionsBuilder.ScheduleFor(
            new FitSettings { DataPath = "d", ModelPath = "m", StepSizes = StepSizeList.TryParse("free", out _) }, StepSizeSchedule.Power);
        Assert.AreEqual(StepSizeSchedule.FlowMatching, onlyFree);
        StepSizeSchedule fm = FitOptionsBuilder.ScheduleFor(new FitSettings { DataPath = "d", ModelPath = "m", BaselineFm = true }, StepSizeSchedule.Power);
        Assert.AreEqual(StepSizeSchedule.FlowMatching, fm);
    }

    [TestMethod]
    public void Presets_AreTheTabularLayersDefinition()
    {
        var layerDefault = new Microsoft.ML.LocalFlow.Flow.LocalFlowOptions();
        int Iterations(string? preset) => FitOptionsBuilder.Build(new FitSettings { DataPath = "d", ModelPath = "m", Preset = preset }, "ckpt").Flow.IterationsPerBlock;
        Assert.AreEqual(layerDefault.IterationsPerBlock, Iterations(null));
        Assert.AreEqual(layerDefault.IterationsPerBlock, Iterations("balanced"));
        Assert.AreEqual(300, Iterations("fast"));
        Assert.AreEqual(layerDefault.IterationsPerBlock * 2, Iterations("QUALITY"));
        var built = FitOptionsBuilder.Build(new FitSettings { DataPath = "d", ModelPath = "m", Preset = "quality", Iterations = 7 }, "ckpt");
        Assert.AreEqual(7, built.Flow.IterationsPerBlock, "an explicit --iterations overrides the preset");
        Assert.AreEqual(0.1, built.Flow.ValidationFraction, "the quality preset's validation split survives other overrides");
        Assert.AreEqual(layerDefault.HiddenWidth, built.Flow.HiddenWidth);
        Assert.AreEqual("ckpt", built.Flow.CheckpointDirectory);
        Assert.IsFalse(built.Flow.ResumeFromCheckpoint);
        var fast = FitOptionsBuilder.Build(new FitSettings { DataPath = "d", ModelPath = "m", Preset = "fast", Blocks = 3 }, "ckpt");
        Assert.AreEqual(3, fast.Flow.Schedule.Count);
        Assert.AreEqual(0.5, fast.Flow.Schedule.Steps[0].Gamma, 1e-12, "--blocks extends the preset's own chain");
    }
}
