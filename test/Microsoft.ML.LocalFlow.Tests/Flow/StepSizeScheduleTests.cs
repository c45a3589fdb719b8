using Microsoft.ML.LocalFlow.Flow.Couplings;
using Microsoft.ML.LocalFlow.Flow.Schedules;

namespace Microsoft.ML.LocalFlow.Tests.Flow;

[TestClass]
public sealed class StepSizeScheduleTests
{
    [TestMethod]
    public void ExponentialMatchesThePowerConfiguration()
    {
        // Official C2 POWER: (c, ρ) = (0.15, 1.3), 4 blocks → 0.15, 0.195, 0.2535, free.
        var s = StepSizeSchedule.Exponential(0.15, 1.3, 4);
        Assert.AreEqual(4, s.Count);
        Assert.AreEqual(0.15, s.Steps[0].Gamma, 1e-12);
        Assert.AreEqual(0.195, s.Steps[1].Gamma, 1e-12);
        Assert.AreEqual(0.2535, s.Steps[2].Gamma, 1e-12);
        Assert.IsTrue(s.Steps[3].IsFree);
        Assert.IsTrue(s.EndsFree);
        Assert.IsInstanceOfType<IndependentGaussianCoupling>(s.CouplingFor(3));
        Assert.AreEqual(0.195, s.CouplingFor(1).Gamma, 1e-12);
    }

    [TestMethod]
    public void ParseRoundTripsAndRejectsBadSteps()
    {
        var s = StepSizeSchedule.Parse("0.15, 0.2,0.26,free");
        Assert.AreEqual(StepSizeSchedule.Power, s);
        Assert.AreEqual(s, StepSizeSchedule.Parse(s.ToString()));
        Assert.ThrowsExactly<FormatException>(() => StepSizeSchedule.Parse("0.1,-0.2,free"));
        Assert.ThrowsExactly<FormatException>(() => StepSizeSchedule.Parse("free,0.1"));
        Assert.ThrowsExactly<FormatException>(() => StepSizeSchedule.Parse("0,free"));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => StepSizeSchedule.Explicit([0.1, 0]));
        Assert.ThrowsExactly<ArgumentException>(() => StepSizeSchedule.Explicit([], lastFree: false));
        Assert.AreEqual(1, StepSizeSchedule.FlowMatching.Count);
        Assert.IsTrue(StepSizeSchedule.FlowMatching.EndsFree);
    }
}
