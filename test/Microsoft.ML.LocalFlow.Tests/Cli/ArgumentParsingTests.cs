namespace Microsoft.ML.LocalFlow.Tests.Cli;

[TestClass]
[TestCategory("Cli")]
public sealed class ArgumentParsingTests
{
    [TestMethod]
    public void NoCommand_IsUsageError()
    {
        LfmInvoker.AssertOneLineError(LfmInvoker.Run(), 2, "required command");
    }

    [TestMethod]
    public void UnknownCommand_NamesIt()
    {
        LfmInvoker.AssertOneLineError(LfmInvoker.Run("frobnicate"), 2, "'frobnicate'");
    }

    [TestMethod]
    public void Help_ListsEveryCommand_AndSucceeds()
    {
        LfmResult r = LfmInvoker.Run("--help");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        foreach (string command in new[] { "fit", "sample", "score", "distill", "evaluate", "info" })
        {
            Assert.Contains(command, r.Stdout);
        }
    }

    [TestMethod]
    public void SubcommandHelp_DoesNotNeedRequiredOptions()
    {
        LfmResult r = LfmInvoker.Run("sample", "--help");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        Assert.Contains("--rows", r.Stdout);
        Assert.Contains("--where", r.Stdout);
    }

    [TestMethod]
    [DataRow("0")]
    [DataRow("-5")]
    public void Sample_NonPositiveRows_IsUsageError(string rows)
    {
        LfmInvoker.AssertOneLineError(LfmInvoker.Run("sample", "--model", "m.lfm", "--rows", rows, "--out", "o.csv"), 2, "--rows", $"got {rows}");
    }

    [TestMethod]
    public void Sample_RowsNotANumber_IsUsageError()
    {
        LfmInvoker.AssertOneLineError(LfmInvoker.Run("sample", "--model", "m.lfm", "--rows", "many", "--out", "o.csv"), 2, "many");
    }

    [TestMethod]
    public void Sample_MissingRequiredOptions_IsUsageError()
    {
        LfmInvoker.AssertOneLineError(LfmInvoker.Run("sample", "--model", "m.lfm"), 2, "--rows");
    }

    [TestMethod]
    [DataRow("0.1,0,free", "element 2")]
    [DataRow("-0.2", "element 1")]
    [DataRow("0.1,abc", "'abc'")]
    [DataRow("free,0.1", "last element")]
    [DataRow("0.1,NaN", "element 2")]
    [DataRow("0.1,Infinity", "element 2")]
    public void Fit_BadStepSizes_NameTheElement(string steps, string fragment)
    {
        LfmInvoker.AssertOneLineError(LfmInvoker.Run("fit", "d.csv", "--model", "m.lfm", "--step-sizes", steps), 2, "--step-sizes", fragment);
    }

    [TestMethod]
    public void Fit_BlocksAndStepSizes_AreExclusive()
    {
        LfmInvoker.AssertOneLineError(LfmInvoker.Run("fit", "d.csv", "--model", "m.lfm", "--blocks", "3", "--step-sizes", "0.1,free"), 2, "exclusive");
    }

    [TestMethod]
    public void Fit_BaselineFmWithBlocks_IsUsageError()
    {
        LfmInvoker.AssertOneLineError(LfmInvoker.Run("fit", "d.csv", "--model", "m.lfm", "--baseline-fm", "--blocks", "3"), 2, "--baseline-fm");
    }

    [TestMethod]
    [DataRow("--blocks", "0")]
    [DataRow("--hidden", "-1")]
    [DataRow("--iterations", "0")]
    [DataRow("--lr", "0")]
    [DataRow("--threads", "0")]
    [DataRow("--validation-fraction", "0.6")]
    [DataRow("--validation-fraction", "-0.1")]
    public void Fit_OutOfRangeNumbers_NameTheOption(string option, string value)
    {
        LfmInvoker.AssertOneLineError(LfmInvoker.Run("fit", "d.csv", "--model", "m.lfm", option, value), 2, option, value);
    }

    [TestMethod]
    public void Fit_PatienceWithoutValidation_IsUsageError()
    {
        LfmInvoker.AssertOneLineError(LfmInvoker.Run("fit", "d.csv", "--model", "m.lfm", "--patience", "3"), 2, "--patience", "--validation-fraction");
    }

    [TestMethod]
    public void Fit_UnknownPreset_ListsTheValidOnes()
    {
        LfmInvoker.AssertOneLineError(LfmInvoker.Run("fit", "d.csv", "--model", "m.lfm", "--preset", "slow"), 2, "'slow'", "fast, balanced, quality");
    }

    [TestMethod]
    public void Fit_MalformedColumnKind_IsUsageError()
    {
        LfmInvoker.AssertOneLineError(LfmInvoker.Run("fit", "d.csv", "--model", "m.lfm", "--column-kind", "year"), 2, "--column-kind", "COLUMN=VALUE");
    }

    [TestMethod]
    public void Sample_UnknownSolver_ListsTheValidOnes()
    {
        LfmInvoker.AssertOneLineError(LfmInvoker.Run("sample", "-m", "m.lfm", "-n", "5", "-o", "o.csv", "--solver", "rk5"), 2, "'rk5'", "dopri5");
    }

    [TestMethod]
    public void Sample_MalformedWhere_IsUsageError()
    {
        LfmInvoker.AssertOneLineError(LfmInvoker.Run("sample", "-m", "m.lfm", "-n", "5", "-o", "o.csv", "--where", "species"), 2, "--where", "COLUMN=VALUE");
    }

    [TestMethod]
    public void Evaluate_NeedsTwoFiles()
    {
        LfmInvoker.AssertOneLineError(LfmInvoker.Run("evaluate", "real.csv"), 2, "required argument");
    }

    [TestMethod]
    public void Fit_SeedNotAnInteger_IsUsageError()
    {
        LfmInvoker.AssertOneLineError(LfmInvoker.Run("fit", "d.csv", "--model", "m.lfm", "--seed", "x1"), 2, "--seed", "'x1'");
    }

    [TestMethod]
    public void Fit_IterationsNotAnInteger_IsUsageError()
    {
        LfmInvoker.AssertOneLineError(LfmInvoker.Run("fit", "d.csv", "--model", "m.lfm", "--iterations", "1.5"), 2, "--iterations", "'1.5'");
    }

    [TestMethod]
    public void CancelledBeforeStart_Exits130_AndWritesNothing()
    {
        using var dir = new TempDirectory();
        string data = dir.Write("data.csv", "a,b\n1,2\n3,4\n5,7\n");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        LfmResult r = LfmInvoker.Run(cts.Token, "fit", data, "--model", dir.File("m.lfm"));
        LfmInvoker.AssertOneLineError(r, 130, "cancelled");
        CollectionAssert.AreEqual(new[] { "data.csv" }, dir.FileNames());
    }
}
