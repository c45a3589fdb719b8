using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Couplings;
using Microsoft.ML.LocalFlow.Numerics.Random;

namespace Microsoft.ML.LocalFlow.Tests.Flow;

[TestClass]
public sealed class CouplingTests
{
    [TestMethod]
    [DataRow(0.15)]
    [DataRow(1.0)]
    public void OrnsteinUhlenbeckMeanAndCovarianceMatchTheory(double gamma)
    {
        // X0 fixed per row; X1 | X0 ~ N(e^{-γ}X0, (1 − e^{-2γ})I): check mean, variance and the zero cross-covariance.
        const int n = 200_000;
        var x0 = new float[n * 2];
        for (int r = 0; r < n; r++)
        {
            x0[2 * r] = 2f;
            x0[(2 * r) + 1] = -1f;
        }

        var x1 = new float[n * 2];
        new OrnsteinUhlenbeckCoupling(gamma).Couple(x0, x1, n, 2, new Rng(7));
        double m0 = 0, m1 = 0;
        for (int r = 0; r < n; r++)
        {
            m0 += x1[2 * r];
            m1 += x1[(2 * r) + 1];
        }

        m0 /= n;
        m1 /= n;
        double v0 = 0, v1 = 0, c01 = 0;
        for (int r = 0; r < n; r++)
        {
            double a = x1[2 * r] - m0, b = x1[(2 * r) + 1] - m1;
            v0 += a * a;
            v1 += b * b;
            c01 += a * b;
        }

        v0 /= n - 1;
        v1 /= n - 1;
        c01 /= n - 1;
        double shrink = Math.Exp(-gamma), variance = 1 - Math.Exp(-2 * gamma);
        double se = Math.Sqrt(variance / n);
        Assert.AreEqual(2 * shrink, m0, 5 * se);
        Assert.AreEqual(-shrink, m1, 5 * se);
        Assert.AreEqual(variance, v0, 5 * variance * Math.Sqrt(2.0 / n));
        Assert.AreEqual(variance, v1, 5 * variance * Math.Sqrt(2.0 / n));
        Assert.AreEqual(0, c01, 5 * variance / Math.Sqrt(n));
    }

    [TestMethod]
    public void OrnsteinUhlenbeckPreservesTheStandardNormal()
    {
        // If X0 ~ N(0, 1) then X1 ~ N(0, 1) and Corr(X0, X1) = e^{-γ}.
        const int n = 200_000;
        var rng = new Rng(11);
        var x0 = new float[n];
        rng.FillGaussian(x0);
        var x1 = new float[n];
        new OrnsteinUhlenbeckCoupling(0.3).Couple(x0, x1, n, 1, rng);
        double v = 0, c = 0;
        for (int i = 0; i < n; i++)
        {
            v += x1[i] * (double)x1[i];
            c += x0[i] * (double)x1[i];
        }

        Assert.AreEqual(1.0, v / n, 0.02);
        Assert.AreEqual(Math.Exp(-0.3), c / n, 0.02);
    }

    [TestMethod]
    public void FreshNoiseEveryCallAndFreeBlockIgnoresX0()
    {
        var rng = new Rng(1);
        var x0 = new float[] { 100, 100, 100, 100 };
        var a = new float[4];
        var b = new float[4];
        IndependentGaussianCoupling.Instance.Couple(x0, a, 2, 2, rng);
        IndependentGaussianCoupling.Instance.Couple(x0, b, 2, 2, rng);
        CollectionAssert.AreNotEqual(a, b);
        Assert.IsTrue(a.All(v => Math.Abs(v) < 10));
        Assert.IsTrue(IndependentGaussianCoupling.Instance.IsFree);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new OrnsteinUhlenbeckCoupling(0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new OrnsteinUhlenbeckCoupling(double.NaN));
    }

    [TestMethod]
    public void BetaTimeSamplingHasTheBetaMean()
    {
        TimeSampling s = TimeSampling.BetaDistribution(1, 0.5);
        var t = new float[100_000];
        s.Fill(t, new Rng(3));
        Assert.AreEqual(1 / 1.5, t.Average(), 0.01);
        Assert.IsTrue(t.All(v => v >= 0 && v <= 1));
        TimeSampling.Uniform.Fill(t, new Rng(4));
        Assert.AreEqual(0.5, t.Average(), 0.01);
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TimeSampling { DrawsPerPair = 0 }.Validate());
        Assert.AreEqual("DrawsPerPair", ex.ParamName);
    }
}
