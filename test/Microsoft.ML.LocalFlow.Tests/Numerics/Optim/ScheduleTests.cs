using Microsoft.ML.LocalFlow.Numerics.Optim;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Optim;

[TestClass]
public sealed class ScheduleTests
{
    [TestMethod]
    public void StepScheduleMatchesOfficialFormula()
    {
        var s = new StepLearningRate(0.01f, 1000, 0.9f);
        foreach (long it in new long[] { 0, 1, 999, 1000, 1999, 2000, 12345 })
        {
            Assert.AreEqual(0.01 * Math.Pow(0.9, it / 1000), s.LearningRate(it), 1e-9, $"it={it}");
        }
        Assert.AreEqual(s.LearningRate(0), s.LearningRate(999));
        Assert.AreNotEqual(s.LearningRate(999), s.LearningRate(1000));
    }

    [TestMethod]
    public void ExponentialScheduleMatchesFormula()
    {
        var s = new ExponentialLearningRate(0.1f, 0.99f);
        foreach (long it in new long[] { 0, 1, 10, 500 })
        {
            Assert.AreEqual(0.1 * Math.Pow(0.99, it), s.LearningRate(it), 1e-8, $"it={it}");
        }
    }

    [TestMethod]
    public void CosineScheduleWarmsUpLinearlyThenDecays()
    {
        var s = new CosineLearningRate(1f, 10, 110, 0.1f);
        Assert.AreEqual(0.1f, s.LearningRate(0), 1e-7f);
        Assert.AreEqual(0.5f, s.LearningRate(4), 1e-7f);
        Assert.AreEqual(1f, s.LearningRate(9), 1e-7f);
        Assert.AreEqual(1f, s.LearningRate(10), 1e-7f);
        Assert.AreEqual(0.1 + 0.45 * (1 + Math.Cos(Math.PI * 0.25)), s.LearningRate(35), 1e-6);
        Assert.AreEqual(0.55f, s.LearningRate(60), 1e-6f);
        Assert.AreEqual(0.1f, s.LearningRate(110), 1e-7f);
        Assert.AreEqual(0.1f, s.LearningRate(1000), 1e-7f);
        Assert.AreEqual(1f, new CosineLearningRate(1f, 0, 10).LearningRate(0), 1e-7f);
    }

    [TestMethod]
    public void BadScheduleArgumentsThrowNamingTheArgument()
    {
        Assert.AreEqual("rate", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ConstantLearningRate(0f)).ParamName);
        Assert.AreEqual("initialRate", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new StepLearningRate(float.NaN, 1, 0.5f)).ParamName);
        Assert.AreEqual("stepSize", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new StepLearningRate(0.1f, 0, 0.5f)).ParamName);
        Assert.AreEqual("gamma", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ExponentialLearningRate(0.1f, 0f)).ParamName);
        Assert.AreEqual("totalIterations", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new CosineLearningRate(0.1f, 10, 10)).ParamName);
        Assert.AreEqual("minimumRate", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new CosineLearningRate(0.1f, 0, 10, 0.2f)).ParamName);
        Assert.AreEqual("iteration", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ExponentialLearningRate(0.1f, 0.5f).LearningRate(-1)).ParamName);
    }
}
