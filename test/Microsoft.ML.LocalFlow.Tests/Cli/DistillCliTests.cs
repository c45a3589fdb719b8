namespace Microsoft.ML.LocalFlow.Tests.Cli;

/// <summary>
/// <c>lfm distill</c> through <see cref="Microsoft.ML.LocalFlow.Tabular.TabularSynthesizer.Distill"/>: k-step students, and a model
/// conditioned on a numeric label (which the CLI could not distil before the library method existed).
/// </summary>
[TestClass]
[TestCategory("Cli")]
public sealed class DistillCliTests
{
    [TestMethod]
    public void Distill_NumericLabel_TwoSteps_ThenSampleDistilled()
    {
        using var dir = new TempDirectory();
        string model = dir.File("f.lfm"), distilled = dir.File("f2.lfm"), output = dir.File("s.csv");
        string data = EndToEndTests.DataFile("faithful.csv");
        LfmResult fit = LfmInvoker.Run("fit", data, "--model", model, "--label", "eruptions", "--blocks", "2", "--iterations", "20",
            "--hidden", "16", "--layers", "2", "--batch", "64", "--quiet");
        Assert.AreEqual(0, fit.ExitCode, fit.ToString());

        LfmResult d = LfmInvoker.Run("distill", "--model", model, "--out", distilled, "--steps", "2", "--iterations", "10", "--pairs", "128", "--quiet");
        Assert.AreEqual(0, d.ExitCode, d.ToString());
        StringAssert.Contains(d.Stdout, "4 with --distilled"); // 2 blocks × k = 2

        LfmResult s = LfmInvoker.Run("sample", "-m", distilled, "-n", "25", "-o", output, "--distilled", "--where", "eruptions=3.5");
        Assert.AreEqual(0, s.ExitCode, s.ToString());
        StringAssert.Contains(s.Stdout, "4 network evaluations per row");
        string[] lines = File.ReadAllLines(output);
        Assert.HasCount(26, lines);
        Assert.IsTrue(lines.Skip(1).All(l => Math.Abs(double.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture) - 3.5) < 1e-9),
            string.Join("\n", lines.Take(4)));
    }
}
