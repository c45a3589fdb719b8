using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Csv;
using Microsoft.ML.LocalFlow.Tabular.Encoding;

namespace Microsoft.ML.LocalFlow.Tests.Tabular;

[TestClass]
public sealed class QuantileMapTests
{
    private static readonly double[] Values = [-1.3, -0.2, 0.0, 0.001, 0.4, 1.7, 2.0, 2.05, 5.5];
    private static readonly int[] Counts = [1, 2, 1, 1, 3, 1, 1, 2, 1];

    /// <summary>The plain kernel CDF of the definition, summed over every value (no window), in double.</summary>
    private static double ClosedForm(double v, double h, double b)
    {
        int n = Counts.Sum();
        double K(double x)
        {
            double s = 0;
            for (int j = 0; j < Values.Length; j++)
            {
                s += Counts[j] * 0.5 * (1 + Erf((x - Values[j]) / (b * Math.Sqrt(2))));
            }

            return s / n;
        }

        double lo = Values[0] - 0.5 * h, hi = Values[^1] + 0.5 * h;
        double smooth = (K(v) - K(lo)) / (K(hi) - K(lo));
        return (1 - QuantileMap.UniformShare) * smooth + QuantileMap.UniformShare * (v - lo) / (hi - lo);
    }

    // An independent erf (MathNet's), so the check does not reuse the product's NormalMath.Cdf.
    private static double Erf(double x) => MathNet.Numerics.SpecialFunctions.Erf(x);

    [TestMethod]
    [DataRow(0.0, 0.3)]
    [DataRow(0.001, 0.3)]
    [DataRow(0.001, 1.5)]
    public void FitSmoothed_TabulatesTheKernelCdf(double h, double b)
    {
        QuantileMap map = QuantileMap.FitSmoothed(Values, Counts, h, b, maxKnots: 4096);
        double lo = Values[0] - 0.5 * h, hi = Values[^1] + 0.5 * h;
        Assert.AreEqual(lo, map.X[0], 1e-12);
        Assert.AreEqual(hi, map.X[^1], 1e-12);
        Assert.AreEqual(0, map.P[0]);
        Assert.AreEqual(1, map.P[^1]);
        var rng = new System.Random(3);
        for (int i = 0; i < 500; i++)
        {
            double v = lo + (hi - lo) * rng.NextDouble();
            double p = map.ToP(v, out double slope);
            // Piecewise-linear interpolation between knots at most (range/512) apart: error ≤ f'·Δ²/8 ≪ 1e-4.
            Assert.AreEqual(ClosedForm(v, h, b), p, 1e-4, $"F({v})");
            Assert.IsTrue(slope > 0, $"slope at {v}");
        }
    }

    [TestMethod]
    public void FitSmoothed_IsStrictlyIncreasing_AndItsInverseIsExact()
    {
        // A gap of 40 bandwidths: Φ's tails vanish there in double precision, and only the uniform share keeps F rising.
        double[] x = [0, 0.1, 0.2, 40, 40.1];
        int[] c = [3, 1, 2, 1, 1];
        QuantileMap map = QuantileMap.FitSmoothed(x, c, 0, 0.1, maxKnots: 64);
        Assert.AreEqual(64, map.X.Length, "thinned to maxKnots");
        for (int k = 1; k < map.X.Length; k++)
        {
            Assert.IsTrue(map.X[k] > map.X[k - 1], $"x knot {k}");
            Assert.IsTrue(map.P[k] > map.P[k - 1], $"p knot {k}");
        }

        for (double v = 0; v <= 40.1; v += 0.0371)
        {
            Assert.AreEqual(v, map.FromP(map.ToP(v, out _)), 1e-9, $"F⁻¹(F({v}))");
            Assert.AreEqual(v, map.Inverse(map.Forward(v, out _)), 1e-7, $"encode/decode {v}");
        }
    }

    [TestMethod]
    public void SilvermanBandwidth_MatchesHandComputation()
    {
        // Sample 1, 2, 2, 3, 4, 5, 6, 7, 8, 20 (n = 10): mean 5.8, population s.d. √(Σ(x−5.8)²/10) = √27.16;
        // quartiles at floor(q·(n−1)) = 2 and 6 of the sorted sample: 2 and 6, IQR 4 → IQR/1.34 = 2.985 < s.d.
        double[] x = [1, 2, 3, 4, 5, 6, 7, 8, 20];
        int[] c = [1, 2, 1, 1, 1, 1, 1, 1, 1];
        double expected = 0.9 * (4 / 1.34) * Math.Pow(10, -0.2);
        Assert.AreEqual(expected, QuantileMap.SilvermanBandwidth(x, c), 1e-12);

        // A constant-but-one sample has IQR 0: the s.d. is used instead.
        double[] y = [1, 2];
        int[] d = [9, 1];
        Assert.AreEqual(0.9 * 0.3 * Math.Pow(10, -0.2), QuantileMap.SilvermanBandwidth(y, d), 1e-12);
    }

