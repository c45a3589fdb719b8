using Microsoft.ML.LocalFlow.Flow.Interpolants;

namespace Microsoft.ML.LocalFlow.Tests.Flow;

[TestClass]
public sealed class InterpolantTests
{
    private static PathSample Sample(params float[] t)
    {
        var s = new PathSample(t.Length, 2);
        for (int r = 0; r < t.Length; r++)
        {
            s.T[r] = t[r];
            s.X0[2 * r] = 1.5f;
            s.X0[(2 * r) + 1] = -0.5f;
            s.X1[2 * r] = -2f;
            s.X1[(2 * r) + 1] = 0.75f;
        }

        return s;
    }

    [TestMethod]
    public void TrigonometricMatchesClosedForm()
    {
        PathSample s = Sample(0f, 0.3f, 1f);
        Interpolant.Create(InterpolantKind.Trigonometric).Interpolate(s);
        for (int r = 0; r < 3; r++)
        {
            double t = s.T[r], c = Math.Cos(Math.PI * t / 2), sn = Math.Sin(Math.PI * t / 2);
            for (int i = 0; i < 2; i++)
            {
                int k = (2 * r) + i;
                Assert.AreEqual((c * s.X0[k]) + (sn * s.X1[k]), s.Xt[k], 1e-6);
                Assert.AreEqual(Math.PI / 2 * ((c * s.X1[k]) - (sn * s.X0[k])), s.DxDt[k], 1e-6);
            }
        }

        Assert.AreEqual(s.X0[0], s.Xt[0], 1e-7);  // t = 0 → X0
        Assert.AreEqual(s.X1[4], s.Xt[4], 1e-6);  // t = 1 → X1
    }

    [TestMethod]
    [DataRow(InterpolantKind.Trigonometric)]
    [DataRow(InterpolantKind.Linear)]
    [DataRow(InterpolantKind.LinearSigmaMin)]
    public void DerivativeMatchesFiniteDifference(InterpolantKind kind)
    {
        IInterpolant ip = Interpolant.Create(kind, 0.01);
        const float h = 1e-3f;
        PathSample a = Sample(0.4f - h, 0.4f, 0.4f + h);
        ip.Interpolate(a);
        for (int i = 0; i < 2; i++)
        {
            double fd = (a.Xt[4 + i] - a.Xt[i]) / (2 * h);
            Assert.AreEqual(fd, a.DxDt[2 + i], 2e-3);
        }
    }

    [TestMethod]
    public void LinearSigmaMinEndpoints()
    {
        var ip = new LinearSigmaMinInterpolant(0.1);
        (float a0, float b0, _, _) = ip.Coefficients(0);
        (float a1, float b1, float da, float db) = ip.Coefficients(1);
        Assert.AreEqual(1f, a0);
        Assert.AreEqual(0.1f, b0, 1e-7f);
        Assert.AreEqual(0f, a1);
        Assert.AreEqual(1f, b1);
        Assert.AreEqual(-1f, da);
        Assert.AreEqual(0.9f, db, 1e-7f);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new LinearSigmaMinInterpolant(1));
    }
}
