using System.Globalization;
using System.Text.Json;

namespace Microsoft.ML.LocalFlow.Tests.Cli;

/// <summary>
/// fit → sample → score → evaluate → distill → info through the real command line, on the bundled faithful (2 numeric
/// columns) and iris (4 numeric + a label) tables, with tiny networks and few iterations so each test stays short.
/// </summary>
[TestClass]
[TestCategory("Cli")]
[TestCategory("CliEndToEnd")]
public sealed class EndToEndTests
{
    private static readonly string[] Small = ["--iterations", "30", "--hidden", "32", "--layers", "2", "--batch", "128", "--quiet"];

    private static TempDirectory s_dir = null!;
    private static string s_faithful = null!;
    private static string s_iris = null!;
    private static string s_faithfulModel = null!;
    private static string s_irisModel = null!;

    [ClassInitialize]
    public static void FitOnce(TestContext _)
    {
        s_dir = new TempDirectory();
        s_faithful = DataFile("faithful.csv");
        s_iris = DataFile("iris.csv");
        s_faithfulModel = s_dir.File("faithful.lfm");
        s_irisModel = s_dir.File("iris.lfm");
        LfmResult a = LfmInvoker.Run(["fit", s_faithful, "--model", s_faithfulModel, "--seed", "3", .. Small]);
        Assert.AreEqual(0, a.ExitCode, a.ToString());
        LfmResult b = LfmInvoker.Run(["fit", s_iris, "--model", s_irisModel, "--label", "species", .. Small]);
        Assert.AreEqual(0, b.ExitCode, b.ToString());
    }

    [ClassCleanup]
    public static void Cleanup() => s_dir.Dispose();

