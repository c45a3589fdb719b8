using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.LocalFlow.Cli.Commands;
using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Schedules;
using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Encoding;

namespace Microsoft.ML.LocalFlow.Tests.Cli;

/// <summary>
/// The CLI's <c>--preset X</c>, the surface's <c>LocalFlowMatchingOptions.FromPreset(X)</c> and the tabular layer's
/// <c>TabularSynthesizerOptions.FromPreset(X)</c> must train the same configuration, and so must the default paths.
/// </summary>
[TestClass]
[TestCategory("Cli")]
[TestCategory("Surface")]
public sealed class PresetAgreementTests
{
    // Not part of a preset: per-run plumbing that each entry point sets from its own arguments.
    private static readonly HashSet<string> NotModelling = new(StringComparer.Ordinal)
    {
        nameof(LocalFlowOptions.Seed), nameof(LocalFlowOptions.Threads), nameof(LocalFlowOptions.CheckpointDirectory),
        nameof(LocalFlowOptions.ResumeFromCheckpoint), nameof(LocalFlowOptions.EffectiveThreads),
    };

    [TestMethod]
    [DataRow("fast", LocalFlowMatchingPreset.Fast, SynthesisPreset.Fast)]
    [DataRow("balanced", LocalFlowMatchingPreset.Balanced, SynthesisPreset.Balanced)]
    [DataRow("quality", LocalFlowMatchingPreset.Quality, SynthesisPreset.Quality)]
    public void CliPresetAndSurfacePresetTrainTheSameConfiguration(string cliName, LocalFlowMatchingPreset surface, SynthesisPreset tabular)
    {
        TabularSynthesizerOptions cli = Cli(cliName);
        AssertSameModelling(TabularSynthesizerOptions.FromPreset(tabular), cli, $"tabular {tabular} vs --preset {cliName}");
        AssertSameModelling(Surface(LocalFlowMatchingOptions.FromPreset(surface)), cli, $"FromPreset({surface}) vs --preset {cliName}");
    }

    [TestMethod]
    public void DefaultPathsTrainTheSameConfiguration()
    {
        TabularSynthesizerOptions cli = Cli(null);
        AssertSameModelling(new TabularSynthesizerOptions(), cli, "new TabularSynthesizerOptions() vs lfm fit");
        AssertSameModelling(Surface(new LocalFlowMatchingOptions()), cli, "new LocalFlowMatchingOptions() vs lfm fit");
        AssertSameModelling(Surface(new MLContext(seed: 1).Generative.LocalFlowMatching().Options), cli, "LocalFlowMatching() simple overload vs lfm fit");
    }

    [TestMethod]
    public void DefaultPaths_LeaveTheSizeRulesOnEverywhere()
    {
        // Null = "choose from the row count" in TabularSynthesizer.Fit, the one place the rule is applied.
        TabularSynthesizerOptions[] all =
        [
            Cli(null), new TabularSynthesizerOptions(), Surface(new LocalFlowMatchingOptions()),
            Surface(new MLContext(seed: 1).Generative.LocalFlowMatching().Options), Surface(LocalFlowMatchingOptions.FromPreset(LocalFlowMatchingPreset.Fast)),
        ];
        foreach (TabularSynthesizerOptions o in all)
        {
            Assert.IsNull(o.Smoothing);
            Assert.IsNull(o.DequantizationCopies);
        }
    }

    [TestMethod]
    public void ExplicitSmoothing_ReachesTheFitFromCliAndSurfaceAlike()
    {
        TabularSynthesizerOptions cli = FitOptionsBuilder.Build(new FitSettings { DataPath = "d.csv", ModelPath = "m.lfm", Smoothing = 0.3 }, "ckpt");
        AssertSameModelling(Surface(new LocalFlowMatchingOptions { Smoothing = 0.3 }), cli, "--smoothing 0.3 vs Smoothing = 0.3");
        Assert.AreEqual(0.3, cli.Smoothing);
        AssertSameModelling(Surface(new LocalFlowMatchingOptions { Smoothing = 0 }),
            FitOptionsBuilder.Build(new FitSettings { DataPath = "d.csv", ModelPath = "m.lfm", Smoothing = 0 }, "ckpt"), "--smoothing 0 vs Smoothing = 0");
    }

    [TestMethod]
    public void LfmFit_PrintsTheSmoothingItUsed()
    {
        using var dir = new TempDirectory();
        string data = Microsoft.ML.LocalFlow.Tests.Tabular.TestData.PathOf("iris");
        string[] tiny = ["--iterations", "3", "--hidden", "8", "--layers", "1", "--batch", "32", "--quiet"];
        LfmResult chosen = LfmInvoker.Run(["fit", data, "--model", dir.File("a.lfm"), .. tiny]);
        Assert.AreEqual(0, chosen.ExitCode, chosen.ToString());
        StringAssert.Contains(chosen.Stdout, "training rows: smoothing σ 0.8 (chosen for 150 rows; --smoothing overrides), 14 noisy copies");

        LfmResult given = LfmInvoker.Run(["fit", data, "--model", dir.File("b.lfm"), "--smoothing", "0", .. tiny]);
        Assert.AreEqual(0, given.ExitCode, given.ToString());
        StringAssert.Contains(given.Stdout, "training rows: smoothing σ 0 (as given), 1 noisy copy");
        Assert.AreEqual(0.0, TabularSynthesizer.Load(dir.File("b.lfm")).FitSettings!.Smoothing);
    }

