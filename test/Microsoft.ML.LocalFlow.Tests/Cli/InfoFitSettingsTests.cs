using System.Globalization;
using System.Text.Json;
using Microsoft.ML.LocalFlow.Tabular;

namespace Microsoft.ML.LocalFlow.Tests.Cli;

/// <summary><c>lfm info</c> shows the fit settings saved in the model's <c>tabular.fit</c> section.</summary>
[TestClass]
[TestCategory("Cli")]
public sealed class InfoFitSettingsTests
{
    private static readonly string[] Small = ["--iterations", "20", "--hidden", "16", "--layers", "1", "--batch", "128", "--step-sizes", "free", "--quiet"];

    [TestMethod]
    public void Info_ShowsTheSmoothingChosenFromTheRowCount()
    {
        using var dir = new TempDirectory();
        string model = dir.File("auto.lfm");
        Assert.AreEqual(0, LfmInvoker.Run(["fit", EndToEndTests.DataFile("faithful.csv"), "--model", model, .. Small]).ExitCode);
        // faithful: 272 rows of encoded width 2 → the rule's σ and ⌈2048 / 272⌉ = 8 copies.
        double sigma = TabularSynthesizerOptions.SmoothingFor(272, 2);
        LfmResult r = LfmInvoker.Run("info", "-m", model);
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        StringAssert.Contains(OneLine(r.Stdout), string.Create(CultureInfo.InvariantCulture, $"fit settings: 272 training rows, smoothing σ {sigma:0.###} (chosen from the row count) with a 15-nearest-neighbour kernel, 8 noisy copies"));
        using JsonDocument json = JsonDocument.Parse(LfmInvoker.Run("info", "-m", model, "--json").Stdout);
        JsonElement fit = json.RootElement.GetProperty("fit");
        Assert.AreEqual(272, fit.GetProperty("training_rows").GetInt32());
        Assert.AreEqual(sigma, fit.GetProperty("smoothing").GetDouble(), 1e-12);
        Assert.AreEqual(8, fit.GetProperty("dequantization_copies").GetInt32());
        Assert.IsTrue(fit.GetProperty("smoothing_chosen_from_rows").GetBoolean());
        Assert.AreEqual(TabularSynthesizerOptions.LocalSmoothingNeighbours, fit.GetProperty("smoothing_neighbours").GetInt32(), "faithful has no label: the local kernel");
    }

    [TestMethod]
    public void Info_ShowsAnExplicitSmoothingAsGiven()
    {
        using var dir = new TempDirectory();
        string model = dir.File("given.lfm");
        Assert.AreEqual(0, LfmInvoker.Run(["fit", EndToEndTests.DataFile("faithful.csv"), "--model", model, "--smoothing", "0", .. Small]).ExitCode);
        LfmResult r = LfmInvoker.Run("info", "-m", model);
        StringAssert.Contains(OneLine(r.Stdout), "fit settings: 272 training rows, smoothing σ 0 (as given), 1 noisy copy");
        using JsonDocument json = JsonDocument.Parse(LfmInvoker.Run("info", "-m", model, "--json").Stdout);
        JsonElement fit = json.RootElement.GetProperty("fit");
        Assert.AreEqual(0.0, fit.GetProperty("smoothing").GetDouble());
        Assert.AreEqual(1, fit.GetProperty("dequantization_copies").GetInt32());
        Assert.IsFalse(fit.GetProperty("smoothing_chosen_from_rows").GetBoolean());
        Assert.AreEqual(0, fit.GetProperty("smoothing_neighbours").GetInt32(), "no smoothing, no kernel");
    }

    [TestMethod]
    public void Info_OfALabelledFit_NamesTheLevelCovarianceKernel()
    {
        using var dir = new TempDirectory();
        string model = dir.File("iris.lfm");
        Assert.AreEqual(0, LfmInvoker.Run(["fit", EndToEndTests.DataFile("iris.csv"), "--model", model, "--label", "species", "--smoothing", "0.5", .. Small]).ExitCode);
        StringAssert.Contains(OneLine(LfmInvoker.Run("info", "-m", model).Stdout), "smoothing σ 0.5 (as given) with the label level's covariance, 14 noisy copies");
    }

    [TestMethod]
    public void DescribeFit_OfAModelWithoutTheSection_SaysSo() =>
        StringAssert.Contains(Microsoft.ML.LocalFlow.Cli.Commands.InfoRunner.DescribeFit(null), "not recorded");

    /// <summary>The console wraps long lines at its width: compare with every whitespace run as one space.</summary>
    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
