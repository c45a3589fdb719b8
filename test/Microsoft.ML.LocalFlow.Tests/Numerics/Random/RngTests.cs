using Microsoft.ML.LocalFlow.Numerics.Random;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Random;

[TestClass]
public sealed class RngTests
{
    [TestMethod]
    public void PhiloxMatchesPublishedKnownAnswers()
    {
        // Known-answer vectors of Philox4x32-10 from the Random123 distribution (kat_vectors).
        Rng.Block(0, 0, 0, 0, 0, 0, out uint a, out uint b, out uint c, out uint d);
        CollectionAssert.AreEqual(new uint[] { 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8 }, new[] { a, b, c, d });
        Rng.Block(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, out a, out b, out c, out d);
        CollectionAssert.AreEqual(new uint[] { 0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd }, new[] { a, b, c, d });
        Rng.Block(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, out a, out b, out c, out d);
        CollectionAssert.AreEqual(new uint[] { 0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1 }, new[] { a, b, c, d });
    }

    [TestMethod]
    public void SameSeedAndStreamGiveSameNumbers()
    {
        var a = new float[1001];
        var b = new float[1001];
        new Rng(42, 3).FillGaussian(a);
        new Rng(42, 3).FillGaussian(b);
        CollectionAssert.AreEqual(a, b);
        new Rng(43, 3).FillGaussian(b);
        CollectionAssert.AreNotEqual(a, b);
        new Rng(42, 4).FillGaussian(b);
        CollectionAssert.AreNotEqual(a, b);
    }

    [TestMethod]
    public void BulkFillMatchesSingleDrawsAfterPartialBlock()
    {
        var r1 = new Rng(7);
        var r2 = new Rng(7);
        _ = r1.NextUniform();
        _ = r2.NextUniform();
        var bulk = new float[37];
        r1.FillUniform(bulk);
        for (int i = 0; i < bulk.Length; i++)
        {
            Assert.AreEqual(r2.NextUniform(), bulk[i], $"index {i}");
        }
    }

    [TestMethod]
    public void ForkDependsOnlyOnStreamIdNotOnDrawsSoFar()
    {
        var parent1 = new Rng(11);
        var parent2 = new Rng(11);
        var skip = new float[123];
        parent2.FillUniform(skip);
        var x = new float[64];
        var y = new float[64];
        parent1.Fork(5).FillUniform(x);
        parent2.Fork(5).FillUniform(y);
        CollectionAssert.AreEqual(x, y);
        parent1.Fork(6).FillUniform(y);
        CollectionAssert.AreNotEqual(x, y);
        // the child differs from the parent's own stream
        new Rng(11).FillUniform(y);
        CollectionAssert.AreNotEqual(x, y);
    }

    [TestMethod]
    public void ForkIntoEqualsForkAndSeekIsRandomAccess()
    {
        var root = new Rng(21, 2);
        var reused = new Rng(0);
        reused.FillUniform(new float[5]);
        root.ForkInto(9, reused);
        var a = new float[40];
        var b = new float[40];
        reused.FillUniform(a);
        root.Fork(9).FillUniform(b);
        CollectionAssert.AreEqual(a, b);
        Assert.ThrowsExactly<ArgumentException>(() => root.ForkInto(1, root));

        var seq = new Rng(3);
        var all = new float[64];
        seq.FillUniform(all);
        Assert.AreEqual(16UL, seq.BlockPosition);
        var jump = new Rng(3);
        jump.Seek(10);
        var tail = new float[24];
        jump.FillUniform(tail);
        CollectionAssert.AreEqual(all[40..], tail);
    }

    [TestMethod]
    public void UniformMomentsMatchTheory()
    {
        const int N = 200_000;
        var u = new float[N];
        new Rng(1).FillUniform(u);
        double mean = u.Average(v => (double)v);
        double var = u.Average(v => (v - mean) * (v - mean));
        Assert.IsTrue(u.All(v => v >= 0f && v < 1f));
        Assert.AreEqual(0.5, mean, 4 * Math.Sqrt(1.0 / 12 / N));
        Assert.AreEqual(1.0 / 12, var, 0.002);
    }

    [TestMethod]
    public void GaussianMomentsMatchTheory()
    {
        const int N = 200_001; // odd: exercises the tail pair
        var z = new float[N];
        new Rng(2).FillGaussian(z);
        double mean = z.Average(v => (double)v);
        double m2 = z.Average(v => (double)v * v);
        double m3 = z.Average(v => (double)v * v * v);
        double m4 = z.Average(v => (double)v * v * v * v);
        Assert.AreEqual(0.0, mean, 4 / Math.Sqrt(N));
        Assert.AreEqual(1.0, m2, 4 * Math.Sqrt(2.0 / N));
        Assert.AreEqual(0.0, m3, 4 * Math.Sqrt(15.0 / N));
        Assert.AreEqual(3.0, m4, 4 * Math.Sqrt(96.0 / N));
        // P(|Z| < 1) = 0.682689
        double inside = z.Count(v => Math.Abs(v) < 1) / (double)N;
        Assert.AreEqual(0.682689, inside, 0.004);
        Assert.IsTrue(z.All(float.IsFinite));
    }

