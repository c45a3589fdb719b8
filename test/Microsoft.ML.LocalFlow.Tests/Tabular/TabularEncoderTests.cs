using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Csv;
using Microsoft.ML.LocalFlow.Tabular.Encoding;

namespace Microsoft.ML.LocalFlow.Tests.Tabular;

[TestClass]
public sealed class TabularEncoderTests
{
    [TestMethod]
    [DataRow(ContinuousEncoding.Quantile)]
    [DataRow(ContinuousEncoding.Standardize)]
    public void EncodeDecode_IsExact_OnEveryDataset(ContinuousEncoding encoding)
    {
        foreach (string name in TestData.Names)
        {
            Table t = TestData.Load(name);
            var enc = TabularEncoder.Fit(t, new TabularEncoderOptions { Continuous = encoding });
            foreach (bool noise in new[] { true, false })
            {
                EncodedTable e = enc.Encode(t, seed: 7, addNoise: noise);
                Assert.AreEqual(t.RowCount * enc.Width, e.Data.Length);
                Table back = enc.Decode(e.Data, e.Rows);
                TableAssert.SameCells(t, back, $"{name} {encoding} noise={noise}");
            }
        }
    }

    [TestMethod]
    public void EncodeDecode_IsExact_WithLabel_AndBits_AndDates()
    {
        Table t = TestData.Load("penguins");
        var enc = TabularEncoder.Fit(t, new TabularEncoderOptions { LabelColumn = "species", OneHotMaxLevels = 2 });
        Assert.AreEqual(3, enc.ConditionWidth);
        Assert.AreEqual(ColumnEncodingKind.AnalogBits, enc.Layout.Single(l => l.Column == "island").Encoding);
        Assert.AreEqual(2, enc.Layout.Single(l => l.Column == "island").Width); // 3 levels -> 2 bits
        Assert.AreEqual(2, enc.Layout.Single(l => l.Column == "sex").Width); // female, male, missing -> 2 bits
        EncodedTable e = enc.Encode(t, seed: 3);
        TableAssert.SameCells(t, enc.Decode(e.Data, e.Rows, e.Condition), "penguins+label");

        string csv = "d,ts,b\n2024-01-31,2024-01-31T10:20:30,yes\n,2023-12-01T00:00:00,no\n1999-12-31,2020-02-29T23:59:59,\n2000-01-01,2021-07-04T12:00:00,yes\n";
        Table dt = TableCsv.Parse(csv);
        var enc2 = TabularEncoder.Fit(dt);
        EncodedTable e2 = enc2.Encode(dt, seed: 1);
        TableAssert.SameCells(dt, enc2.Decode(e2.Data, e2.Rows), "dates");
        Assert.AreEqual(csv, TableCsv.ToCsvString(enc2.Decode(e2.Data, e2.Rows)));
    }

    [TestMethod]
    public void HighCardinality_UsesLog2Width_AndRoundTrips()
    {
        int k = 1000;
        var codes = Enumerable.Range(0, 3000).Select(i => i % k).ToArray();
        var levels = Enumerable.Range(0, k).Select(i => "L" + i).ToArray();
        codes[5] = -1;
        var t = new Table([new CategoricalColumn("c", ColumnKind.Categorical, levels, codes)]);
        var enc = TabularEncoder.Fit(t);
        Assert.AreEqual(10, enc.Width); // ceil(log2(1001))
        EncodedTable e = enc.Encode(t, 1);
        TableAssert.SameCells(t, enc.Decode(e.Data, e.Rows), "1000 levels");
    }

    [TestMethod]
    public void RandomMatrices_DecodeInsideBounds_AndObservedLevels()
    {
        foreach (string name in new[] { "penguins", "wine", "faithful" })
        {
            Table t = TestData.Load(name);
            foreach (ContinuousEncoding ce in new[] { ContinuousEncoding.Quantile, ContinuousEncoding.Standardize })
            {
                var enc = TabularEncoder.Fit(t, new TabularEncoderOptions { Continuous = ce, OneHotMaxLevels = 3 });
                var rng = new Random(11);
                int rows = 2000;
                var data = new float[rows * enc.Width];
                for (int i = 0; i < data.Length; i++)
                {
                    data[i] = (float)((rng.NextDouble() - 0.5) * 20); // far outside the training range
                }

                data[0] = float.NaN;
                data[1] = float.PositiveInfinity;
                Table s = enc.Decode(data, rows);
                for (int j = 0; j < t.ColumnCount; j++)
                {
                    switch (t[j])
                    {
                        case NumericColumn real:
                        {
                            var syn = (NumericColumn)s[j];
                            double lo = real.Values.ToArray().Where(v => !double.IsNaN(v)).Min();
                            double hi = real.Values.ToArray().Where(v => !double.IsNaN(v)).Max();
                            foreach (double v in syn.Values)
                            {
                                if (double.IsNaN(v))
                                {
                                    Assert.IsTrue(real.IsNullable, $"{name}.{real.Name}: missing value in a column that had none");
                                    continue;
                                }

                                Assert.IsTrue(v >= lo && v <= hi, $"{name}.{real.Name} ({ce}): {v} outside [{lo}, {hi}]");
                                if (real.Kind == ColumnKind.Integer)
                                {
                                    Assert.AreEqual(Math.Floor(v), v, $"{name}.{real.Name} not integral");
                                }
                            }

                            break;
                        }

                        case CategoricalColumn real:
                        {
                            var syn = (CategoricalColumn)s[j];
                            var allowed = real.Levels.ToHashSet();
                            for (int i = 0; i < rows; i++)
                            {
                                string? cell = syn.FormatCell(i);
                                Assert.IsTrue(cell is null ? real.IsNullable : allowed.Contains(cell), $"{name}.{real.Name}: '{cell}'");
                            }

                            break;
                        }
                    }
                }
            }
        }
    }

