using Microsoft.ML.Data;
using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Schedules;
using Microsoft.ML.LocalFlow.Numerics.Ode;
using Microsoft.ML.LocalFlow.Tabular;
using static Microsoft.ML.LocalFlow.Tests.Surface.SurfaceTestData;

namespace Microsoft.ML.LocalFlow.Tests.Surface;

[TestClass]
public sealed class GenerationTests
{
    [TestMethod]
    [TestCategory("Streaming")]
    public void AMillionRowsStreamThroughACursorInBoundedMemory()
    {
        var ml = new MLContext(1);
        var options = Quick(iterations: 10);
        options.StepSizes = StepSizeSchedule.FlowMatching;
        options.SamplingSolver = OdeSolverOptions.Fixed(OdeSolverKind.Euler, 1); // the count and memory are under test, not accuracy
        options.ChunkRows = 4096;
        var model = ml.Generative.LocalFlowMatching(options).Fit(ml.Data.LoadFromEnumerable(Gaussian2D(200)));

        const int Rows = 1_000_000;
        IDataView view = model.Generate(Rows, seed: 1);
        Assert.AreEqual((long)Rows, view.GetRowCount(), "the count is known without generating anything");

        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        long count = 0;
        double sum = 0;
        using (DataViewRowCursor cursor = view.GetRowCursor(view.Schema))
        {
            ValueGetter<float> a = cursor.GetGetter<float>(view.Schema["A"]);
            float value = 0;
            while (cursor.MoveNext())
            {
                a(ref value);
                sum += value;
                if (++count % 250_000 == 0)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                }

                Assert.AreEqual(count - 1, cursor.Position);
            }
        }

        Assert.AreEqual((long)Rows, count);
        Assert.IsTrue(double.IsFinite(sum));

