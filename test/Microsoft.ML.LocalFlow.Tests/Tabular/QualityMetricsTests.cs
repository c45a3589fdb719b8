using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Csv;
using Microsoft.ML.LocalFlow.Tabular.Metrics;

namespace Microsoft.ML.LocalFlow.Tests.Tabular;

[TestClass]
public sealed class QualityMetricsTests
{
    [TestMethod]
    public void KsComplement_HandComputed()
    {
        Assert.AreEqual(0.5, QualityMetrics.KsComplement([1, 2, 3, 4], [3, 4, 5, 6]), 1e-12);
        Assert.AreEqual(1.0, QualityMetrics.KsComplement([1, 2, double.NaN], [2, 1]), 1e-12);
        // F_r jumps 1/3 at 1,2,3; F_s 1/2 at 2,3: sup |F_r - F_s| = 1/3 at x=1.
        Assert.AreEqual(2.0 / 3, QualityMetrics.KsComplement([1, 2, 3], [2, 3]), 1e-12);
    }

    [TestMethod]
    public void TvComplement_HandComputed_MissingIsACategory()
    {
        var o = new SchemaOptions();
        o.Kinds["c"] = ColumnKind.Categorical;
        Table r = TableCsv.Parse("c\na\na\nb\n\n".Replace("\n\n", "\n\"\"\n"), o);
        Table s = TableCsv.Parse("c\na\nb\nb\nb\n", o);
        // real: a .5, b .25, missing .25; synthetic: a .25, b .75 -> TV = (0.25 + 0.5 + 0.25)/2 = 0.5
        Assert.AreEqual(0.5, QualityMetrics.TvComplement(r["c"], s["c"]), 1e-12);
    }

    [TestMethod]
    public void CorrelationSimilarity_HandComputed()
    {
        Assert.AreEqual(0.0, QualityMetrics.CorrelationSimilarity([1, 2, 3], [1, 2, 3], [1, 2, 3], [3, 2, 1]), 1e-12);
        Assert.AreEqual(1.0, QualityMetrics.CorrelationSimilarity([1, 2, 3], [2, 4, 7], [1, 2, 3], [2, 4, 7]), 1e-12);
        // rho([1,2,3],[1,3,2]) = 0.5 -> 1 - |1 - 0.5|/2 = 0.75
        Assert.AreEqual(0.75, QualityMetrics.CorrelationSimilarity([1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 3, 2]), 1e-12);
    }

    [TestMethod]
    public void ContingencySimilarity_HandComputed_WithBins()
    {
        var o = new SchemaOptions();
        o.Kinds["b"] = ColumnKind.Continuous;
        Table r = TableCsv.Parse("a,b\nx,0\nx,1\ny,2\ny,10\n", o);
        Table s = TableCsv.Parse("a,b\nx,0\ny,1\nx,2\ny,12\n", o);
        // bins of width 1 over [0, 10]; 12 falls in the last bin like 10. Joint real {x0,x1,y2,y9}, synthetic {x0,y1,x2,y9}.
        Assert.AreEqual(0.5, QualityMetrics.ContingencySimilarity(r["a"], r["b"], s["a"], s["b"]), 1e-12);
    }

    [TestMethod]
    public void CramersV_PerfectAssociation_IsOne_Independence_IsZero()
    {
        Assert.AreEqual(1.0, QualityMetrics.CramersV(["a", "a", "b", "b"], ["x", "x", "y", "y"]), 1e-12);
        Assert.AreEqual(0.0, QualityMetrics.CramersV(["a", "a", "b", "b"], ["x", "y", "x", "y"]), 1e-12);
    }