    /// <summary>The repository's data folder, found upwards from the test binaries.</summary>
    internal static string DataFile(string name)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "data", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"data/{name} not found above {AppContext.BaseDirectory}");
    }

    [TestMethod]
    public void Fit_WritesTheModel_AndNothingElse_AndSummarises()
    {
        Assert.IsTrue(File.Exists(s_faithfulModel));
        Assert.IsFalse(Directory.Exists(s_faithfulModel + ".checkpoint"), "the checkpoint is removed after a successful fit");
        Assert.IsEmpty(Directory.GetFiles(s_dir.Path, "*.tmp"));
    }

    [TestMethod]
    public void Sample_WritesRowsWithTheTrainingColumns_InsideTheBounds()
    {
        using var dir = new TempDirectory();
        string output = dir.File("synth.csv");
        LfmResult r = LfmInvoker.Run("sample", "--model", s_faithfulModel, "--rows", "200", "--out", output, "--seed", "5");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        StringAssert.Contains(r.Stdout, "wrote 200 rows");
        string[] lines = File.ReadAllLines(output);
        Assert.AreEqual("eruptions,waiting", lines[0]);
        Assert.HasCount(201, lines);
        double[][] real = ReadNumbers(s_faithful);
        foreach (string line in lines.Skip(1))
        {
            double[] row = line.Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            for (int j = 0; j < 2; j++)
            {
                Assert.IsTrue(row[j] >= real.Min(x => x[j]) && row[j] <= real.Max(x => x[j]), $"column {j} value {row[j]} outside the observed range");
            }

            Assert.AreEqual(Math.Round(row[1]), row[1], "waiting is an integer column");
        }
    }

    [TestMethod]
    public void Sample_SameSeed_SameRows_OtherSeed_OtherRows()
    {
        using var dir = new TempDirectory();
        string a = dir.File("a.csv"), b = dir.File("b.csv"), c = dir.File("c.csv");
        Assert.AreEqual(0, LfmInvoker.Run("sample", "-m", s_faithfulModel, "-n", "50", "-o", a, "-s", "9").ExitCode);
        Assert.AreEqual(0, LfmInvoker.Run("sample", "-m", s_faithfulModel, "-n", "50", "-o", b, "-s", "9").ExitCode);
        Assert.AreEqual(0, LfmInvoker.Run("sample", "-m", s_faithfulModel, "-n", "50", "-o", c, "-s", "10").ExitCode);
        Assert.AreEqual(File.ReadAllText(a), File.ReadAllText(b));
        Assert.AreNotEqual(File.ReadAllText(a), File.ReadAllText(c));
    }

    [TestMethod]
    public void Sample_Where_GivesOnlyThatClass()
    {
        using var dir = new TempDirectory();
        string output = dir.File("setosa.csv");
        LfmResult r = LfmInvoker.Run("sample", "-m", s_irisModel, "-n", "60", "-o", output, "--where", "species=setosa");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        string[] lines = File.ReadAllLines(output);
        Assert.AreEqual("sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,species", lines[0]);
        Assert.HasCount(61, lines);
        Assert.IsTrue(lines.Skip(1).All(l => l.EndsWith(",setosa", StringComparison.Ordinal)), string.Join("\n", lines.Take(5)));
    }

    [TestMethod]
    public void Sample_WhereUnseenLevel_ListsTheLevels_AndWritesNothing()
    {
        using var dir = new TempDirectory();
        LfmResult r = LfmInvoker.Run("sample", "-m", s_irisModel, "-n", "5", "-o", dir.File("x.csv"), "--where", "species=unicorn");
        LfmInvoker.AssertOneLineError(r, 1, "'unicorn'", "setosa", "versicolor", "virginica");
        Assert.IsEmpty(dir.FileNames());
    }

    [TestMethod]
    public void Sample_WhereOtherColumn_NamesTheLabelColumn()
    {
        using var dir = new TempDirectory();
        LfmResult r = LfmInvoker.Run("sample", "-m", s_irisModel, "-n", "5", "-o", dir.File("x.csv"), "--where", "sepal_length_cm=5");
        LfmInvoker.AssertOneLineError(r, 1, "'species'", "'sepal_length_cm'");
    }

    [TestMethod]
    public void Sample_WhereOnUnconditionalModel_IsBadInput()
    {
        using var dir = new TempDirectory();
        LfmResult r = LfmInvoker.Run("sample", "-m", s_faithfulModel, "-n", "5", "-o", dir.File("x.csv"), "--where", "waiting=50");
        LfmInvoker.AssertOneLineError(r, 1, "without --label");
    }

    [TestMethod]
    public void Sample_DistilledWithoutStudents_IsBadInput()
    {
        using var dir = new TempDirectory();
        LfmResult r = LfmInvoker.Run("sample", "-m", s_faithfulModel, "-n", "5", "-o", dir.File("x.csv"), "--distilled");
        LfmInvoker.AssertOneLineError(r, 1, "no distilled students", "lfm distill");
        Assert.IsEmpty(dir.FileNames());
    }

    [TestMethod]
    public void Sample_StepsWithDopri5_IsUsageError()
    {
        using var dir = new TempDirectory();
        LfmResult r = LfmInvoker.Run("sample", "-m", s_faithfulModel, "-n", "5", "-o", dir.File("x.csv"), "--solver", "dopri5", "--steps", "4");
        LfmInvoker.AssertOneLineError(r, 2, "--steps", "dopri5");
    }

    [TestMethod]
    [DataRow("euler", "8", "euler, 8 steps/block, 4 blocks: 32 network evaluations per row")]
    [DataRow("heun", "3", "heun, 3 steps/block, 4 blocks: 24 network evaluations per row")]
    public void Sample_SolverAndSteps_AreUsed(string solver, string steps, string expected)
    {
        using var dir = new TempDirectory();
        LfmResult r = LfmInvoker.Run("sample", "-m", s_faithfulModel, "-n", "20", "-o", dir.File("x.csv"), "--solver", solver, "--steps", steps);
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        StringAssert.Contains(r.Stdout, expected);
    }

    [TestMethod]
    public void Score_WritesOneFiniteLogLikelihoodPerRow_AndPrintsTheMeanNll()
    {
        using var dir = new TempDirectory();
        string output = dir.File("scores.csv");
        LfmResult r = LfmInvoker.Run("score", "--model", s_faithfulModel, s_faithful, "--out", output, "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        string[] lines = File.ReadAllLines(output);
        Assert.AreEqual("log_likelihood", lines[0]);
        Assert.HasCount(File.ReadAllLines(s_faithful).Length, lines, "one score per input row, plus the header");
        double[] ll = lines.Skip(1).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        Assert.IsTrue(ll.All(double.IsFinite));
        using JsonDocument json = JsonDocument.Parse(r.Stdout);
        double meanNll = json.RootElement.GetProperty("mean_nll_nats").GetDouble();
        Assert.AreEqual(-ll.Average(), meanNll, 1e-4, "the printed mean NLL is the mean of the written scores (6 decimals)");
        Assert.AreEqual(272, json.RootElement.GetProperty("rows").GetInt32());
    }

    [TestMethod]
    public void Score_UnseenCategory_NamesRowAndColumn_AndWritesNothing()
    {
        using var dir = new TempDirectory();
        string data = dir.Write("rows.csv", "sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,species\n5.1,3.5,1.4,0.2,setosa\n5,3,1.4,0.2,unicorn\n");
        LfmResult r = LfmInvoker.Run("score", "-m", s_irisModel, data, "-o", dir.File("s.csv"));
        LfmInvoker.AssertOneLineError(r, 1, "unicorn", "species");
        CollectionAssert.AreEqual(new[] { "rows.csv" }, dir.FileNames());
    }

    [TestMethod]
    public void Score_MissingColumn_NamesIt()
    {
        using var dir = new TempDirectory();
        string data = dir.Write("rows.csv", "eruptions\n3.6\n");
        LfmResult r = LfmInvoker.Run("score", "-m", s_faithfulModel, data, "-o", dir.File("s.csv"));
        LfmInvoker.AssertOneLineError(r, 1, "'waiting'");
    }

    [TestMethod]
    public void Evaluate_Json_HasTheReportFields_InRange()
    {
        using var dir = new TempDirectory();
        string synth = dir.File("synth.csv");
        Assert.AreEqual(0, LfmInvoker.Run("sample", "-m", s_irisModel, "-n", "150", "-o", synth).ExitCode);
        LfmResult r = LfmInvoker.Run("evaluate", s_iris, synth, "--label", "species", "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        using JsonDocument json = JsonDocument.Parse(r.Stdout);
        JsonElement root = json.RootElement;
        foreach (string name in new[] { "quality_score", "column_shapes", "column_pair_trends", "detection_score" })
        {
            double v = root.GetProperty(name).GetDouble();
            Assert.IsTrue(v is >= 0 and <= 1, $"{name} = {v}");
        }

        Assert.AreEqual(5, root.GetProperty("shapes").GetArrayLength());
        Assert.AreEqual(3, root.GetProperty("per_class").GetArrayLength());
        Assert.AreEqual(150, root.GetProperty("synthetic_rows").GetInt32());
    }

    [TestMethod]
    public void Evaluate_Tables_NameTheMetrics()
    {
        LfmResult r = LfmInvoker.Run("evaluate", s_faithful, s_faithful);
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        StringAssert.Contains(r.Stdout, "Quality Score");
        StringAssert.Contains(r.Stdout, "1.000", "a table compared with itself scores 1");
        StringAssert.Contains(r.Stdout, "eruptions");
    }

    [TestMethod]
    public void Evaluate_WithHoldout_ReportsDcr()
    {
        LfmResult r = LfmInvoker.Run("evaluate", s_faithful, s_faithful, "--holdout", s_faithful, "--json");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        using JsonDocument json = JsonDocument.Parse(r.Stdout);
        Assert.AreEqual(JsonValueKind.Object, json.RootElement.GetProperty("dcr").ValueKind);
    }

    [TestMethod]
    public void Evaluate_LabelThatDoesNotExist_NamesIt()
    {
        LfmResult r = LfmInvoker.Run("evaluate", s_faithful, s_faithful, "--label", "species");
        LfmInvoker.AssertOneLineError(r, 1, "--label 'species'", "no such column");
    }

    [TestMethod]
    public void Fit_LabelThatDoesNotExist_NamesIt()
    {
        using var dir = new TempDirectory();
        LfmResult r = LfmInvoker.Run(["fit", s_iris, "--model", dir.File("m.lfm"), "--label", "kind", .. Small]);
        LfmInvoker.AssertOneLineError(r, 1, "--label 'kind'", "species");
        Assert.IsEmpty(dir.FileNames());
    }

    [TestMethod]
    public void Fit_SingleRow_IsBadInput_NamingTheFile()
    {
        using var dir = new TempDirectory();
        string data = dir.Write("one.csv", "a,b\n1.5,2\n");
        LfmResult r = LfmInvoker.Run(["fit", data, "--model", dir.File("m.lfm"), .. Small]);
        LfmInvoker.AssertOneLineError(r, 1, "one.csv", "1 rows", "at least 2");
        CollectionAssert.AreEqual(new[] { "one.csv" }, dir.FileNames());
    }

    [TestMethod]
    public void Fit_ConstantColumn_IsReproducedExactly()
    {
        using var dir = new TempDirectory();
        string data = dir.Write("c.csv", "a,b\n1.5,2\n1.5,3\n1.5,4\n1.5,6\n");
        Assert.AreEqual(0, LfmInvoker.Run(["fit", data, "--model", dir.File("m.lfm"), .. Small]).ExitCode);
        LfmResult r = LfmInvoker.Run("sample", "-m", dir.File("m.lfm"), "-n", "20", "-o", dir.File("s.csv"));
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        Assert.IsTrue(File.ReadAllLines(dir.File("s.csv")).Skip(1).All(l => l.StartsWith("1.5,", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Fit_BaselineFm_HasOneFreeBlock_AndStepSizesAreHonoured()
    {
        using var dir = new TempDirectory();
        Assert.AreEqual(0, LfmInvoker.Run(["fit", s_faithful, "--model", dir.File("fm.lfm"), "--baseline-fm", .. Small]).ExitCode);
        Assert.AreEqual(0, LfmInvoker.Run(["fit", s_faithful, "--model", dir.File("two.lfm"), "--step-sizes", "0.3,free", .. Small]).ExitCode);
        using JsonDocument fm = JsonDocument.Parse(LfmInvoker.Run("info", "-m", dir.File("fm.lfm"), "--json").Stdout);
        using JsonDocument two = JsonDocument.Parse(LfmInvoker.Run("info", "-m", dir.File("two.lfm"), "--json").Stdout);
        Assert.AreEqual("free", fm.RootElement.GetProperty("options").GetProperty("schedule").GetString());
        Assert.AreEqual("0.3,free", two.RootElement.GetProperty("options").GetProperty("schedule").GetString());
        Assert.AreEqual(2, two.RootElement.GetProperty("blocks").GetArrayLength());
    }

    [TestMethod]
    public void Info_ShowsOptionsBlocksAndColumns()
    {
        LfmResult r = LfmInvoker.Run("info", "--model", s_irisModel);
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        StringAssert.Contains(r.Stdout, "label column 'species'");
        StringAssert.Contains(r.Stdout, "0.15,0.2,0.26,free");
        StringAssert.Contains(r.Stdout, "petal_width_cm");
        using JsonDocument json = JsonDocument.Parse(LfmInvoker.Run("info", "--model", s_irisModel, "--json").Stdout);
        Assert.AreEqual(4, json.RootElement.GetProperty("blocks").GetArrayLength());
        Assert.AreEqual(32, json.RootElement.GetProperty("options").GetProperty("hidden_width").GetInt32());
    }

    [TestMethod]
    public void Distill_ThenSampleDistilled()
    {
        using var dir = new TempDirectory();
        string distilled = dir.File("d.lfm");
        LfmResult d = LfmInvoker.Run("distill", "--model", s_irisModel, "--out", distilled, "--iterations", "10", "--pairs", "256", "--quiet");
        Assert.AreEqual(0, d.ExitCode, d.ToString());
        StringAssert.Contains(d.Stdout, "4 with --distilled");
        LfmResult s = LfmInvoker.Run("sample", "-m", distilled, "-n", "30", "-o", dir.File("s.csv"), "--distilled", "--where", "species=virginica");
        Assert.AreEqual(0, s.ExitCode, s.ToString());
        StringAssert.Contains(s.Stdout, "4 network evaluations per row");
        Assert.IsTrue(File.ReadAllLines(dir.File("s.csv")).Skip(1).All(l => l.EndsWith(",virginica", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void ModelFile_Truncated_Foreign_OtherVersion_AreBadInput()
    {
        using var dir = new TempDirectory();
        byte[] bytes = File.ReadAllBytes(s_faithfulModel);
        string truncated = dir.File("truncated.lfm");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        string version = dir.File("version.lfm");
        byte[] other = (byte[])bytes.Clone();
        other[8] = 99; // the u32 format version follows the 8 magic bytes
        File.WriteAllBytes(version, other);

        LfmInvoker.AssertOneLineError(LfmInvoker.Run("sample", "-m", truncated, "-n", "5", "-o", dir.File("a.csv")), 1, "truncated.lfm", "truncated");
        LfmInvoker.AssertOneLineError(LfmInvoker.Run("info", "-m", s_faithful), 1, "faithful.csv", "not a LocalFlow model");
        LfmInvoker.AssertOneLineError(LfmInvoker.Run("score", "-m", version, s_faithful, "-o", dir.File("b.csv")), 1, "version.lfm", "version 99");
        CollectionAssert.AreEqual(new[] { "truncated.lfm", "version.lfm" }, dir.FileNames(), "no output is left behind");
    }

    [TestMethod]
    public void Fit_CancelledMidway_Exits130_AndLeavesNoModel()
    {
        using var dir = new TempDirectory();
        string model = dir.File("m.lfm");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        LfmResult r = LfmInvoker.Run(cts.Token, "fit", s_faithful, "--model", model, "--iterations", "1000000", "--hidden", "16", "--quiet");
        LfmInvoker.AssertOneLineError(r, 130, "cancelled");
        Assert.IsFalse(File.Exists(model));
        Assert.IsEmpty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [TestMethod]
    public void Fit_SkipBadRows_ReportsTheCount_AndFits()
    {
        using var dir = new TempDirectory();
        string data = dir.Write("d.csv", "a,b\n1.5,2\n2.5\n3.5,4\n4.5,3\n5.5,7\n");
        LfmResult r = LfmInvoker.Run(["fit", data, "--model", dir.File("m.lfm"), "--skip-bad-rows", .. Small]);
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        StringAssert.Contains(r.Stderr, "skipped 1 bad row(s)");
        StringAssert.Contains(r.Stderr, "data row 2");
        StringAssert.Contains(r.Stdout, "4 rows");
    }

    [TestMethod]
    public void Fit_ColumnKindOverride_IsUsed()
    {
        using var dir = new TempDirectory();
        string model = dir.File("m.lfm");
        Assert.AreEqual(0, LfmInvoker.Run(["fit", s_faithful, "--model", model, "--column-kind", "waiting=continuous", .. Small]).ExitCode);
        using JsonDocument json = JsonDocument.Parse(LfmInvoker.Run("info", "-m", model, "--json").Stdout);
        JsonElement waiting = json.RootElement.GetProperty("schema").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "waiting");
        Assert.AreEqual("continuous", waiting.GetProperty("kind").GetString());
    }

    [TestMethod]
    public void Fit_ValidationSplitWithPatience_IsPassedToTheFlow()
    {
        using var dir = new TempDirectory();
        string model = dir.File("m.lfm");
        LfmResult r = LfmInvoker.Run("fit", s_faithful, "--model", model, "--validation-fraction", "0.2", "--patience", "1",
            "--iterations", "300", "--hidden", "16", "--layers", "2", "--batch", "64", "--quiet");
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        using JsonDocument json = JsonDocument.Parse(LfmInvoker.Run("info", "-m", model, "--json").Stdout);
        Assert.AreEqual(0.2, json.RootElement.GetProperty("options").GetProperty("validation_fraction").GetDouble(), 1e-12);
    }

    private static double[][] ReadNumbers(string path) => File.ReadAllLines(path).Skip(1)
        .Select(l => l.Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray()).ToArray();
}
