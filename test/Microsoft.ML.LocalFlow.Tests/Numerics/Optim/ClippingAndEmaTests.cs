using Microsoft.ML.LocalFlow.Numerics.Optim;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Optim;

[TestClass]
public sealed class ClippingAndEmaTests
{
    [TestMethod]
    public void ClipScalesDownToTheMaximumNorm()
    {
        float[] g = [3f, 4f];
        Assert.AreEqual(5f, GradientClipping.ClipByGlobalNorm(g, 1f));
        Assert.AreEqual(0.6f, g[0], 1e-6f);
        Assert.AreEqual(0.8f, g[1], 1e-6f);
        float[] small = [0.3f, 0.4f];
        Assert.AreEqual(0.5f, GradientClipping.ClipByGlobalNorm(small, 1f), 1e-7f);
        CollectionAssert.AreEqual(new[] { 0.3f, 0.4f }, small);
        float[] bad = [1f, float.NaN];
        Assert.ThrowsExactly<NonFiniteValueException>(() => GradientClipping.ClipByGlobalNorm(bad, 1f));
        Assert.AreEqual(1f, bad[0]);
        Assert.AreEqual("maxNorm", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm(g, -1f)).ParamName);
    }

    [TestMethod]
    public void EmaMatchesClosedForm()
    {
        const float decay = 0.9f;
        var ema = new ExponentialMovingAverage([1f, -2f], decay);
        float[][] thetas = [[2f, 0f], [3f, 1f], [-1f, 5f]];
        foreach (float[] theta in thetas)
        {
            ema.Update(theta);
        }
        // a₃ = δ³a₀ + (1−δ)(δ²θ₁ + δθ₂ + θ₃)
        for (int i = 0; i < 2; i++)
        {
            double a0 = i == 0 ? 1 : -2;
            double expected = Math.Pow(decay, 3) * a0 + (1 - decay) * (decay * decay * thetas[0][i] + decay * thetas[1][i] + thetas[2][i]);
            Assert.AreEqual(expected, ema.Average[i], 1e-6);
        }
        Assert.AreEqual(3, ema.UpdateCount);
        var copy = new float[2];
        ema.CopyTo(copy);
        CollectionAssert.AreEqual(ema.Average.ToArray(), copy);
        Assert.AreEqual("decay", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ExponentialMovingAverage([1f], 1f)).ParamName);
        Assert.AreEqual("parameters", Assert.ThrowsExactly<ArgumentException>(() => ema.Update(new float[3])).ParamName);
    }
}