    [TestMethod]
    public void ShiftedGaussianAndUniformRanges()
    {
        var z = new float[50_000];
        new Rng(9).FillGaussian(z, 3f, 0.5f);
        Assert.AreEqual(3.0, z.Average(v => (double)v), 0.02);
        var u = new float[10_000];
        new Rng(9).FillUniform(u, -2f, 5f);
        Assert.IsTrue(u.All(v => v >= -2f && v <= 5f));
        Assert.AreEqual(1.5, u.Average(v => (double)v), 0.1);
    }

    [TestMethod]
    [DataRow(2.0, 5.0)]
    [DataRow(0.5, 0.5)]
    [DataRow(1.0, 1.0)]
    [DataRow(0.2, 3.0)]
    [DataRow(30.0, 10.0)]
    public void BetaMeanAndVarianceMatchTheory(double alpha, double beta)
    {
        const int N = 100_000;
        var x = new float[N];
        new Rng(3).FillBeta(x, alpha, beta);
        double mean = x.Average(v => (double)v);
        double var = x.Average(v => (v - mean) * (v - mean));
        double s = alpha + beta;
        double expectedMean = alpha / s;
        double expectedVar = alpha * beta / (s * s * (s + 1));
        Assert.IsTrue(x.All(v => v >= 0f && v <= 1f));
        Assert.AreEqual(expectedMean, mean, 5 * Math.Sqrt(expectedVar / N));
        Assert.AreEqual(expectedVar, var, 0.03 * expectedVar + 1e-5);
    }

    [TestMethod]
    public void GammaMeanAndVarianceMatchTheory()
    {
        var rng = new Rng(4);
        foreach (double k in new[] { 0.3, 1.0, 4.5 })
        {
            const int N = 100_000;
            double s = 0, s2 = 0;
            for (int i = 0; i < N; i++)
            {
                double g = rng.NextGamma(k);
                s += g;
                s2 += g * g;
            }
            double mean = s / N;
            double var = s2 / N - mean * mean;
            Assert.AreEqual(k, mean, 5 * Math.Sqrt(k / N), $"k={k}");
            Assert.AreEqual(k, var, 0.05 * k, $"k={k}");
        }
    }

    [TestMethod]
    public void StreamsAreUncorrelated()
    {
        const int N = 100_000;
        var a = new float[N];
        var b = new float[N];
        var root = new Rng(5);
        root.Fork(0).FillGaussian(a);
        root.Fork(1).FillGaussian(b);
        double corr = 0;
        for (int i = 0; i < N; i++)
        {
            corr += a[i] * (double)b[i];
        }
        corr /= N;
        Assert.AreEqual(0.0, corr, 4 / Math.Sqrt(N));
        new Rng(5, 0).FillGaussian(a);
        new Rng(5, 1).FillGaussian(b);
        corr = 0;
        for (int i = 0; i < N; i++)
        {
            corr += a[i] * (double)b[i];
        }
        corr /= N;
        Assert.AreEqual(0.0, corr, 4 / Math.Sqrt(N));
    }

    [TestMethod]
    public void NextIntIsUniformAndInRange()
    {
        var rng = new Rng(6);
        var counts = new int[7];
        const int N = 70_000;
        for (int i = 0; i < N; i++)
        {
            counts[rng.NextInt(7)]++;
        }
        foreach (int c in counts)
        {
            Assert.AreEqual(N / 7.0, c, 5 * Math.Sqrt(N / 7.0));
        }
        Assert.AreEqual(0, rng.NextInt(1));
    }

    [TestMethod]
    public void BadArgumentsThrowNamingTheArgument()
    {
        var rng = new Rng(1);
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => rng.NextInt(0));
        Assert.AreEqual("maxExclusive", ex.ParamName);
        Assert.AreEqual("alpha", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => rng.FillBeta(new float[2], 0, 1)).ParamName);
        Assert.AreEqual("beta", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => rng.FillBeta(new float[2], 1, double.NaN)).ParamName);
        Assert.AreEqual("shape", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => rng.NextGamma(-1)).ParamName);
        Assert.AreEqual("stdDev", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => rng.FillGaussian(new float[2], 0, -1)).ParamName);
        Assert.AreEqual("high", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => rng.FillUniform(new float[2], 1, 0)).ParamName);
    }
}
