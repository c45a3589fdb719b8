using Microsoft.ML.LocalFlow.Numerics.Nn;
using Microsoft.ML.LocalFlow.Numerics.Random;
using Microsoft.ML.LocalFlow.Numerics.Threading;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Nn;

[TestClass]
public sealed class MlpDivergenceTests
{
    /// <summary>Jacobian ∂v/∂x of one row by central differences on the float64 reference.</summary>
    private static double[,] Jacobian(MlpShape s, Mlp mlp, float t, float[] x, float[] c, int row)
    {
        int d = s.DataDimension;
        int cd = s.ConditionDimension;
        double[] p = mlp.Parameters.ToArray().Select(v => (double)v).ToArray();
        double[] xr = x.Skip(row * d).Take(d).Select(v => (double)v).ToArray();
        double[] cr = c.Skip(row * cd).Take(cd).Select(v => (double)v).ToArray();
        var jac = new double[d, d];
        const double h = 1e-6;
        for (int j = 0; j < d; j++)
        {
            double keep = xr[j];
            xr[j] = keep + h;
            double[] up = MlpReference.Forward(s, p, t, xr, cr);
            xr[j] = keep - h;
            double[] down = MlpReference.Forward(s, p, t, xr, cr);
            xr[j] = keep;
            for (int i = 0; i < d; i++)
            {
                jac[i, j] = (up[i] - down[i]) / (2 * h);
            }
        }
        return jac;
    }

    public static IEnumerable<object[]> Cases()
    {
        foreach (Activation a in Enum.GetValues<Activation>())
        {
            yield return [a, TimeEncoding.Raw, 0];
            yield return [a, TimeEncoding.Fourier, 2];
        }
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void ExactDivergenceMatchesFiniteDifferenceTrace(Activation activation, TimeEncoding encoding, int condition)
    {
        MlpShape s = MlpGradientTests.SmallShape(activation, encoding, condition) with { HiddenLayers = 3 };
        var mlp = new Mlp(s, 31);
        const int rows = 5;
        (float[] t, float[] x, float[] c) = MlpGradientTests.Batch(s, rows, 13);
        var output = new float[rows * s.DataDimension];
        var divergence = new float[rows];
        var ws = new MlpInferenceWorkspace(s, rows);
        mlp.ForwardWithDivergence(t, x, c, rows, output, divergence, ws);

        var plain = new float[output.Length];
        mlp.Forward(t, x, c, rows, plain, ws);
        CollectionAssert.AreEqual(plain, output, "the divergence pass must return the same velocity");

        for (int r = 0; r < rows; r++)
        {
            double[,] jac = Jacobian(s, mlp, t[r], x, c, r);
            double trace = Enumerable.Range(0, s.DataDimension).Sum(i => jac[i, i]);
            double scale = jac.Cast<double>().Max(Math.Abs);
            Assert.AreEqual(trace, divergence[r], 1e-4 * (1 + scale), $"row {r}");
        }
    }

    [TestMethod]
    public void ExactDivergenceIsChunkedAndThreadedConsistently()
    {
        // d·H large enough that the workspace must split 300 rows into several chunks.
        var s = new MlpShape(dataDimension: 64, hiddenWidth: 64, hiddenLayers: 2, activation: Activation.Silu);
        var mlp = new Mlp(s, 3);
        const int rows = 300;
        (float[] t, float[] x, float[] c) = MlpGradientTests.Batch(s, rows, 14);
        var ws = new MlpInferenceWorkspace(s, rows);
        Assert.IsTrue(ws.ChunkRows(64) < rows);
        var output = new float[rows * 64];
        var div = new float[rows];
        mlp.ForwardWithDivergence(t, x, c, rows, output, div, ws);
        using var pool = new WorkerPool(2);
        var div2 = new float[rows];
        mlp.ForwardWithDivergence(t, x, c, rows, output, div2, new MlpInferenceWorkspace(s, rows), pool);
        CollectionAssert.AreEqual(div, div2);
        foreach (int r in new[] { 0, 150, 299 })
        {
            double[,] jac = Jacobian(s, mlp, t[r], x, c, r);
            double trace = Enumerable.Range(0, 64).Sum(i => jac[i, i]);
            Assert.AreEqual(trace, div[r], 1e-3 * (1 + Math.Abs(trace)), $"row {r}");
        }
    }

    [TestMethod]
    [DataRow(ProbeDistribution.Rademacher)]
    [DataRow(ProbeDistribution.Gaussian)]
    public void HutchinsonEstimateIsUnbiased(ProbeDistribution distribution)
    {
        MlpShape s = MlpGradientTests.SmallShape(Activation.Tanh, TimeEncoding.Raw, 0) with { DataDimension = 6, HiddenWidth = 16 };
        var mlp = new Mlp(s, 41);
        const int rows = 3;
        const int probes = 4000;
        (float[] t, float[] x, float[] c) = MlpGradientTests.Batch(s, rows, 15);
        var ws = new MlpInferenceWorkspace(s, rows);
        var output = new float[rows * 6];
        var exact = new float[rows];
        mlp.ForwardWithDivergence(t, x, c, rows, output, exact, ws);
        var estimate = new float[rows];
        mlp.ForwardWithDivergenceEstimate(t, x, c, rows, output, estimate, probes, new Rng(99), ws, distribution: distribution);
        for (int r = 0; r < rows; r++)
        {
            double[,] j = Jacobian(s, mlp, t[r], x, c, r);
            // Var(εᵀJε) = Σ_{i≠k} (J_ik² + J_ik·J_ki) for Rademacher; Gaussian adds 2·Σ J_ii².
            double variance = 0;
            for (int i = 0; i < 6; i++)
            {
                for (int k = 0; k < 6; k++)
                {
                    if (i != k)
                    {
                        variance += j[i, k] * j[i, k] + j[i, k] * j[k, i];
                    }
                    else if (distribution == ProbeDistribution.Gaussian)
                    {
                        variance += 2 * j[i, i] * j[i, i];
                    }
                }
            }
            double tolerance = 5 * Math.Sqrt(variance / probes) + 1e-5;
            Assert.AreEqual(exact[r], estimate[r], tolerance, $"row {r}");
            Assert.AreNotEqual(exact[r], estimate[r], "a finite-probe estimate should not be exact");
        }

        var again = new float[rows];
        mlp.ForwardWithDivergenceEstimate(t, x, c, rows, output, again, probes, new Rng(99), ws, distribution: distribution);
        CollectionAssert.AreEqual(estimate, again, "same seed, same estimate");
    }
}
