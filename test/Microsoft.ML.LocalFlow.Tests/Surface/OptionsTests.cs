using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Encoding;

namespace Microsoft.ML.LocalFlow.Tests.Surface;

[TestClass]
public sealed class OptionsTests
{
    [TestMethod]
    public void DefaultsAndEveryPresetValidate()
    {
        new LocalFlowMatchingOptions().Validate();
        foreach (LocalFlowMatchingPreset preset in Enum.GetValues<LocalFlowMatchingPreset>())
        {
            LocalFlowMatchingOptions.FromPreset(preset).Validate();
        }
    }

    [TestMethod]
    public void PresetsOrderCostFromFastToQuality()
    {
        var fast = LocalFlowMatchingOptions.FromPreset(LocalFlowMatchingPreset.Fast);
        var balanced = LocalFlowMatchingOptions.FromPreset(LocalFlowMatchingPreset.Balanced);
        var quality = LocalFlowMatchingOptions.FromPreset(LocalFlowMatchingPreset.Quality);
        Assert.IsLessThan(balanced.IterationsPerBlock * balanced.StepSizes.Count, fast.IterationsPerBlock * fast.StepSizes.Count);
        Assert.IsLessThan(quality.IterationsPerBlock, balanced.IterationsPerBlock);
        Assert.AreEqual(balanced.HiddenWidth, quality.HiddenWidth, "Quality trains longer, not wider");
        Assert.AreEqual(0.1, quality.ValidationFraction);
        Assert.AreEqual(new LocalFlowMatchingOptions().HiddenWidth, balanced.HiddenWidth, "new() is the Balanced preset");
        Assert.AreEqual(4, balanced.StepSizes.Count);
        var bad = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => LocalFlowMatchingOptions.FromPreset((LocalFlowMatchingPreset)42));
        Assert.AreEqual("preset", bad.ParamName);
    }

    [TestMethod]
    [DataRow(nameof(LocalFlowMatchingOptions.HiddenWidth), "0")]
    [DataRow(nameof(LocalFlowMatchingOptions.HiddenLayers), "-1")]
    [DataRow(nameof(LocalFlowMatchingOptions.IterationsPerBlock), "0")]
    [DataRow(nameof(LocalFlowMatchingOptions.BatchSize), "0")]
    [DataRow(nameof(LocalFlowMatchingOptions.LearningRate), "NaN")]
    [DataRow(nameof(LocalFlowMatchingOptions.LearningRateDecay), "1.5")]
    [DataRow(nameof(LocalFlowMatchingOptions.ValidationFraction), "0.9")]
    [DataRow(nameof(LocalFlowMatchingOptions.NumberOfThreads), "-2")]
    [DataRow(nameof(LocalFlowMatchingOptions.ChunkRows), "0")]
    [DataRow(nameof(LocalFlowMatchingOptions.SyntheticRowCount), "-5")]
    [DataRow(nameof(LocalFlowMatchingOptions.OneHotMaxLevels), "1")]
    [DataRow(nameof(LocalFlowMatchingOptions.WeightDecay), "-0.1")]
    [DataRow(nameof(LocalFlowMatchingOptions.QuantileBandwidth), "-1")]
    public void ValidationNamesThePropertyAndTheValue(string property, string value)
    {
        var options = new LocalFlowMatchingOptions();
        var info = typeof(LocalFlowMatchingOptions).GetProperty(property)!;
        Type type = Nullable.GetUnderlyingType(info.PropertyType) ?? info.PropertyType;
        info.SetValue(options, Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture));
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(options.Validate);
        Assert.AreEqual(property, e.ParamName);
        StringAssert.Contains(e.Message, value);

        // The catalog validates too, before any data is seen.
        var thrown = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MLContext().Generative.LocalFlowMatching(options));
        Assert.AreEqual(property, thrown.ParamName);
    }

    [TestMethod]
    public void CollectionSettingsAreValidatedByName()
    {
        var duplicate = new LocalFlowMatchingOptions { ColumnNames = ["a", "b", "a"] };
        var e1 = Assert.ThrowsExactly<ArgumentException>(duplicate.Validate);
        Assert.AreEqual(nameof(LocalFlowMatchingOptions.ColumnNames), e1.ParamName);
        StringAssert.Contains(e1.Message, "'a'");

        var inverted = new LocalFlowMatchingOptions();
        inverted.Bounds["price"] = new ColumnBounds(10, 1);
        var e2 = Assert.ThrowsExactly<ArgumentException>(inverted.Validate);
        Assert.AreEqual(nameof(LocalFlowMatchingOptions.Bounds), e2.ParamName);
        StringAssert.Contains(e2.Message, "'price'");

        var nullSchedule = new LocalFlowMatchingOptions { StepSizes = null! };
        Assert.AreEqual(nameof(LocalFlowMatchingOptions.StepSizes), Assert.ThrowsExactly<ArgumentNullException>(nullSchedule.Validate).ParamName);

        var solver = new LocalFlowMatchingOptions { SamplingSolver = new Microsoft.ML.LocalFlow.Numerics.Ode.OdeSolverOptions { Steps = 0 } };
        Assert.AreEqual(nameof(LocalFlowMatchingOptions.SamplingSolver), Assert.ThrowsExactly<ArgumentOutOfRangeException>(solver.Validate).ParamName);
    }

    [TestMethod]
    public void TheEstimatorKeepsACopy()
    {
        var options = new LocalFlowMatchingOptions { HiddenWidth = 32 };
        options.ColumnKinds["c"] = ColumnKind.Categorical;
        var estimator = new MLContext().Generative.LocalFlowMatching(options);
        options.HiddenWidth = 64;
        options.ColumnKinds["d"] = ColumnKind.Integer;
        Assert.AreEqual(32, estimator.Options.HiddenWidth);
        Assert.HasCount(1, estimator.Options.ColumnKinds);
    }
}
