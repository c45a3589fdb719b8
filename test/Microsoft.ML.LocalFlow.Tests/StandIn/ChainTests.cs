using Microsoft.ML.Data;

namespace Microsoft.ML.LocalFlow.Tests.StandIn;

[TestClass]
public sealed class ChainTests
{
    public sealed class Value
    {
        public float X;
        public float Y;
    }

    private static IDataView Data(MLContext ml) => ml.Data.LoadFromEnumerable(new List<Value> { new() { X = 2, Y = -4 }, new() { X = -1, Y = 8 } });

    [TestMethod]
    public void EstimatorAppendFitsInOrder()
    {
        var ml = new MLContext(1);
        var first = new ScaleEstimator(ml, "X");
        var second = new ScaleEstimator(ml, "Y");
        EstimatorChain<ScaleTransformer> pipeline = first.Append(second);
        Assert.AreSame(second, pipeline.LastEstimator);
        var model = pipeline.Fit(Data(ml));
        Assert.AreEqual(1, first.FitCount);
        Assert.AreEqual(1, second.FitCount);
        Assert.AreEqual("Y", model.LastTransformer!.ColumnName);
        Assert.AreEqual(2, model.Count());
        var rows = ml.Data.CreateEnumerable<Value>(model.Transform(Data(ml)), false).ToList();
        Assert.AreEqual(1f, rows[0].X);
        Assert.AreEqual(-0.5f, rows[1].X);
        Assert.AreEqual(-0.5f, rows[0].Y);
        Assert.AreEqual(1f, rows[1].Y);
    }

    [TestMethod]
    public void EmptyChainAppendAndShapePropagation()
    {
        var ml = new MLContext(1);
        var chain = new EstimatorChain<ITransformer>().Append(new ScaleEstimator(ml, "X")).Append(new ScaleEstimator(ml, "Y"), TransformerScope.Training);
        var model = chain.Fit(Data(ml));
        // The second transformer only takes part in training: scoring leaves Y alone.
        var scored = ml.Data.CreateEnumerable<Value>(model.Transform(Data(ml)), false).First();
        Assert.AreEqual(1f, scored.X);
        Assert.AreEqual(-4f, scored.Y);
        var trained = ml.Data.CreateEnumerable<Value>(model.Transform(Data(ml), TransformerScope.Training), false).First();
        Assert.AreEqual(-0.5f, trained.Y);
        Assert.AreEqual(1, model.GetModelFor(TransformerScope.Scoring).Count());

        var missing = new EstimatorChain<ITransformer>().Append(new ScaleEstimator(ml, "Z"));
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => missing.Fit(Data(ml)));
        StringAssert.Contains(ex.Message, "'Z'");
    }

    [TestMethod]
    public void TransformerAppendBuildsChains()
    {
        var ml = new MLContext(1);
        var a = new ScaleTransformer("X", 2);
        var b = new ScaleTransformer("X", 3);
        TransformerChain<ScaleTransformer> chain = a.Append(b);
        Assert.AreSame(b, chain.LastTransformer);
        var longer = chain.Append(new ScaleTransformer("Y", 0.5f));
        Assert.AreEqual(3, longer.Count());
        var row = ml.Data.CreateEnumerable<Value>(longer.Transform(Data(ml)), false).First();
        Assert.AreEqual(12f, row.X);
        Assert.AreEqual(-2f, row.Y);
        Assert.AreEqual(Data(ml).Schema.Count, longer.GetOutputSchema(Data(ml).Schema).Count);
        Assert.ThrowsExactly<ArgumentException>(() => new TransformerChain<ScaleTransformer>([a, new TransformerChain<ITransformer>()], [TransformerScope.Everything, TransformerScope.Everything]));
        Assert.ThrowsExactly<ArgumentException>(() => new TransformerChain<ITransformer>([a], []));
    }
}
