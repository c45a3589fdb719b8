using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Csv;

namespace Microsoft.ML.LocalFlow.Tests.Tabular;

[TestClass]
public sealed class SchemaInferenceTests
{
    private static void AssertKind(Table t, string column, ColumnKind kind, bool nullable)
    {
        ColumnSchema s = t.Schema[column];
        Assert.AreEqual(kind, s.Kind, column);
        Assert.AreEqual(nullable, s.IsNullable, column);
    }

    [TestMethod]
    public void Penguins_KindsAndNullability()
    {
        Table t = TestData.Load("penguins");
        Assert.AreEqual(344, t.RowCount);
        AssertKind(t, "species", ColumnKind.Categorical, false);
        AssertKind(t, "island", ColumnKind.Categorical, false);
        AssertKind(t, "sex", ColumnKind.Categorical, true);
        AssertKind(t, "bill_length_mm", ColumnKind.Continuous, true);
        AssertKind(t, "bill_depth_mm", ColumnKind.Continuous, true);
        AssertKind(t, "flipper_length_mm", ColumnKind.Integer, true);
        AssertKind(t, "body_mass_g", ColumnKind.Integer, true);
        AssertKind(t, "year", ColumnKind.Integer, false);
        Assert.AreEqual(11, t["sex"].MissingCount);
        Assert.AreEqual(2, t["body_mass_g"].MissingCount);
        Assert.AreEqual(19, t.Columns.Sum(c => c.MissingCount));
        CollectionAssert.AreEqual(new[] { "Adelie", "Chinstrap", "Gentoo" }, ((CategoricalColumn)t["species"]).Levels.ToArray());
    }

    [TestMethod]
    public void Iris_Wine_BreastCancer_Faithful_Diamonds_Kinds()
    {
        Table iris = TestData.Load("iris");
        AssertKind(iris, "sepal_length_cm", ColumnKind.Continuous, false);
        AssertKind(iris, "species", ColumnKind.Categorical, false);

        Table wine = TestData.Load("wine");
        AssertKind(wine, "cultivar", ColumnKind.Categorical, false); // codes 0/1/2
        CollectionAssert.AreEqual(new[] { "0", "1", "2" }, ((CategoricalColumn)wine["cultivar"]).Levels.ToArray());
        AssertKind(wine, "magnesium", ColumnKind.Integer, false);
        AssertKind(wine, "proline", ColumnKind.Integer, false);
        AssertKind(wine, "alcohol", ColumnKind.Continuous, false);

        Table bc = TestData.Load("breast_cancer");
        Assert.AreEqual(31, bc.ColumnCount);
        Assert.AreEqual(30, bc.Columns.Count(c => c.Kind == ColumnKind.Continuous || c.Kind == ColumnKind.Integer));
        AssertKind(bc, "diagnosis", ColumnKind.Categorical, false);

        Table faithful = TestData.Load("faithful");
        AssertKind(faithful, "eruptions", ColumnKind.Continuous, false);
        AssertKind(faithful, "waiting", ColumnKind.Integer, false);

        Table d = TestData.Load("diamonds");
        Assert.AreEqual(53940, d.RowCount);
        AssertKind(d, "cut", ColumnKind.Categorical, false);
        AssertKind(d, "color", ColumnKind.Categorical, false);
        AssertKind(d, "clarity", ColumnKind.Categorical, false);
        AssertKind(d, "price", ColumnKind.Integer, false);
        AssertKind(d, "carat", ColumnKind.Continuous, false);
        Assert.AreEqual(5, ((CategoricalColumn)d["cut"]).Levels.Count);
        Assert.AreEqual(8, ((CategoricalColumn)d["clarity"]).Levels.Count);
    }

    [TestMethod]
    public void Boolean_DateTime_And_Formats_AreInferred()
    {
        Table t = TableCsv.Parse("flag,when,stamp,x,n\nyes,2024-01-31,2024-01-31T10:20:30,1.50,3\nNo,2023-12-01,2023-12-01T00:00:00,2.25,\nyes,,2020-02-29T23:59:59,-0.10,7\n");
        Assert.AreEqual(ColumnKind.Boolean, t["flag"].Kind);
        CollectionAssert.AreEqual(new[] { "No", "yes" }, ((CategoricalColumn)t["flag"]).Levels.ToArray());
        Assert.AreEqual(ColumnKind.DateTime, t["when"].Kind);
        Assert.AreEqual(DateTimeUnit.Day, ((DateTimeColumn)t["when"]).Unit);
        Assert.AreEqual(new DateTime(2024, 1, 31), ((DateTimeColumn)t["when"]).GetDateTime(0));
        Assert.IsTrue(t["when"].IsNullable);
        Assert.AreEqual(DateTimeUnit.Second, ((DateTimeColumn)t["stamp"]).Unit);
        Assert.AreEqual("2020-02-29T23:59:59", t.GetCellText(2, 2));
        var x = (NumericColumn)t["x"];
        Assert.AreEqual(2, x.Format.Decimals);
        Assert.IsTrue(x.Format.FixedDecimals);
        Assert.AreEqual("-0.10", t.GetCellText(2, 3));
        Assert.AreEqual(ColumnKind.Integer, t["n"].Kind);
        Assert.IsNull(t.GetCellText(1, 4));
    }

    [TestMethod]
    public void Overrides_ChangeKinds()
    {
        var o = new SchemaOptions();
        o.Kinds["year"] = ColumnKind.Categorical;
        o.Kinds["code"] = ColumnKind.Integer;
        o.Kinds["v"] = ColumnKind.Continuous;
        Table t = TableCsv.Parse("year,code,v\n2007,0,1\n2008,1,2\n2007,2,3\n", o);
        Assert.AreEqual(ColumnKind.Categorical, t["year"].Kind);
        Assert.AreEqual(ColumnKind.Integer, t["code"].Kind);
        Assert.AreEqual(ColumnKind.Continuous, t["v"].Kind);
        Assert.AreEqual("3", t.GetCellText(2, 2)); // keeps its integer text
    }

    [TestMethod]
    public void SmallCodeRange_IsCategorical_YearRange_IsInteger()
    {
        Table t = TableCsv.Parse("a,b,c\n0,2007,1\n1,2008,5\n2,2009,1\n1,2007,2\n");
        Assert.AreEqual(ColumnKind.Categorical, t["a"].Kind);
        Assert.AreEqual(ColumnKind.Integer, t["b"].Kind);
        Assert.AreEqual(ColumnKind.Integer, t["c"].Kind); // 1,2,5 is not a contiguous code range
    }

    [TestMethod]
    public void EveryDataset_CsvRoundTrip_IsByteExact()
    {
        foreach (string name in TestData.Names)
        {
            string original = File.ReadAllText(TestData.PathOf(name));
            string written = TableCsv.ToCsvString(TestData.Load(name));
            if (original != written)
            {
                string[] a = original.Split('\n'), b = written.Split('\n');
                int i = 0;
                while (i < Math.Min(a.Length, b.Length) && a[i] == b[i])
                {
                    i++;
                }

                Assert.Fail($"{name}: first difference at line {i + 1}: '{(i < a.Length ? a[i] : "<eof>")}' vs '{(i < b.Length ? b[i] : "<eof>")}'");
            }
        }
    }
}
