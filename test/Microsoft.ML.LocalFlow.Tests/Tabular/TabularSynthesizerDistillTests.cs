using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Tabular;

namespace Microsoft.ML.LocalFlow.Tests.Tabular;

/// <summary><see cref="TabularSynthesizer.Distill"/>: students in every block, teacher and table encoder kept, file round trip.</summary>
[TestClass]
public sealed class TabularSynthesizerDistillTests
{
    private static readonly DistillationOptions Small = new() { Pairs = 512, Iterations = 30, BatchSize = 128, Threads = 2, Seed = 2 };

    [TestMethod]
    public void Distill_AddsStudents_KeepsTeacher_AndRoundTripsThroughSaveLoad()
    {
        Table real = TestData.Load("faithful");
        TabularSynthesizer teacher = TabularSynthesizer.Fit(real, TabularSynthesizerTests.Quick(label: null, iterations: 60));
        TabularSynthesizer student = teacher.Distill(Small with { Steps = 2 });

        Assert.IsFalse(teacher.Model.IsDistilled, "the source synthesizer is unchanged");
        Assert.IsTrue(student.Model.IsDistilled);
        Assert.IsTrue(student.Model.Blocks.All(b => b.Student!.Steps == 2));
        // The teacher is kept: exact scores are the teacher's, to the bit.
        CollectionAssert.AreEqual(teacher.ScoreLogLikelihood(real), student.ScoreLogLikelihood(real));

        var distilled = new SamplingOptions { UseDistilled = true, Threads = 2 };
        Table before = student.Generate(200, seed: 9, sampling: distilled);
        using var stream = new MemoryStream();
        student.Save(stream);
        stream.Position = 0;
        TabularSynthesizer loaded = TabularSynthesizer.Load(stream);
        Assert.IsTrue(loaded.Model.IsDistilled);
        Table after = loaded.Generate(200, seed: 9, sampling: distilled);
        for (int j = 0; j < before.ColumnCount; j++)
        {
            for (int r = 0; r < before.RowCount; r++)
            {
                Assert.AreEqual(before.GetCellText(r, j), after.GetCellText(r, j), $"row {r}, column {before[j].Name}");
            }
        }

        // The students generate different rows from the teacher's ODE (they approximate it), within the data's range.
        Table byTeacher = student.Generate(200, seed: 9, sampling: distilled with { UseDistilled = false });
        Assert.AreNotEqual(before.GetCellText(0, 0), byTeacher.GetCellText(0, 0));
    }

    [TestMethod]
    public void Distill_LabelConditional_GeneratesTheAskedLevel()
    {
        TabularSynthesizer teacher = TabularSynthesizer.Fit(TestData.Load("iris"), TabularSynthesizerTests.Quick(label: "species", iterations: 60));
        TabularSynthesizer student = teacher.Distill(Small);
        Table rows = student.Generate(50, seed: 1, labelValue: "setosa", sampling: new SamplingOptions { UseDistilled = true, Threads = 2 });
        Assert.IsTrue(Enumerable.Range(0, rows.RowCount).All(r => rows.GetCellText(r, rows.Schema.IndexOfRequired("species")) == "setosa"));
        CollectionAssert.AreEqual(teacher.LabelCounts.ToArray(), student.LabelCounts.ToArray());
    }

    [TestMethod]
    public void Distill_Cancelled_Throws_AndBadOptionIsNamed()
    {
        TabularSynthesizer teacher = TabularSynthesizer.Fit(TestData.Load("faithful"), TabularSynthesizerTests.Quick(label: null, iterations: 20));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsExactly<OperationCanceledException>(() => teacher.Distill(Small, cancellationToken: cts.Token));
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => teacher.Distill(Small with { Steps = 0 }));
        Assert.AreEqual("Steps", ex.ParamName);
    }
}