    [TestMethod]
    public void SmoothedMap_DoesNotCrowdShortGaps_TheEmpiricalOneDoes()
    {
        // 40 training values drawn from U(0, 10) (3 decimals). A fresh draw from U(0, 10) falls in a gap with probability
        // ∝ its width, so its distance to the nearest training value (1-D DCR) averages E[w²]/(4E[w]), about twice
        // E[w]/4 (measured with this seed: fresh 0.104, empirical map 0.073, kernel map 0.098). Decoding N(0, 1) codes (a flow that has smoothed its encoded sample) through the empirical map puts
        // mass 1/n in every gap whatever its width, which gives E[w]/4: synthetic values crowd the short gaps. Through
        // the kernel map they land ∝ width again, as fresh data does.
        var rng = new System.Random(11);
        double[] train = [.. Enumerable.Range(0, 40).Select(_ => Math.Round(10 * rng.NextDouble(), 3)).Distinct().Order()];
        int[] c = [.. train.Select(_ => 1)];
        QuantileMap empirical = QuantileMap.FitDequantized(train, c, 0.001, 4096, fillGaps: true);
        QuantileMap smoothed = QuantileMap.FitSmoothed(train, c, 0.001, QuantileMap.SilvermanBandwidth(train, c), 4096);
        double Dcr(double v)
        {
            double best = double.MaxValue;
            foreach (double x in train)
            {
                best = Math.Min(best, Math.Abs(v - x));
            }

            return best;
        }

        double fresh = 0, viaEmpirical = 0, viaSmoothed = 0;
        const int Draws = 50_000;
        for (int i = 0; i < Draws; i++)
        {
            // Fresh data from the same range as the training values, and one N(0, 1) code (Box–Muller).
            fresh += Dcr(train[0] + (train[^1] - train[0]) * rng.NextDouble());
            double z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            viaEmpirical += Dcr(empirical.Inverse(z));
            viaSmoothed += Dcr(smoothed.Inverse(z));
        }

        Console.WriteLine($"mean 1-D DCR: fresh {fresh / Draws:F4}, empirical map {viaEmpirical / Draws:F4}, smoothed map {viaSmoothed / Draws:F4}");
        Assert.IsTrue(viaEmpirical < 0.8 * fresh, $"empirical map: mean DCR {viaEmpirical / Draws:F4} vs fresh data {fresh / Draws:F4}");
        Assert.IsTrue(viaSmoothed > 0.88 * fresh && viaSmoothed > 1.2 * viaEmpirical, $"smoothed map: mean DCR {viaSmoothed / Draws:F4} vs fresh data {fresh / Draws:F4}");
    }

    [TestMethod]
    public void EncodeDecode_IsExact_OnEveryDataset_WithTheSmoothedMap()
    {
        foreach (string name in TestData.Names)
        {
            Table t = TestData.Load(name);
            var enc = TabularEncoder.Fit(t, new TabularEncoderOptions { QuantileBandwidth = 1 });
            foreach (bool noise in new[] { true, false })
            {
                EncodedTable e = enc.Encode(t, seed: 7, addNoise: noise);
                TableAssert.SameCells(t, enc.Decode(e.Data, e.Rows), $"{name} noise={noise}");
            }
        }
    }

    [TestMethod]
    public void SmoothedMap_FallsBack_WhenFloat32CannotHoldTheLattice()
    {
        // Integer triples 10⁷ apart: under a kernel map one lattice cell carries ~1e-10 of the mass, far below what a
        // float32 code resolves, so the codec must fall back to the per-value map, and still decode every value exactly.
        string csv = "t\n" + string.Join("\n", Enumerable.Range(0, 60).Select(i => (i / 3 * 10_000_000L + i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "\n";
        Table t = TableCsv.Parse(csv);
        var enc = TabularEncoder.Fit(t, new TabularEncoderOptions { QuantileBandwidth = 1 });
        EncodedTable e = enc.Encode(t, seed: 5, addNoise: true);
        TableAssert.SameCells(t, enc.Decode(e.Data, e.Rows), "lattice far finer than the kernel");
    }

    [TestMethod]
    public void ColumnsWithoutALattice_GetTheKernelMapToo()
    {
        // A Single column from an IDataView carries 9 significant digits, which no float32 code holds exactly under
        // either map; the kernel map is kept because it loses no more training values than the per-value map.
        var rng = new System.Random(2);
        double[] v = [.. Enumerable.Range(0, 300).Select(_ => (double)(float)(3 + 2 * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble())))];
        var t = new Table([new NumericColumn("x", ColumnKind.Continuous, v, new NumericTextFormat(0, false, 9))]);
        float[] Codes(double bandwidth) => TabularEncoder.Fit(t, new TabularEncoderOptions { QuantileBandwidth = bandwidth }).Encode(t, seed: 0, addNoise: false).Data;
        float[] kernel = Codes(1), empirical = Codes(0);
        CollectionAssert.AreNotEqual(empirical, kernel, "the kernel map was used");
        var enc = TabularEncoder.Fit(t, new TabularEncoderOptions { QuantileBandwidth = 1 });
        var back = (NumericColumn)enc.Decode(kernel, t.RowCount)[0];
        for (int i = 0; i < v.Length; i++)
        {
            Assert.AreEqual(v[i], back.Values[i], 1e-5 * Math.Abs(v[i]), $"row {i}");
        }
    }

    [TestMethod]
    [DataRow(-0.5)]
    [DataRow(double.NaN)]
    [DataRow(double.PositiveInfinity)]
    public void QuantileBandwidth_OutOfRange_IsRejected_ByName(double value)
    {
        Table t = TableCsv.Parse("x\n1\n2\n3\n");
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => TabularEncoder.Fit(t, new TabularEncoderOptions { QuantileBandwidth = value }));
        Assert.AreEqual(nameof(TabularEncoderOptions.QuantileBandwidth), ex.ParamName);
    }
}