    [TestMethod]
    public void Evaluate_TinyTable_QualityIsMeanOfShapesAndPairs()
    {
        var o = new SchemaOptions();
        o.Kinds["x"] = ColumnKind.Continuous;
        o.Kinds["y"] = ColumnKind.Continuous;
        Table r = TableCsv.Parse("x,y\n1,1\n2,2\n3,3\n4,4\n", o);
        Table s = TableCsv.Parse("x,y\n3,4\n4,3\n5,2\n6,\n", o);
        QualityReport q = QualityMetrics.Evaluate(r, s, new QualityOptions { Detection = false });
        // x: KS 0.5; y: real {1,2,3,4} vs syn {2,3,4}: sup = |1/4 - 0| = 0.25 -> 0.75. Shapes = 0.625.
        Assert.AreEqual(0.625, q.ColumnShapes, 1e-12);
        // rho_real = 1; rho_syn over complete rows (3,4),(4,3),(5,2) = -1 -> similarity 0.
        Assert.AreEqual(0.0, q.ColumnPairTrends!.Value, 1e-12);
        Assert.AreEqual(0.3125, q.QualityScore, 1e-12);
        Assert.AreEqual(0.25, q.MissingRates.Single(m => m.Column == "y").SyntheticRate, 1e-12);
        Assert.AreEqual(0.25, q.MissingRates.Single(m => m.Column == "y").Difference, 1e-12);
        StringAssert.Contains(q.ToJson(), "\"QualityScore\":0.3125");
    }

    [TestMethod]
    public void Detection_Identical_IsOne_Separated_IsZero()
    {
        var rng = new Random(1);
        double[] a = Enumerable.Range(0, 300).Select(_ => rng.NextDouble()).ToArray();
        double[] b = a.Select(v => v + 100).ToArray();
        Table ta = new([new NumericColumn("v", ColumnKind.Continuous, a)]);
        Table tb = new([new NumericColumn("v", ColumnKind.Continuous, b)]);
        Assert.AreEqual(1.0, QualityMetrics.DetectionAccuracy(ta, tb, 5, 300), 1e-12);
        QualityReport same = QualityMetrics.Evaluate(ta, ta);
        Assert.AreEqual(1.0, same.DetectionScore!.Value, 1e-12);
        QualityReport far = QualityMetrics.Evaluate(ta, tb);
        Assert.AreEqual(0.0, far.DetectionScore!.Value, 1e-12);
    }

    [TestMethod]
    public void Dcr_HandComputed()
    {
        var o = new SchemaOptions();
        o.Kinds["v"] = ColumnKind.Continuous;
        o.Kinds["c"] = ColumnKind.Categorical;
        Table train = TableCsv.Parse("v,c\n0,a\n10,b\n", o);
        Table holdout = TableCsv.Parse("v,c\n5,a\n", o);
        Table synth = TableCsv.Parse("v,c\n0,a\n10,a\n", o);
        DcrSummary d = QualityMetrics.Dcr(train, holdout, synth);
        // synthetic row 1 copies train row 1 (distance 0); row 2: to (10,b) = (0 + 1)/2 = 0.5, to (0,a) = (1 + 0)/2 = 0.5 -> 0.5.
        Assert.AreEqual(0.25, d.SyntheticToTrainMedian, 1e-12);
        Assert.AreEqual(0.025, d.SyntheticToTrainP5, 1e-12);
        // holdout (5,a): to (0,a) = 0.25, to (10,b) = 0.75 -> 0.25.
        Assert.AreEqual(0.25, d.HoldoutToTrainMedian, 1e-12);
        // closer to train than holdout: row 1 (0 vs 0.25) yes; row 2: train 0.5, holdout (5,a): 0.25 -> no. Share 0.5.
        Assert.AreEqual(0.5, d.ShareCloserToTrain, 1e-12);
        Assert.AreEqual(2.0 / 3, d.ExpectedShare, 1e-12);
    }

    [TestMethod]
    public void Evaluate_RealAgainstItself_IsPerfect()
    {
        Table t = TestData.Load("penguins");
        QualityReport q = QualityMetrics.Evaluate(t, t, new QualityOptions { DetectionMaxRows = 344 });
        Assert.AreEqual(1.0, q.QualityScore, 1e-12);
        Assert.AreEqual(1.0, q.DetectionScore!.Value, 1e-12);
        Assert.AreEqual(28, q.PairTrends.Count);
    }
}
