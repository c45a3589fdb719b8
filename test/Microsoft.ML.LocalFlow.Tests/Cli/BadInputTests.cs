namespace Microsoft.ML.LocalFlow.Tests.Cli;

/// <summary>Every bad input ends with one error line naming the file, row and column, exit code 1, and no output file.</summary>
[TestClass]
[TestCategory("Cli")]
public sealed class BadInputTests
{
    private static void AssertFitFails(string csv, params string[] fragments)
    {
        using var dir = new TempDirectory();
        string data = dir.Write("data.csv", csv);
        string model = dir.File("model.lfm");
        LfmResult r = LfmInvoker.Run("fit", data, "--model", model, "--iterations", "5", "--quiet");
        LfmInvoker.AssertOneLineError(r, 1, ["data.csv", .. fragments]);
        CollectionAssert.AreEqual(new[] { "data.csv" }, dir.FileNames(), "no model or temporary file is left behind");
    }

    [TestMethod]
    public void EmptyFile() => AssertFitFails("", "empty");

    [TestMethod]
    public void HeaderWithoutRows() => AssertFitFails("a,b\n", "no data rows");

    [TestMethod]
    public void NonNumericCell_NamesRowAndColumn() => AssertFitFails("a,b\n1,2\n3,x\n4,5\n6,7\n", "row 2", "column 'b'", "'x'");

    [TestMethod]
    [DataRow("NaN")]
    [DataRow("Infinity")]
    [DataRow("-Infinity")]
    public void NonFiniteCell_NamesRowAndColumn(string cell) => AssertFitFails($"a,b\n1,2\n3,{cell}\n4,5\n", "row 2", "column 'b'", cell);

    [TestMethod]
    public void RaggedRow_NamesTheRow() => AssertFitFails("a,b\n1,2\n3\n4,5\n", "row 2", "fields");

    [TestMethod]
    public void MissingDataFile()
    {
        using var dir = new TempDirectory();
        LfmResult r = LfmInvoker.Run("fit", dir.File("nope.csv"), "--model", dir.File("m.lfm"));
        LfmInvoker.AssertOneLineError(r, 1, "nope.csv", "does not exist");
        Assert.IsEmpty(dir.FileNames());
    }

    [TestMethod]
    public void DataPathIsADirectory()
    {
        using var dir = new TempDirectory();
        LfmResult r = LfmInvoker.Run("fit", dir.Path, "--model", dir.File("m.lfm"));
        LfmInvoker.AssertOneLineError(r, 1, "is a directory");
    }

    [TestMethod]
    public void ModelDirectoryMissing_FailsBeforeFitting()
    {
        using var dir = new TempDirectory();
        string data = dir.Write("data.csv", "a,b\n1,2\n3,4\n");
        LfmResult r = LfmInvoker.Run("fit", data, "--model", Path.Combine(dir.Path, "no", "m.lfm"));
        LfmInvoker.AssertOneLineError(r, 1, "cannot write", "does not exist");
    }

    [TestMethod]
    public void UnknownColumnKind_IsUsageError()
    {
        using var dir = new TempDirectory();
        string data = dir.Write("data.csv", "a,b\n1,2\n3,4\n");
        LfmResult r = LfmInvoker.Run("fit", data, "--model", dir.File("m.lfm"), "--column-kind", "a=blob");
        LfmInvoker.AssertOneLineError(r, 2, "'blob'", "categorical");
    }

    [TestMethod]
    public void MissingModelFile_ForSample()
    {
        using var dir = new TempDirectory();
        LfmResult r = LfmInvoker.Run("sample", "--model", dir.File("nope.lfm"), "--rows", "3", "--out", dir.File("s.csv"));
        LfmInvoker.AssertOneLineError(r, 1, "nope.lfm", "does not exist");
        Assert.IsEmpty(dir.FileNames());
    }

    [TestMethod]
    public void MissingFiles_ForEvaluate()
    {
        using var dir = new TempDirectory();
        string real = dir.Write("real.csv", "a,b\n1,2\n3,4\n");
        LfmResult r = LfmInvoker.Run("evaluate", real, dir.File("synth.csv"));
        LfmInvoker.AssertOneLineError(r, 1, "synth.csv", "does not exist");
    }

    [TestMethod]
    public void Evaluate_SyntheticMissingAColumn_NamesFileAndColumn()
    {
        using var dir = new TempDirectory();
        string real = dir.Write("real.csv", "a,b\n1.5,2\n3.5,4\n2.5,3\n");
        string synth = dir.Write("synth.csv", "a\n1.5\n3.5\n");
        LfmResult r = LfmInvoker.Run("evaluate", real, synth);
        LfmInvoker.AssertOneLineError(r, 1, "synth.csv", "'b'");
    }

    [TestMethod]
    public void Verbose_AddsTheStackTrace_AfterTheErrorLine()
    {
        using var dir = new TempDirectory();
        string data = dir.Write("data.csv", "a,b\n1,2\n3,x\n4,5\n6,7\n");
        LfmResult r = LfmInvoker.Run("fit", data, "--model", dir.File("m.lfm"), "--verbose");
        Assert.AreEqual(1, r.ExitCode);
        StringAssert.StartsWith(r.Stderr, "lfm: error: ");
        Assert.Contains("   at ", r.Stderr);
        Assert.Contains("TableFormatException", r.Stderr);
    }
}