    [TestMethod]
    public void SurfaceSmoothingNeighbours_ReachesTheFitAndIsValidated()
    {
        // Null on every preset (the fit chooses), mapped as given, and an impossible neighbourhood is refused by name.
        Assert.IsNull(new LocalFlowMatchingOptions().SmoothingNeighbours);
        Assert.IsNull(Surface(new LocalFlowMatchingOptions()).SmoothingNeighbours);
        Assert.AreEqual(0, Surface(new LocalFlowMatchingOptions { SmoothingNeighbours = 0 }).SmoothingNeighbours);
        Assert.AreEqual(30, Surface(new LocalFlowMatchingOptions { SmoothingNeighbours = 30 }).SmoothingNeighbours);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new LocalFlowMatchingOptions { SmoothingNeighbours = 1 }.Validate());
        Assert.AreEqual(nameof(LocalFlowMatchingOptions.SmoothingNeighbours), e.ParamName);
    }

    [TestMethod]
    public void PresetsDiffer()
    {
        // Guards the comparison itself: it must see a difference where there is one.
        var fast = TabularSynthesizerOptions.FromPreset(SynthesisPreset.Fast).Flow;
        var quality = TabularSynthesizerOptions.FromPreset(SynthesisPreset.Quality).Flow;
        var balanced = TabularSynthesizerOptions.FromPreset(SynthesisPreset.Balanced).Flow;
        Assert.AreNotEqual(Describe(balanced), Describe(fast));
        Assert.AreNotEqual(Describe(balanced), Describe(quality));
        Assert.AreEqual(2, fast.Schedule.Count);
        Assert.AreEqual(2 * balanced.IterationsPerBlock, quality.IterationsPerBlock);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => TabularSynthesizerOptions.FromPreset((SynthesisPreset)7));
    }

    private static TabularSynthesizerOptions Cli(string? preset) =>
        FitOptionsBuilder.Build(new FitSettings { DataPath = "d.csv", ModelPath = "m.lfm", Preset = preset }, "ckpt");

    private static TabularSynthesizerOptions Surface(LocalFlowMatchingOptions o) => new()
    {
        Flow = Synthesizer.ToFlowOptions(o, seed: 0),
        Encoder = new TabularEncoderOptions
        {
            Continuous = o.ContinuousEncoding,
            OneHotMaxLevels = o.OneHotMaxLevels,
            MaxQuantileKnots = o.MaxQuantileKnots,
            QuantileBandwidth = o.QuantileBandwidth,
            DequantizeDecimals = o.DequantizeDecimals,
        },
        DequantizationCopies = o.DequantizationCopies,
        Smoothing = o.Smoothing,
        SmoothingNeighbours = o.SmoothingNeighbours,
    };

    private static void AssertSameModelling(TabularSynthesizerOptions expected, TabularSynthesizerOptions actual, string what)
    {
        Assert.AreEqual(Describe(expected.Flow), Describe(actual.Flow), what);
        Assert.AreEqual(expected.Encoder.Continuous, actual.Encoder.Continuous, what);
        Assert.AreEqual(expected.Encoder.OneHotMaxLevels, actual.Encoder.OneHotMaxLevels, what);
        Assert.AreEqual(expected.Encoder.MaxQuantileKnots, actual.Encoder.MaxQuantileKnots, what);
        Assert.AreEqual(expected.Encoder.QuantileBandwidth, actual.Encoder.QuantileBandwidth, what);
        Assert.AreEqual(expected.Encoder.DequantizeDecimals, actual.Encoder.DequantizeDecimals, what);
        Assert.AreEqual(expected.DequantizationCopies, actual.DequantizationCopies, what);
        Assert.AreEqual(expected.Smoothing, actual.Smoothing, what);
        Assert.AreEqual(expected.SmoothingNeighbours, actual.SmoothingNeighbours, what);
    }

    // Every public property of the flow options that shapes the model, as "Name=value" lines; schedules, solvers and
    // time sampling are compared through their text forms.
    private static string Describe(LocalFlowOptions flow)
    {
        var lines = new List<string>();
        foreach (PropertyInfo p in typeof(LocalFlowOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (!NotModelling.Contains(p.Name))
            {
                lines.Add($"{p.Name}={Text(p.GetValue(flow))}");
            }
        }

        return string.Join("\n", lines);
    }

    private static string Text(object? value) => value switch
    {
        null => "null",
        StepSizeSchedule s => string.Join(",", s.Steps.Select(x => x.IsFree ? "free" : x.Gamma.ToString("R", System.Globalization.CultureInfo.InvariantCulture))),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => Reflect(value),
    };

    // Records and plain option classes: their public properties, so that two equal-valued instances compare equal.
    private static string Reflect(object value)
    {
        if (value.GetType().IsEnum || value is string || value is bool)
        {
            return value.ToString()!;
        }

        return value.GetType().Name + "{" + string.Join(";", value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={Text(p.GetValue(value))}")) + "}";
    }
}
