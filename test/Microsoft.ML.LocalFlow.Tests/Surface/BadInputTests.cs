using Microsoft.ML.Data;
using Microsoft.ML.LocalFlow.Tabular;
using static Microsoft.ML.LocalFlow.Tests.Surface.SurfaceTestData;

namespace Microsoft.ML.LocalFlow.Tests.Surface;

[TestClass]
public sealed class BadInputTests
{
    public sealed class VectorRow
    {
        public float A { get; set; }

        public float[] Varying { get; set; } = [];
    }

    public sealed class DoubleA
    {
        public double A { get; set; }

        public float B { get; set; }
    }

    [TestMethod]
    public void AnUnsupportedColumnTypeIsNamed()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(new[] { new VectorRow { A = 1, Varying = [1, 2] }, new VectorRow { A = 2, Varying = [3] } });
        Assert.IsInstanceOfType<VectorDataViewType>(data.Schema["Varying"].Type);
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Generative.LocalFlowMatching(Quick()).Fit(data));
        StringAssert.Contains(e.Message, "'Varying'");
        StringAssert.Contains(e.Message, "variable size");
        Assert.ThrowsExactly<ArgumentException>(() => ml.Generative.LocalFlowMatching(Quick()).GetOutputSchema(SchemaShape.Create(data.Schema)));

        // Selecting the supported columns works.
        var options = Quick();
        options.ColumnNames = ["A"];
        Assert.AreEqual(1, ml.Generative.LocalFlowMatching(options).GetOutputSchema(SchemaShape.Create(data.Schema)).Count);
    }

    [TestMethod]
    public void AnAbsentLabelOrColumnIsNamed()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(Gaussian2D(30));
        var options = Quick();
        options.LabelColumnName = "Species";
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Generative.LocalFlowMatching(options).Fit(data));
        Assert.AreEqual(nameof(LocalFlowMatchingOptions.LabelColumnName), e.ParamName);
        StringAssert.Contains(e.Message, "'Species'");
        StringAssert.Contains(e.Message, "A, B", "the message lists the columns that exist");

        var kinds = Quick();
        kinds.ColumnKinds["Nope"] = ColumnKind.Categorical;
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ml.Generative.LocalFlowMatching(kinds).Fit(data)).Message, "'Nope'");
    }

    [TestMethod]
    public void AKindThatDoesNotFitTheTypeIsNamed()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(Mixed(30));
        var options = Quick();
        options.ColumnKinds["Color"] = ColumnKind.Continuous;
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Generative.LocalFlowMatching(options).Fit(data));
        StringAssert.Contains(e.Message, "'Color'");

        var fraction = Quick();
        fraction.ColumnKinds["Y"] = ColumnKind.Integer;
        var f = Assert.ThrowsExactly<ArgumentException>(() => ml.Generative.LocalFlowMatching(fraction).Fit(data));
        StringAssert.Contains(f.Message, "'Y'");
    }

    [TestMethod]
    public void AModelRejectsAColumnOfAnotherType()
    {
        var ml = new MLContext(1);
        var model = ml.Generative.LocalFlowMatching(Quick()).Fit(ml.Data.LoadFromEnumerable(Gaussian2D(50)));
        IDataView other = ml.Data.LoadFromEnumerable(new[] { new DoubleA { A = 1, B = 2 } });
        var e = Assert.ThrowsExactly<ArgumentException>(() => model.Transform(other));
        StringAssert.Contains(e.Message, "'A'");
        Assert.ThrowsExactly<ArgumentException>(() => model.ScoreLogLikelihood(other));
    }

    [TestMethod]
    public void ScoringAnUnseenCategoryNamesTheColumnAndTheRows()
    {
        var ml = new MLContext(1);
        var model = ml.Generative.LocalFlowMatching(Quick()).Fit(ml.Data.LoadFromEnumerable(Mixed(100)));
        var rows = Mixed(5);
        rows[3].Color = "purple";
        IDataView scored = model.ScoreLogLikelihood(ml.Data.LoadFromEnumerable(rows)); // lazy: nothing is scored yet
        var e = Assert.Throws<FormatException>(() => SurfaceTestData.Rows(scored));
        StringAssert.Contains(e.Message, "Color");
        StringAssert.Contains(e.Message, "rows 1–5");
    }

    [TestMethod]
    public void ACursorThatThrowsMidwaySurfacesAndNoModelIsReturned()
    {
        var ml = new MLContext(1);
        var boom = new IOException("disk gone");
        IEnumerable<PointRow> Rows()
        {
            foreach (var row in Gaussian2D(100))
            {
                yield return row;
            }

            throw boom;
        }

        IDataView data = ml.Data.LoadFromEnumerable(Rows());
        LocalFlowMatchingTransformer? model = null;
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => model = ml.Generative.LocalFlowMatching(Quick()).Fit(data));
        Assert.AreSame(boom, e.InnerException);
        StringAssert.Contains(e.Message, "row 101");
        Assert.IsNull(model);
    }

    [TestMethod]
    public void NegativeAndAbsurdRowCountsAreRejected()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(Imbalanced(100));
        var options = Quick();
        options.LabelColumnName = "Label";
        var model = ml.Generative.LocalFlowMatching(options).Fit(data);
        Assert.AreEqual("rowCount", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => model.Generate(-1)).ParamName);
        Assert.AreEqual("rowsPerClass", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => model.GenerateBalanced(-3)).ParamName);
        Assert.AreEqual("rowsPerClass", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => model.GenerateBalanced(int.MaxValue)).ParamName,
            "two classes each needing ~2^31 rows exceed what a view can hold");
        Assert.AreEqual(0L, model.Generate(0).GetRowCount());
        Assert.IsEmpty(SurfaceTestData.Rows(model.Generate(0)));
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => model.Generate(5, labelValue: "unicorn")).Message, "'unicorn'");
        var empty = ml.Data.LoadFromEnumerable(new List<PointRow>());
        Assert.ThrowsExactly<InvalidOperationException>(() => ml.Generative.LocalFlowMatching(Quick()).Fit(empty));
    }
}
