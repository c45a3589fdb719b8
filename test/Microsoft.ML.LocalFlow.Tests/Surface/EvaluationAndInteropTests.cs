using Microsoft.ML.Data;
using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Tabular;
using static Microsoft.ML.LocalFlow.Tests.Surface.SurfaceTestData;

namespace Microsoft.ML.LocalFlow.Tests.Surface;

[TestClass]
public sealed class EvaluationAndInteropTests
{
    [TestMethod]
    public void EvaluateComparesSyntheticWithRealRows()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(Mixed(300));
        var identical = ml.Generative.Evaluate(data, data);
        Assert.AreEqual(1.0, identical.QualityScore, 1e-9, "a table is a perfect copy of itself");

        var model = ml.Generative.LocalFlowMatching(Quick(iterations: 150)).Fit(data);
        var report = ml.Generative.Evaluate(data, model.Generate(300, seed: 2), holdout: ml.Data.LoadFromEnumerable(Mixed(100, seed: 8)));
        Assert.IsTrue(report.QualityScore is > 0.6 and < 1.0, $"Quality Score {report.QualityScore}");
        Assert.HasCount(5, report.Shapes);
        Assert.IsNotNull(report.Dcr);
        Assert.AreEqual(300, report.SyntheticRows);

        var partial = ml.Generative.Evaluate(data, model.Generate(100), columnNames: ["X", "Color"]);
        Assert.HasCount(2, partial.Shapes);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => ml.Generative.Evaluate(data, ml.Data.LoadFromEnumerable(Gaussian2D(10)))).Message, "'X'");
    }

    [TestMethod]
    public void AModelWrittenByTheTabularLayerLoadsWithDefaultTypes()
    {
        // What the CLI writes: a TabularSynthesizer model file, without the ML.NET section.
        var table = new Table([
            new NumericColumn("x", ColumnKind.Continuous, [.. Enumerable.Range(0, 60).Select(i => Math.Sin(i) * 3)]),
            new NumericColumn("n", ColumnKind.Integer, [.. Enumerable.Range(0, 60).Select(i => (double)(i % 7))]),
            new CategoricalColumn("c", ColumnKind.Categorical, ["a", "b"], [.. Enumerable.Range(0, 60).Select(i => i % 2)]),
        ]);
        var options = new TabularSynthesizerOptions { Flow = Synthesizer.ToFlowOptions(Quick(), 1) };
        TabularSynthesizer tabular = TabularSynthesizer.Fit(table, options);
        string path = Path.Combine(Path.GetTempPath(), $"lfm-cli-{Guid.NewGuid():N}.lfm");
        try
        {
            tabular.Save(path);
            var model = LocalFlowMatchingTransformer.Load(new MLContext(), path);
            DataViewSchema schema = model.GeneratedSchema;
            Assert.AreEqual(NumberDataViewType.Single, schema["x"].Type);
            Assert.AreEqual(NumberDataViewType.Int64, schema["n"].Type);
            Assert.AreEqual(TextDataViewType.Instance, schema["c"].Type);
            var rows = Rows(model.Generate(20, seed: 1));
            Assert.HasCount(20, rows);
            Assert.IsTrue(rows.All(r => r.EndsWith("|a", StringComparison.Ordinal) || r.EndsWith("|b", StringComparison.Ordinal)));

            // And a model saved by this layer is a valid tabular model file for the CLI.
            model.Save(path);
            Assert.AreEqual(3, TabularSynthesizer.Load(path).Schema.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void QualityScoreObjectiveScoresTrialsInTheUnitInterval()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(Mixed(150));
        var space = new LocalFlowSearchSpace { NumberOfBlocks = [2], HiddenWidth = [16], HiddenLayers = [2], IterationsPerBlock = [10, 60] };
        var options = new LocalFlowSweepOptions { MaxTrials = 2, Seed = 2, Objective = LocalFlowSweepObjective.QualityScore, BaseOptions = Quick() };
        LocalFlowSweepResult result = ml.Generative.Sweep(data, space, options);
        Assert.HasCount(2, result.Trials);
        Assert.IsTrue(result.Trials.All(t => t.Metric is > 0 and <= 1 && Math.Abs(t.Loss - (1 - t.Metric)) < 1e-12));
        Assert.AreEqual(result.Trials.Min(t => t.Loss), result.BestRun.Loss);
    }

    [TestMethod]
    public void DistilledModelsGenerateAndRoundTrip()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(Gaussian2D(150));
        var options = Quick();
        options.Distillation = new DistillationOptions { Pairs = 256, Iterations = 20, BatchSize = 64, Threads = 1 };
        var model = ml.Generative.LocalFlowMatching(options).Fit(data);
        var rows = Rows(model.Generate(50, seed: 3));
        Assert.HasCount(50, rows);
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        CollectionAssert.AreEqual(rows, Rows(LocalFlowMatchingTransformer.Load(ml, stream).Generate(50, seed: 3)));
    }
}
