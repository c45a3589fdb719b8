using Microsoft.ML.LocalFlow.Tabular.Encoding;

namespace Microsoft.ML.LocalFlow.Tests.Tabular;

[TestClass]
public sealed class NormalMathTests
{
    [TestMethod]
    public void Cdf_MatchesMathNet()
    {
        foreach (double z in new[] { -8.0, -5, -3.2, -3, -1.5, -0.1, 0, 0.3, 1, 2.9, 3, 3.1, 4.5, 7 })
        {
            double expected = MathNet.Numerics.Distributions.Normal.CDF(0, 1, z);
            Assert.AreEqual(expected, NormalMath.Cdf(z), 1e-14 + 1e-12 * expected, $"z={z}");
        }
    }

    [TestMethod]
    public void InvCdf_InvertsCdf()
    {
        foreach (double p in new[] { 1e-12, 1e-6, 0.001, 0.02, 0.3, 0.5, 0.77, 0.999, 1 - 1e-9 })
        {
            double z = NormalMath.InvCdf(p);
            Assert.AreEqual(MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, p), z, 1e-9 * Math.Max(1, Math.Abs(z)), $"p={p}");
            Assert.AreEqual(p, NormalMath.Cdf(z), 1e-12 * Math.Max(p, 1e-3), $"p={p}");
        }
    }
}