        // A materialised million rows of two floats alone would hold 8 MB; the stream holds one 4,096-row chunk.
        Assert.IsLessThan(4L << 20, peak, $"live memory grew by {peak:N0} bytes while streaming");
    }

    [TestMethod]
    public void GeneratedRowsDoNotDependOnHowTheyAreRead()
    {
        var ml = new MLContext(1);
        var options = Quick();
        options.ChunkRows = 64;
        var model = ml.Generative.LocalFlowMatching(options).Fit(ml.Data.LoadFromEnumerable(Mixed(200)));
        var all = Rows(model.Generate(300, seed: 5));
        CollectionAssert.AreEqual(all.Take(100).ToList(), Rows(model.Generate(100, seed: 5)), "a shorter request is a prefix");
        CollectionAssert.AreEqual(all, Rows(model.Generate(300, seed: 5)), "a second cursor sees the same rows");
        CollectionAssert.AreNotEqual(all, Rows(model.Generate(300, seed: 6)), "another seed gives other rows");
        CollectionAssert.AreEqual(Rows(model.Generate(300, model.Seed)), Rows(model.Generate(300)), "no seed = the model's seed");
    }

    [TestMethod]
    public void LabelConditionedAndBalancedGeneration()
    {
        var ml = new MLContext(1);
        var options = Quick(iterations: 80);
        options.LabelColumnName = "Label";
        var model = ml.Generative.LocalFlowMatching(options).Fit(ml.Data.LoadFromEnumerable(Imbalanced(400)));
        Assert.AreEqual(40, model.ClassCounts["rare"]);
        Assert.AreEqual(360, model.ClassCounts["common"]);
        Assert.AreEqual("Label", model.LabelColumnName);

        var rare = ml.Data.CreateEnumerable<ClassRow>(model.Generate(200, seed: 2, labelValue: "rare"), false).ToList();
        Assert.IsTrue(rare.All(r => r.Label == "rare"));
        Assert.IsGreaterThan(1.0, rare.Average(r => r.A), "the rare class sits around (2, 2)");

        var balanced = ml.Data.CreateEnumerable<ClassRow>(model.GenerateBalanced(seed: 3), false).ToList();
        Assert.HasCount(320, balanced);
        Assert.IsTrue(balanced.All(r => r.Label == "rare"));
        var toFifty = ml.Data.CreateEnumerable<ClassRow>(model.GenerateBalanced(rowsPerClass: 50), false).ToList();
        Assert.HasCount(10, toFifty);

        var free = ml.Data.CreateEnumerable<ClassRow>(model.Generate(1000, seed: 4), false).ToList();
        double share = free.Count(r => r.Label == "rare") / 1000.0;
        Assert.IsTrue(share is > 0.05 and < 0.15, $"classes are drawn at their training frequency (10 %); got {share:P1}");
    }

    [TestMethod]
    public void LogLikelihoodScoresOneToOneAndOutliersScoreLow()
    {
        var ml = new MLContext(1);
        var options = Quick(iterations: 150);
        var model = ml.Generative.LocalFlowMatching(options).Fit(ml.Data.LoadFromEnumerable(Gaussian2D(400)));
        var probe = new List<PointRow> { new() { A = 0, B = 0 }, new() { A = 0.5f, B = 0.4f }, new() { A = 2.5f, B = -2.5f } };
        IDataView scored = model.ScoreLogLikelihood(ml.Data.LoadFromEnumerable(probe));
        Assert.AreEqual(3, scored.Schema.Count);
        Assert.AreEqual(NumberDataViewType.Double, scored.Schema[LocalFlowMatchingTransformer.LogLikelihoodColumnName].Type);
        var rows = Rows(scored);
        Assert.HasCount(3, rows);
        double[] ll = [.. rows.Select(r => double.Parse(r.Split('|')[2], System.Globalization.CultureInfo.InvariantCulture))];
        Assert.IsTrue(ll.All(double.IsFinite));
        Assert.IsLessThan(ll[0], ll[2], "a point against the correlation is less likely than the centre");
        Assert.IsLessThan(ll[1], ll[2]);
        StringAssert.StartsWith(rows[0], "0|0|", "input columns pass through unchanged");
    }

    [TestMethod]
    public void ProgressReachesTheLogAndTheProgressSink()
    {
        var ml = new MLContext(1);
        var messages = new List<LoggingEventArgs>();
        ml.Log += (_, e) =>
        {
            lock (messages)
            {
                messages.Add(e);
            }
        };
        var reports = new List<LocalFlowProgress>();
        var options = Quick();
        options.ProgressInterval = 10;
        options.Progress = new SyncProgress(reports);
        ml.Generative.LocalFlowMatching(options).Fit(ml.Data.LoadFromEnumerable(Gaussian2D(100)));
        Assert.IsNotEmpty(reports);
        Assert.IsTrue(reports.Any(r => r.Block == 2 && r.BlockCount == 2));
        var ours = messages.Where(m => m.Source == "LocalFlowMatching").ToList();
        Assert.IsGreaterThanOrEqualTo(reports.Count, ours.Count, "every report is logged, plus reading and the summary");
        Assert.IsTrue(ours.Any(m => m.Message.Contains("Read 100 rows", StringComparison.Ordinal)));
    }

    private sealed class SyncProgress(List<LocalFlowProgress> reports) : IProgress<LocalFlowProgress>
    {
        public void Report(LocalFlowProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }

    [TestMethod]
    public void SmoothingNeighbours_SetOnTheSurface_IsWhatTheFitUses()
    {
        // The surface's nullable kernel option travels through the real mapping into the tabular fit and its record.
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromEnumerable(Gaussian2D(120));
        LocalFlowMatchingOptions chosen = Quick(5);
        LocalFlowMatchingOptions level = Quick(5);
        level.SmoothingNeighbours = 0;
        var auto = ml.Generative.LocalFlowMatching(chosen).Fit(data).Synthesizer.Tabular.FitSettings!;
        var given = ml.Generative.LocalFlowMatching(level).Fit(data).Synthesizer.Tabular.FitSettings!;
        Assert.IsTrue(auto.Smoothing > 0, "120 rows: the size rule smooths");
        Assert.AreEqual(TabularSynthesizerOptions.LocalSmoothingNeighbours, auto.SmoothingNeighbours, "no label: the neighbour kernel");
        Assert.AreEqual(0, given.SmoothingNeighbours, "SmoothingNeighbours = 0 on the surface wins");
    }
}
