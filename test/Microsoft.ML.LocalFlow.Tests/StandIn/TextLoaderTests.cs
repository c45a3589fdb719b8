using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.LocalFlow.Tests.StandIn;

[TestClass]
public sealed class TextLoaderTests
{
    public sealed class IrisRow
    {
        [LoadColumn(0)]
        public float SepalLength;

        [LoadColumn(1)]
        public float SepalWidth;

        [LoadColumn(2)]
        public float PetalLength;

        [LoadColumn(3)]
        public float PetalWidth;

        [LoadColumn(4), ColumnName("Label")]
        public string? Species;
    }

    public sealed class IrisVector
    {
        [LoadColumn(0, 3)]
        public float[]? Features;

        [LoadColumn(4)]
        public string? Species { get; set; }
    }

    [TestMethod]
    public void GenericLoadReadsIris()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromTextFile<IrisRow>(StandInTestData.Iris, separatorChar: ',', hasHeader: true);
        CollectionAssert.AreEqual(new[] { "SepalLength", "SepalWidth", "PetalLength", "PetalWidth", "Label" }, data.Schema.Select(c => c.Name).ToArray());
        Assert.AreSame(TextDataViewType.Instance, data.Schema["Label"].Type);
        Assert.IsNull(data.GetRowCount());
        var rows = ml.Data.CreateEnumerable<IrisRow>(data, reuseRowObject: false).ToList();
        Assert.HasCount(150, rows);
        Assert.AreEqual(5.1f, rows[0].SepalLength);
        Assert.AreEqual(3.5f, rows[0].SepalWidth);
        Assert.AreEqual("setosa", rows[0].Species);
        Assert.AreEqual("virginica", rows[^1].Species);
        Assert.AreEqual(50, rows.Count(r => r.Species == "versicolor"));
    }

    [TestMethod]
    public void GenericLoadReadsVectorRanges()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromTextFile<IrisVector>(StandInTestData.Iris, ',', hasHeader: true);
        Assert.AreEqual("Vector<Single, 4>", data.Schema["Features"].Type.ToString());
        var first = ml.Data.CreateEnumerable<IrisVector>(data, false).First();
        CollectionAssert.AreEqual(new[] { 5.1f, 3.5f, 1.4f, 0.2f }, first.Features);
    }

    [TestMethod]
    public void NonGenericLoadWithColumnsAndOptions()
    {
        var ml = new MLContext(1);
        var columns = new[]
        {
            new TextLoader.Column("Features", DataKind.Single, 0, 3),
            new TextLoader.Column("Species", DataKind.String, 4),
        };
        var data = ml.Data.LoadFromTextFile(StandInTestData.Iris, columns, ',', hasHeader: true);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 4), data.Schema["Features"].Type);
        Assert.AreEqual(150, Count(data));

        var options = new TextLoader.Options { Separators = [','], HasHeader = true, MaxRows = 10, Columns = [new TextLoader.Column("PetalWidth", DataKind.Double, 3)] };
        var limited = ml.Data.LoadFromTextFile(StandInTestData.Iris, options);
        Assert.AreSame(NumberDataViewType.Double, limited.Schema["PetalWidth"].Type);
        Assert.AreEqual(10, Count(limited));
    }

    [TestMethod]
    public void OptionDefaultsAreMLNets()
    {
        var o = new TextLoader.Options();
        CollectionAssert.AreEqual(new[] { '\t' }, o.Separators);
        Assert.IsFalse(o.HasHeader);
        Assert.IsFalse(o.AllowQuoting);
        Assert.IsFalse(o.TrimWhitespace);
        Assert.IsFalse(o.AllowSparse);
        Assert.IsTrue(o.UseThreads);
        Assert.AreEqual('.', o.DecimalMarker);
        Assert.AreEqual('"', o.EscapeChar);
        Assert.IsFalse(o.MissingRealsAsNaNs);
        Assert.AreEqual(DataKind.Single, new TextLoader.Column().DataKind);
        var range = new TextLoader.Range(2, null);
        Assert.IsTrue(range.ForceVector);
        Assert.IsTrue(range.AutoEnd);
        Assert.IsFalse(new TextLoader.Range(2).ForceVector);
    }

    [TestMethod]
    public void MissingPathThrowsNamingIt()
    {
        var ml = new MLContext();
        string path = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N") + ".csv");
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Data.LoadFromTextFile<IrisRow>(path));
        Assert.AreEqual("path", ex.ParamName);
        StringAssert.Contains(ex.Message, path);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Data.LoadFromTextFile(path, [new TextLoader.Column("a", DataKind.Single, 0)]));
    }

    public sealed class NoAttribute
    {
        public float A;
    }

    [TestMethod]
    public void MemberWithoutLoadColumnIsNamed()
    {
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => new MLContext().Data.LoadFromTextFile<NoAttribute>(StandInTestData.Iris));
        StringAssert.Contains(ex.Message, "'A'");
    }

    public sealed class QuotedRow
    {
        [LoadColumn(0)]
        public string? Name;

        [LoadColumn(1)]
        public float X;

        [LoadColumn(2)]
        public int N;
    }

    [TestMethod]
    public void QuotingEmptyFieldsAndBadValues()
    {
        string path = StandInTestData.TempFile("name,x,n\n\"Smith, John\",1.5,3\n\"say \"\"hi\"\"\",,\n\nplain,abc,7\nshort\n");
        try
        {
            var ml = new MLContext(1);
            var warnings = new List<string>();
            ml.Log += (_, e) =>
            {
                if (e.Kind == ChannelMessageKind.Warning)
                    warnings.Add(e.RawMessage);
            };
            var rows = ml.Data.CreateEnumerable<QuotedRow>(ml.Data.LoadFromTextFile<QuotedRow>(path, ',', hasHeader: true, allowQuoting: true), false).ToList();
            Assert.HasCount(4, rows); // the blank line is skipped
            Assert.AreEqual("Smith, John", rows[0].Name);
            Assert.AreEqual(1.5f, rows[0].X);
            Assert.AreEqual(3, rows[0].N);
            Assert.AreEqual("say \"hi\"", rows[1].Name);
            Assert.IsTrue(float.IsNaN(rows[1].X), "an empty real field reads as NaN");
            Assert.AreEqual(0, rows[1].N, "an empty integer field reads as 0");
            Assert.IsTrue(float.IsNaN(rows[2].X), "an unparsable real reads as NaN");
            Assert.AreEqual(0f, rows[3].X, "a real missing from a short line reads as 0 unless MissingRealsAsNaNs");
            Assert.HasCount(1, warnings);
            StringAssert.Contains(warnings[0], "1 bad values");

            // Without quoting, the comma inside quotes splits the field.
            var unquoted = ml.Data.CreateEnumerable<QuotedRow>(ml.Data.LoadFromTextFile<QuotedRow>(path, ',', hasHeader: true), false).First();
            Assert.AreEqual("\"Smith", unquoted.Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void PenguinsEmptyNumbersAreNaN()
    {
        var ml = new MLContext(1);
        var columns = new[] { new TextLoader.Column("species", DataKind.String, 0), new TextLoader.Column("bill", DataKind.Single, 2), new TextLoader.Column("year", DataKind.Int32, 7) };
        var rows = new List<(string, float, int)>();
        var data = ml.Data.LoadFromTextFile(StandInTestData.Penguins, columns, ',', hasHeader: true);
        using var cursor = data.GetRowCursor(data.Schema);
        var s = cursor.GetGetter<ReadOnlyMemory<char>>(data.Schema["species"]);
        var b = cursor.GetGetter<float>(data.Schema["bill"]);
        var y = cursor.GetGetter<int>(data.Schema["year"]);
        while (cursor.MoveNext())
        {
            ReadOnlyMemory<char> sv = default;
            float bv = 0;
            int yv = 0;
            s(ref sv);
            b(ref bv);
            y(ref yv);
            rows.Add((sv.ToString(), bv, yv));
        }
        Assert.AreEqual(("Adelie", 39.1f, 2007), rows[0]);
        Assert.IsTrue(float.IsNaN(rows[3].Item2));
        Assert.AreEqual(2007, rows[3].Item3);
    }

    [TestMethod]
    public void SaveAsTextThenLoadRoundTrips()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromTextFile<IrisVector>(StandInTestData.Iris, ',', hasHeader: true);
        var path = Path.Combine(Path.GetTempPath(), "standin-save-" + Guid.NewGuid().ToString("N") + ".tsv");
        try
        {
            using (var stream = File.Create(path))
                ml.Data.SaveAsText(data, stream);
            var lines = File.ReadAllLines(path);
            Assert.AreEqual("#@ TextLoader{", lines[0]);
            var header = lines.First(l => !l.StartsWith("#@", StringComparison.Ordinal));
            Assert.AreEqual("Features.0\tFeatures.1\tFeatures.2\tFeatures.3\tSpecies", header);
            var back = ml.Data.CreateEnumerable<IrisVector>(ml.Data.LoadFromTextFile<IrisVector>(path, hasHeader: true), false).ToList();
            var original = ml.Data.CreateEnumerable<IrisVector>(data, false).ToList();
            Assert.HasCount(150, back);
            for (int i = 0; i < back.Count; i++)
            {
                CollectionAssert.AreEqual(original[i].Features, back[i].Features);
                Assert.AreEqual(original[i].Species, back[i].Species);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void CreateTextLoaderSizesOpenRangesFromTheSample()
    {
        var ml = new MLContext(1);
        var sample = new MultiFileSource(StandInTestData.Iris);
        var loader = ml.Data.CreateTextLoader([new TextLoader.Column("All", DataKind.String, [new TextLoader.Range(0, null)])], ',', hasHeader: true, dataSample: sample);
        Assert.AreEqual(new VectorDataViewType(TextDataViewType.Instance, 5), loader.GetOutputSchema()["All"].Type);
        Assert.AreEqual(150, Count(loader.Load(sample)));
    }

    private static long Count(IDataView data)
    {
        long n = 0;
        using var cursor = data.GetRowCursor([]);
        while (cursor.MoveNext())
            n++;
        return n;
    }
}

[TestClass]
public sealed class TextLoaderOptionTests
{
    [TestMethod]
    public void DecimalCommaTrimAndMissingRealsAsNaNs()
    {
        string path = StandInTestData.TempFile("a; b ;c\n 1,5 ; x ;2\n3\n");
        try
        {
            var ml = new MLContext(1);
            var options = new TextLoader.Options
            {
                Separators = [';'],
                DecimalMarker = ',',
                TrimWhitespace = true,
                HasHeader = true,
                MissingRealsAsNaNs = true,
                Columns = [new TextLoader.Column("A", DataKind.Double, 0), new TextLoader.Column("B", DataKind.String, 1), new TextLoader.Column("C", DataKind.Single, 2)],
            };
            var data = ml.Data.LoadFromTextFile(path, options);
            var a = new List<double>();
            var b = new List<string>();
            var c = new List<float>();
            using (var cursor = data.GetRowCursor(data.Schema))
            {
                var ga = cursor.GetGetter<double>(data.Schema["A"]);
                var gb = cursor.GetGetter<ReadOnlyMemory<char>>(data.Schema["B"]);
                var gc = cursor.GetGetter<float>(data.Schema["C"]);
                while (cursor.MoveNext())
                {
                    double va = 0;
                    ReadOnlyMemory<char> vb = default;
                    float vc = 0;
                    ga(ref va);
                    gb(ref vb);
                    gc(ref vc);
                    a.Add(va);
                    b.Add(vb.ToString());
                    c.Add(vc);
                }
            }
            CollectionAssert.AreEqual(new[] { 1.5, 3.0 }, a);
            CollectionAssert.AreEqual(new[] { "x", "" }, b);
            Assert.AreEqual(2f, c[0]);
            Assert.IsTrue(float.IsNaN(c[1]), "MissingRealsAsNaNs: a real missing from a short line is NaN");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void BadOptionsFailClearly()
    {
        var ml = new MLContext(1);
        var ex = Assert.ThrowsExactly<ArgumentException>(() => ml.Data.LoadFromTextFile(StandInTestData.Iris));
        StringAssert.Contains(ex.Message, "Columns");
        Assert.ThrowsExactly<NotSupportedException>(() => ml.Data.LoadFromTextFile(StandInTestData.Iris, [new TextLoader.Column("a", DataKind.Single, 0)], allowSparse: true));
        Assert.ThrowsExactly<NotSupportedException>(() => ml.Data.LoadFromTextFile(StandInTestData.Iris, [new TextLoader.Column("a", DataKind.UInt32, [new TextLoader.Range(0)], new KeyCount(3))]));
        var unsized = new TextLoader.Options { Columns = [new TextLoader.Column("v", DataKind.Single, [new TextLoader.Range(0, null)])] };
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ml.Data.CreateTextLoader(unsized)).Message, "InputSize");
    }
}
