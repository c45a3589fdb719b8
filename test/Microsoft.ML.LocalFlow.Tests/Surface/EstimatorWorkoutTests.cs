using Microsoft.ML.Data;
using static Microsoft.ML.LocalFlow.Tests.Surface.SurfaceTestData;

namespace Microsoft.ML.LocalFlow.Tests.Surface;

/// <summary>
/// The "estimator workout" in the manner of ML.NET's TestEstimatorCore: the schema the estimator promises is the schema the
/// transformer produces; a wrong schema fails with the column's name; save → load keeps the rows; the estimator chains.
/// </summary>
[TestClass]
public sealed class EstimatorWorkoutTests
{
    [TestMethod]
    public void OutputSchemaPropagatesAndMatchesTheTransformedData()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(Mixed(200));
        var options = Quick();
        options.ColumnNames = ["Color", "X", "Count"]; // order of the input wins
        LocalFlowMatchingEstimator estimator = ml.Generative.LocalFlowMatching(options);

        SchemaShape promised = estimator.GetOutputSchema(SchemaShape.Create(data.Schema));
        CollectionAssert.AreEqual(new[] { "X", "Count", "Color" }, promised.Select(c => c.Name).ToArray());

        LocalFlowMatchingTransformer model = estimator.Fit(data);
        IDataView synthetic = model.Transform(data);
        CollectionAssert.AreEqual(promised.Select(c => c.Name).ToArray(), synthetic.Schema.Select(c => c.Name).ToArray());
        for (int i = 0; i < promised.Count; i++)
        {
            Assert.AreEqual(data.Schema[promised[i].Name].Type, synthetic.Schema[i].Type, promised[i].Name);
            Assert.AreEqual(promised[i].ItemType, synthetic.Schema[i].Type);
        }

