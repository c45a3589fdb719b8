using Microsoft.ML.LocalFlow.Flow;
using static Microsoft.ML.LocalFlow.Tests.Surface.SurfaceTestData;

namespace Microsoft.ML.LocalFlow.Tests.Surface;

/// <summary><see cref="LocalFlowMatchingTransformer.Distill"/>: a new transformer generating with students, saved and loaded as one.</summary>
[TestClass]
public sealed class DistillTests
{
    private static readonly DistillationOptions Small = new() { Pairs = 256, Iterations = 20, BatchSize = 64, Threads = 1 };

    [TestMethod]
    public void Distill_ReturnsStudentTransformer_SameScores_RoundTrips()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(Gaussian2D(150));
        LocalFlowMatchingTransformer teacher = ml.Generative.LocalFlowMatching(Quick()).Fit(data);
        var reports = new List<LocalFlowProgress>();
        LocalFlowMatchingTransformer student = teacher.Distill(Small with { Steps = 2 }, new SyncProgress(reports));

        Assert.IsFalse(teacher.IsDistilled, "the source transformer is unchanged");
        Assert.IsTrue(student.IsDistilled);
        Assert.AreEqual(2 * 2 * 4, teacher.NetworkEvaluationsPerRow, "2 blocks × 2 RK4 steps × 4 stages");
        Assert.AreEqual(2 * 2, student.NetworkEvaluationsPerRow, "2 blocks × k = 2");
        Assert.IsTrue(reports.Count > 0 && reports.All(r => r.Phase == LocalFlowPhase.Distilling));
        Assert.AreEqual(teacher.GeneratedSchema.Count, student.GeneratedSchema.Count);
        CollectionAssert.AreEqual(Rows(teacher.ScoreLogLikelihood(data)), Rows(student.ScoreLogLikelihood(data)), "the teacher scores");

        List<string> rows = Rows(student.Generate(40, seed: 3));
        Assert.HasCount(40, rows);
        CollectionAssert.AreNotEqual(Rows(teacher.Generate(40, seed: 3)), rows, "the students generate");
        using var stream = new MemoryStream();
        student.Save(stream);
        stream.Position = 0;
        LocalFlowMatchingTransformer loaded = LocalFlowMatchingTransformer.Load(ml, stream);
        Assert.IsTrue(loaded.IsDistilled);
        Assert.AreEqual(4, loaded.NetworkEvaluationsPerRow);
        CollectionAssert.AreEqual(rows, Rows(loaded.Generate(40, seed: 3)));
    }

    [TestMethod]
    public void Distill_BadOptionOrCancelled_Throws()
    {
        var ml = new MLContext(1);
        LocalFlowMatchingTransformer teacher = ml.Generative.LocalFlowMatching(Quick(10)).Fit(ml.Data.LoadFromEnumerable(Gaussian2D(60)));
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => teacher.Distill(Small with { Iterations = 0 }));
        Assert.AreEqual("Iterations", ex.ParamName);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsExactly<OperationCanceledException>(() => teacher.Distill(Small, cancellationToken: cts.Token));
    }

    private sealed class SyncProgress(List<LocalFlowProgress> reports) : IProgress<LocalFlowProgress>
    {
        public void Report(LocalFlowProgress value) => reports.Add(value);
    }
}
