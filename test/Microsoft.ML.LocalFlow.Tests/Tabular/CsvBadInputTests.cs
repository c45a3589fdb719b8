using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Csv;

namespace Microsoft.ML.LocalFlow.Tests.Tabular;

[TestClass]
public sealed class CsvBadInputTests
{
    private static TableFormatException Bad(string csv, SchemaOptions? o = null) =>
        Assert.ThrowsExactly<TableFormatException>(() => TableCsv.Parse(csv, o));

    [TestMethod]
    public void EmptyFile()
    {
        TableFormatException e = Bad(string.Empty);
        StringAssert.Contains(e.Message, "empty");
    }

    [TestMethod]
    public void HeaderWithoutRows()
    {
        TableFormatException e = Bad("a,b\n");
        StringAssert.Contains(e.Message, "no data rows");
    }

    [TestMethod]
    public void RaggedRow_NamesRowAndLine()
    {
        TableFormatException e = Bad("a,b,c\n1,2,3\n4,5\n6,7,8\n");
        Assert.AreEqual(2, e.DataRow);
        Assert.AreEqual(3, e.FileLine);
        Assert.AreEqual("c", e.Column);
        StringAssert.Contains(e.Message, "2 fields");
    }

    [TestMethod]
    public void RaggedRow_AfterQuotedMultiLineField_CountsFileLines()
    {
        TableFormatException e = Bad("a,b\n\"x\ny\",1\nz,2,3\n");
        Assert.AreEqual(2, e.DataRow);
        Assert.AreEqual(4, e.FileLine);
    }

    [TestMethod]
    public void EntirelyEmptyColumn()
    {
        TableFormatException e = Bad("a,b\n1,\n2,\n");
        Assert.AreEqual("b", e.Column);
        StringAssert.Contains(e.Message, "entirely empty");
    }

    [TestMethod]
    public void NonNumericCell_InDeclaredNumericColumn()
    {
        var o = new SchemaOptions();
        o.Kinds["x"] = ColumnKind.Continuous;
        TableFormatException e = Bad("x,y\n1.5,a\n2.5,b\nabc,a\n", o);
        Assert.AreEqual(3, e.DataRow);
        Assert.AreEqual(4, e.FileLine);
        Assert.AreEqual("x", e.Column);
        StringAssert.Contains(e.Message, "'abc' is not a number");
    }

    [TestMethod]
    public void NonNumericCell_InMostlyNumericColumn()
    {
        TableFormatException e = Bad("x\n1\n2\n3,5\n4\n".Replace("3,5", "\"3,5\""));
        Assert.AreEqual(3, e.DataRow);
        Assert.AreEqual("x", e.Column);
    }

    [TestMethod]
    public void NaNAndInfinity_AreRejected()
    {
        foreach (string bad in new[] { "NaN", "Infinity", "-Infinity" })
        {
            TableFormatException e = Bad($"x,y\n1,a\n{bad},b\n2,c\n");
            Assert.AreEqual(2, e.DataRow, bad);
            Assert.AreEqual("x", e.Column, bad);
            StringAssert.Contains(e.Message, "not a finite number", bad);
        }
    }

    [TestMethod]
    public void DateTimeThatDoesNotParse()
    {
        TableFormatException e = Bad("d,v\n2024-01-01,1\n2024-02-30,2\n2024-03-01,3\n");
        Assert.AreEqual(2, e.DataRow);
        Assert.AreEqual(3, e.FileLine);
        Assert.AreEqual("d", e.Column);
        StringAssert.Contains(e.Message, "date");
    }

    [TestMethod]
    public void UnknownOverrideColumn()
    {
        var o = new SchemaOptions();
        o.Kinds["nope"] = ColumnKind.Integer;
        TableFormatException e = Bad("a\n1\n", o);
        Assert.AreEqual("nope", e.Column);
        StringAssert.Contains(e.Message, "not in the header");
    }

    [TestMethod]
    public void LevelPerRow_TextColumn_SuggestsDeclaring()
    {
        string csv = "id,v\n" + string.Join("\n", Enumerable.Range(0, 40).Select(i => $"user{i},{i % 3}")) + "\n";
        TableFormatException e = Bad(csv);
        Assert.AreEqual("id", e.Column);
        StringAssert.Contains(e.Message, "declare it Categorical");
        var o = new SchemaOptions();
        o.Kinds["id"] = ColumnKind.Categorical;
        Assert.AreEqual(40, ((CategoricalColumn)TableCsv.Parse(csv, o)["id"]).Levels.Count);
    }

    [TestMethod]
    public void SkipBadRows_ReportsTheCount()
    {
        var o = new SchemaOptions { SkipBadRows = true };
        string path = Path.Combine(Path.GetTempPath(), "lfm_skip_" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, "x,y\n1,a\n2\nNaN,b\n3,c\n4,d\n");
        try
        {
            CsvReadResult r = TableCsv.ReadDetailed(path, o);
            Assert.AreEqual(3, r.Table.RowCount);
            Assert.AreEqual(2, r.SkippedRows.Count);
            Assert.AreEqual(2, r.SkippedRows[0].DataRow);
            Assert.AreEqual(3, r.SkippedRows[1].DataRow);
            Assert.AreEqual("x", r.SkippedRows[1].Column);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Quoting_Bom_Crlf_RoundTrip()
    {
        string path = Path.Combine(Path.GetTempPath(), "lfm_bom_" + Guid.NewGuid().ToString("N") + ".csv");
        string text = "name,\"v,1\"\r\n\"a, \"\"quoted\"\"\",1.5\r\nb,2.0\r\n";
        File.WriteAllText(path, text, new System.Text.UTF8Encoding(true));
        try
        {
            CsvReadResult r = TableCsv.ReadDetailed(path);
            Assert.IsTrue(r.HasByteOrderMark);
            Assert.AreEqual("\r\n", r.NewLine);
            Assert.AreEqual("v,1", r.Table[1].Name);
            Assert.AreEqual("a, \"quoted\"", r.Table.GetCellText(0, 0));
            string outPath = path + ".out.csv";
            TableCsv.Write(r.Table, outPath, CsvWriteOptions.Like(r));
            CollectionAssert.AreEqual(File.ReadAllBytes(path), File.ReadAllBytes(outPath));
            File.Delete(outPath);
            Assert.AreEqual(0, Directory.GetFiles(Path.GetTempPath(), "." + Path.GetFileName(outPath) + "*.tmp").Length);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