        Assert.AreEqual(data.Schema.Count, ml.Generative.LocalFlowMatching(Quick()).GetOutputSchema(SchemaShape.Create(data.Schema)).Count);
        Assert.AreEqual(model.GeneratedSchema.Count, model.GetOutputSchema(data.Schema).Count);
        Assert.AreEqual(200L, synthetic.GetRowCount());
        Assert.HasCount(200, Rows(synthetic));
        Assert.IsFalse(model.IsRowToRowMapper);
        Assert.ThrowsExactly<InvalidOperationException>(() => model.GetRowToRowMapper(data.Schema));
    }

    [TestMethod]
    public void AllColumnTypesRoundTripWithTheirTypesAndValueDomains()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(Mixed(300));
        var model = ml.Generative.LocalFlowMatching(Quick()).Fit(data);
        var rows = ml.Data.CreateEnumerable<MixedRow>(model.Generate(500, seed: 4), reuseRowObject: false).ToList();
        Assert.HasCount(500, rows);
        var colors = rows.Select(r => r.Color).Distinct().ToHashSet();
        Assert.IsTrue(colors.IsSubsetOf(["red", "green", "blue"]), string.Join(",", colors));
        Assert.IsTrue(rows.Any(r => float.IsNaN(r.X)), "X had missing values in training; some generated X are missing too");
        Assert.IsTrue(rows.Any(r => r.Flag) && rows.Any(r => !r.Flag));
        var real = Mixed(300);
        Assert.IsTrue(rows.All(r => r.Count >= real.Min(q => q.Count) && r.Count <= real.Max(q => q.Count)), "integers stay in the observed range");
        Assert.IsTrue(rows.Where(r => !float.IsNaN(r.X)).All(r => MathF.Round(r.X, 2) == r.X), "X keeps its two decimals");
    }

    [TestMethod]
    public void FittingOnAWrongSchemaNamesTheColumn()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(Gaussian2D(50));
        var options = Quick();
        options.ColumnNames = ["A", "Missing"];
        var estimator = ml.Generative.LocalFlowMatching(options);
        var fit = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => estimator.Fit(data));
        StringAssert.Contains(fit.Message, "'Missing'");
        var shape = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(SchemaShape.Create(data.Schema)));
        StringAssert.Contains(shape.Message, "'Missing'");

        // A fitted model applied to data whose column has another type.
        var model = ml.Generative.LocalFlowMatching(Quick()).Fit(data);
        IDataView other = ml.Data.LoadFromEnumerable(Mixed(10));
        var transform = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => model.Transform(other));
        StringAssert.Contains(transform.Message, "'A'");
    }

    [TestMethod]
    public void FitTransformSaveLoadTransformGivesIdenticalRows()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(Mixed(200));
        var model = ml.Generative.LocalFlowMatching(Quick()).Fit(data);
        List<string> before = Rows(model.Transform(data));
        Assert.HasCount(200, before);
        CollectionAssert.AreEqual(before, Rows(model.Transform(data)), "Transform is deterministic");

        // Through mlContext.Model (the stand-in's zip) ...
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var viaCatalog = (LocalFlowMatchingTransformer)ml.Model.Load(stream, out DataViewSchema inputSchema);
        Assert.AreEqual(data.Schema.Count, inputSchema.Count);
        CollectionAssert.AreEqual(before, Rows(viaCatalog.Transform(data)));

        // ... and directly, in the CLI's model file format.
        string path = Path.Combine(Path.GetTempPath(), $"lfm-surface-{Guid.NewGuid():N}.lfm");
        try
        {
            model.Save(path);
            var direct = LocalFlowMatchingTransformer.Load(new MLContext(), path);
            CollectionAssert.AreEqual(before, Rows(direct.Transform(data)));
            CollectionAssert.AreEqual(Rows(model.Generate(50, seed: 9)), Rows(direct.Generate(50, seed: 9)));
            CollectionAssert.AreEqual(Rows(model.ScoreLogLikelihood(data)), Rows(direct.ScoreLogLikelihood(data)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void ChainsWithAppendAndTheChainSavesAndLoads()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(Gaussian2D(200));

        // A synthesizer of a synthesizer's rows: the second estimator fits on the first one's output.
        var second = Quick();
        second.Seed = 8;
        EstimatorChain<LocalFlowMatchingTransformer> pipeline = ml.Generative.LocalFlowMatching(Quick()).Append(ml.Generative.LocalFlowMatching(second));
        Assert.AreEqual(2, pipeline.GetOutputSchema(SchemaShape.Create(data.Schema)).Count);
        TransformerChain<LocalFlowMatchingTransformer> chain = pipeline.Fit(data);
        Assert.AreEqual(2, chain.Count());
        List<string> rows = Rows(chain.Transform(data));
        Assert.HasCount(200, rows);
        CollectionAssert.AreEqual(Rows(chain.LastTransformer!.Transform(data)), rows, "the last stage generates the chain's output");

        using var stream = new MemoryStream();
        ml.Model.Save(chain, data.Schema, stream);
        stream.Position = 0;
        ITransformer loaded = ml.Model.Load(stream, out _);
        CollectionAssert.AreEqual(rows, Rows(loaded.Transform(data)));
    }

    [TestMethod]
    public void TheCatalogIsReachedAsAPropertyAndAsAMethod()
    {
        var ml = new MLContext(1);
        Assert.IsNotNull(ml.Generative);
        Assert.IsNotNull(ml.GetGenerativeCatalog());
        Assert.IsNotNull(GenerativeCatalogExtensions.GetGenerativeCatalog(ml));
        Assert.ThrowsExactly<ArgumentNullException>(() => GenerativeCatalogExtensions.GetGenerativeCatalog(null!));
        var simple = ml.Generative.LocalFlowMatching(labelColumnName: "Label", numberOfBlocks: 3, hiddenWidth: 32, iterationsPerBlock: 5, seed: 2);
        Assert.AreEqual(3, simple.Options.StepSizes.Count);
        Assert.AreEqual("Label", simple.Options.LabelColumnName);
        Assert.AreEqual(32, simple.Options.HiddenWidth);
        Assert.AreEqual(4, ml.Generative.LocalFlowMatching().Options.StepSizes.Count, "default: the POWER chain");
        Assert.AreEqual(1, ml.Generative.LocalFlowMatching(numberOfBlocks: 1).Options.StepSizes.Count, "1 block = flow matching");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Generative.LocalFlowMatching(numberOfBlocks: 0));
    }
}
