using Microsoft.ML.LocalFlow.Cli.Parsing;

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
}
