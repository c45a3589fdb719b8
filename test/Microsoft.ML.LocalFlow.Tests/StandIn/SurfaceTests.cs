using Microsoft.ML.Data;

namespace Microsoft.ML.LocalFlow.Tests.StandIn;

/// <summary>The stand-in's public surface must be a subset of ML.NET 4.x's, as declared in mlnet-api.md.</summary>
[TestClass]
public sealed class SurfaceTests
{
    private static ApiDeclarationParser Declarations() => ApiDocumentRemarks.Load(File.ReadAllText(StandInTestData.ApiDocument));

    [TestMethod]
    public void DocumentParsesWithoutErrors()
    {
        var parser = Declarations();
        Assert.IsEmpty(parser.Errors, string.Join("\n", parser.Errors));
        var schema = parser.Types["Microsoft.ML.DataViewSchema"];
        Assert.IsTrue(schema.IsVisible);
        Assert.AreEqual("private", schema.Members.Single(m => m.Kind == ApiMemberKind.Constructor).Visibility);
        Assert.IsTrue(parser.Types["Microsoft.ML.DataViewSchema+Annotations+Builder"].IsVisible);
        var options = parser.Types["Microsoft.ML.Data.TextLoader+Options"];
        Assert.AreEqual(14, options.Members.Count(m => m.Kind == ApiMemberKind.Field));
        Assert.AreEqual("new [ ] { '\\t' }", options.Members.Single(m => m.Name == "Separators").ValueText);
        var column = parser.Types["Microsoft.ML.SchemaShape+Column"];
        Assert.IsFalse(column.Members.Single(m => m.Kind == ApiMemberKind.Constructor).IsVisible);
        Assert.AreEqual("out", parser.Types["Microsoft.ML.IEstimator`1"].Variance[0]);
        Assert.Contains("internal ctor", parser.Types["Microsoft.ML.DataOperationsCatalog"].Remarks);
        Assert.IsTrue(parser.Types["Microsoft.ML.ModelSaveContext"].Remarks.Any(r => r.Contains("internal", StringComparison.Ordinal)));
        Assert.IsGreaterThan(100, parser.Types.Count);
    }

    [TestMethod]
    public void StandInSurfaceIsASubsetOfMLNet()
    {
        var comparer = new ApiSurfaceComparer(Declarations().Types);
        comparer.Compare(typeof(MLContext).Assembly);
        Assert.IsEmpty(comparer.Failures, "\n" + string.Join("\n", comparer.Failures));
        Assert.IsGreaterThan(60, comparer.TypesChecked);
        Assert.IsGreaterThan(250, comparer.MembersChecked);
    }

    [TestMethod]
    public void StandInUsesMLNetNamespaces()
    {
        var namespaces = typeof(MLContext).Assembly.GetTypes().Where(ApiSurfaceComparer.IsVisibleOutside).Select(t => t.Namespace).Distinct().Order().ToArray();
        CollectionAssert.AreEqual(new[] { "Microsoft.ML", "Microsoft.ML.Data", "Microsoft.ML.Runtime" }, namespaces);
        Assert.AreEqual("Microsoft.ML.StandIn", typeof(MLContext).Assembly.GetName().Name);
        Assert.AreEqual(typeof(IDataView).Assembly, typeof(VBuffer<>).Assembly);
    }
}