    [TestMethod]
    public void UserBounds_AreEnforced()
    {
        Table t = TestData.Load("faithful");
        var o = new TabularEncoderOptions { Continuous = ContinuousEncoding.Standardize };
        o.Bounds["waiting"] = new ColumnBounds(60, 70);
        var enc = TabularEncoder.Fit(t, o);
        var data = Enumerable.Range(0, 200).Select(i => (float)(i / 10.0 - 10)).ToArray();
        Table s = enc.Decode(data, 100);
        var w = (NumericColumn)s["waiting"];
        Assert.AreEqual(60, w.Values.ToArray().Min());
        Assert.AreEqual(70, w.Values.ToArray().Max());
    }

    [TestMethod]
    public void UnseenCategory_InScoringInput_NamesRowAndColumn()
    {
        Table t = TableCsv.Parse("c,x\na,10\nb,20\na,35\n");
        var enc = TabularEncoder.Fit(t);
        Table other = TableCsv.Parse("c,x\na,10\nz,20\n");
        TableFormatException e = Assert.ThrowsExactly<TableFormatException>(() => enc.Encode(other));
        Assert.AreEqual(2, e.DataRow);
        Assert.AreEqual("c", e.Column);
        StringAssert.Contains(e.Message, "'z' is not a level");

        Table missing = TableCsv.Parse("c,x\na,\nb,20\n");
        TableFormatException e2 = Assert.ThrowsExactly<TableFormatException>(() => enc.Encode(missing));
        Assert.AreEqual(1, e2.DataRow);
        Assert.AreEqual("x", e2.Column);
    }

    [TestMethod]
    public void MissingLabelColumn_IsAnError()
    {
        TableFormatException e = Assert.ThrowsExactly<TableFormatException>(() => TabularEncoder.Fit(TestData.Load("iris"), new TabularEncoderOptions { LabelColumn = "kind" }));
        Assert.AreEqual("kind", e.Column);
        StringAssert.Contains(e.Message, "does not exist");
    }

    [TestMethod]
    public void Condition_ForLabelValue_IsOneHot_AndUnseenValueFails()
    {
        var enc = TabularEncoder.Fit(TestData.Load("iris"), new TabularEncoderOptions { LabelColumn = "species" });
        CollectionAssert.AreEqual(new float[] { -1, 1, -1 }, enc.EncodeConditionValue("versicolor"));
        TableFormatException e = Assert.ThrowsExactly<TableFormatException>(() => enc.EncodeConditionValue("rose"));
        Assert.AreEqual("species", e.Column);
    }

    [TestMethod]
    public void Serialize_Deserialize_GivesTheSameEncoding()
    {
        Table t = TestData.Load("penguins");
        var enc = TabularEncoder.Fit(t, new TabularEncoderOptions { LabelColumn = "island" });
        var back = TabularEncoder.Deserialize(enc.Serialize());
        EncodedTable a = enc.Encode(t, 5), b = back.Encode(t, 5);
        CollectionAssert.AreEqual(a.Data, b.Data);
        CollectionAssert.AreEqual(a.Condition, b.Condition);
        CollectionAssert.AreEqual(a.LogJacobian, b.LogJacobian);
        TableAssert.SameCells(t, back.Decode(a.Data, a.Rows, a.Condition), "deserialized");
    }

    [TestMethod]
    [DataRow(0.0, 0.02, 0.05)]
    [DataRow(1.0, 0.1, 0.15)]
    public void QuantileEncoding_IsStandardNormal_OnSkewedData(double bandwidth, double meanTolerance, double varianceTolerance)
    {
        // price in diamonds is strongly right-skewed; the quantile code of its dequantised values must be ~N(0, 1):
        // exactly so under the empirical CDF (bandwidth 0), approximately under the kernel CDF, whose Silverman
        // bandwidth is wider than the skewed peak needs (measured: mean 0.058, variance 1.08).
        Table t = TestData.Load("diamonds").Slice(0, 5000);
        var enc = TabularEncoder.Fit(t, new TabularEncoderOptions { QuantileBandwidth = bandwidth });
        EncodedTable e = enc.Encode(t, 1);
        int off = enc.Layout.Single(l => l.Column == "price").Offset;
        double[] z = Enumerable.Range(0, e.Rows).Select(i => (double)e.Data[i * e.Width + off]).ToArray();
        double mean = z.Average(), var = z.Select(v => (v - mean) * (v - mean)).Average();
        Console.WriteLine($"bandwidth {bandwidth}: mean {mean:F4}, variance {var:F4}");
        Assert.AreEqual(0, mean, meanTolerance);
        Assert.AreEqual(1, var, varianceTolerance);
    }

    [TestMethod]
    public void LogJacobian_Standardize_IsMinusLogStd()
    {
        Table t = TableCsv.Parse("x\n1.5\n2.5\n3.5\n");
        var enc = TabularEncoder.Fit(t, new TabularEncoderOptions { Continuous = ContinuousEncoding.Standardize, DequantizeDecimals = false });
        EncodedTable e = enc.Encode(t, 0, addNoise: false);
        double std = Math.Sqrt(2.0 / 3.0);
        Assert.AreEqual(-Math.Log(std), e.LogJacobian[0], 1e-12);
        Assert.AreEqual((float)(-1 / std), e.Data[0], 1e-6);
    }
}
