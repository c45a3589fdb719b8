using Microsoft.ML.LocalFlow.Numerics.Ode;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Ode;

[TestClass]
public sealed class TimeGridTests
{
    [TestMethod]
    public void ForwardGridHitsEndpointsExactly()
    {
        var g = new TimeGrid(0.25, 1.0, 3);
        Assert.AreEqual(0.25, g[0]);
        Assert.AreEqual(0.5, g[1], 1e-15);
        Assert.AreEqual(0.75, g[2], 1e-15);
        Assert.AreEqual(1.0, g[3]);
        Assert.AreEqual(0.25, g.StepSize, 1e-15);
        Assert.IsFalse(g.IsReverse);
    }

    [TestMethod]
    public void ReverseGridVisitsTheSamePoints()
    {
        var f = new TimeGrid(0, 1, 7);
        var r = new TimeGrid(1, 0, 7);
        Assert.IsTrue(r.IsReverse);
        Assert.IsTrue(r.StepSize < 0);
        for (int i = 0; i <= 7; i++)
        {
            Assert.AreEqual(f[i], r[7 - i], 1e-15);
        }

        Assert.AreEqual(0.0, r[7]);
    }

    [TestMethod]
    public void BadArgumentsThrowNamingThem()
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TimeGrid(0, 1, 0));
        Assert.AreEqual("steps", ex.ParamName);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TimeGrid(double.NaN, 1, 2));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TimeGrid(0, 1, 2)[3]);
    }
}
