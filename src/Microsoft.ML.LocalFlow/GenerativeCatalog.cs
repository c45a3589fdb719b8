using Microsoft.ML.LocalFlow;
using Microsoft.ML.LocalFlow.Flow.Schedules;
using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Metrics;

namespace Microsoft.ML;

/// <summary>
/// The generative models of tables, reached as <c>mlContext.Generative</c>: Local Flow Matching
/// (<see cref="LocalFlowMatching(LocalFlowMatchingOptions)"/>) and a search over its settings (<see cref="Sweep"/>).
/// </summary>
public sealed class GenerativeCatalog
{
    private readonly MLContext _mlContext;

    internal GenerativeCatalog(MLContext mlContext) => _mlContext = mlContext;

    /// <summary>
    /// A Local Flow Matching estimator with the most used settings; everything else has the
    /// <see cref="LocalFlowMatchingPreset.Balanced"/> default.
    /// </summary>
    /// <param name="columnNames">The columns to model; <see langword="null"/> models every visible column.</param>
    /// <param name="labelColumnName">The label for class-conditional generation, or <see langword="null"/>.</param>
    /// <param name="numberOfBlocks">
    /// Blocks N in the chain. 4 gives the official POWER chain (0.15, 0.2, 0.26, free); other values give
    /// γ_n = 0.15·(4/3)^(n−1) for n &lt; N, then a free block; 1 is plain flow matching.
    /// </param>
    /// <param name="hiddenWidth">Hidden width of each block's network (default 256, the Balanced preset's).</param>
    /// <param name="hiddenLayers">Hidden layers of each block's network.</param>
    /// <param name="iterationsPerBlock">Optimiser iterations per block.</param>
    /// <param name="seed">The seed; <see langword="null"/> takes one from the context.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the parameter name says which.</exception>
    public LocalFlowMatchingEstimator LocalFlowMatching(
        string[]? columnNames = null,
        string? labelColumnName = null,
        int numberOfBlocks = 4,
        int hiddenWidth = 256,
        int hiddenLayers = 3,
        int iterationsPerBlock = 1000,
        int? seed = null)
    {
        if (numberOfBlocks < 1 || numberOfBlocks > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(numberOfBlocks), numberOfBlocks, $"numberOfBlocks must be in [1, 1000]; it is {numberOfBlocks}.");
        }

        var options = new LocalFlowMatchingOptions
        {
            ColumnNames = columnNames,
            LabelColumnName = labelColumnName,
            StepSizes = Chain(numberOfBlocks),
            HiddenWidth = hiddenWidth,
            HiddenLayers = hiddenLayers,
            IterationsPerBlock = iterationsPerBlock,
            Seed = seed,
        };
        return LocalFlowMatching(options);
    }

    /// <summary>A Local Flow Matching estimator with every setting given by <paramref name="options"/>.</summary>
    /// <example>
    /// <code>
    /// var options = LocalFlowMatchingOptions.FromPreset(LocalFlowMatchingPreset.Fast);
    /// options.LabelColumnName = "Species";
    /// LocalFlowMatchingTransformer model = mlContext.Generative.LocalFlowMatching(options).Fit(data);
    /// IDataView rare = model.Generate(500, seed: 1, labelValue: "Chinstrap");
    /// </code>
    /// Complete programs: samples/Quickstart, samples/Augmentation, samples/AnomalyScoring.
    /// </example>
    /// <param name="options">The settings; copied, so later changes do not affect the estimator.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the parameter name is the property.</exception>
    /// <exception cref="ArgumentException">A setting is invalid; the parameter name is the property.</exception>
    public LocalFlowMatchingEstimator LocalFlowMatching(LocalFlowMatchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new LocalFlowMatchingEstimator(_mlContext, options);
    }

    /// <summary>
    /// Searches Local Flow Matching's settings on <paramref name="data"/>: random configurations from
    /// <paramref name="searchSpace"/>, trained with successive halving (all on a small iteration budget, the best third on
    /// three times more, and so on) under a time budget, scored on held-out rows by validation NLL or the Quality Score.
    /// </summary>
    /// <example>
    /// <code>
    /// var space = new LocalFlowSearchSpace { NumberOfBlocks = [1, 2, 4], HiddenWidth = [32, 64, 128] };
    /// var result = mlContext.Generative.Sweep(data, space, new LocalFlowSweepOptions { TimeBudget = TimeSpan.FromMinutes(2) });
    /// Console.WriteLine(result);                       // the trials table
    /// LocalFlowMatchingTransformer best = result.BestModel;
    /// </code>
    /// Complete program: samples/Sweep.
    /// </example>
    /// <param name="data">The rows; a share is held out for validation.</param>
    /// <param name="searchSpace">The ranges to search; <see langword="null"/> uses <see cref="LocalFlowSearchSpace"/>'s defaults.</param>
    /// <param name="options">Budget, objective and base options; <see langword="null"/> uses the defaults.</param>
    /// <returns>Every trial, the best one and its fitted model.</returns>
    /// <exception cref="ArgumentException">The search space or options are invalid, or the data cannot be modelled (the message names the column).</exception>
    public LocalFlowSweepResult Sweep(IDataView data, LocalFlowSearchSpace? searchSpace = null, LocalFlowSweepOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return LocalFlowSweeper.Run(_mlContext, data, searchSpace ?? new LocalFlowSearchSpace(), options ?? new LocalFlowSweepOptions());
    }

    /// <summary>
    /// Fidelity of synthetic rows against real rows, as SDMetrics defines it: Column Shapes (1 − KS for numbers and dates,
    /// 1 − TVD for categories), Column Pair Trends (correlation and contingency similarity), their mean the Quality Score, a
    /// k-NN detection score (1 = indistinguishable), per-column missing rates and, with <paramref name="holdout"/>, the
    /// distance to the closest record (privacy: synthetic rows should not sit closer to training rows than held-out rows do).
    /// </summary>
    /// <param name="real">The real (training) rows.</param>
    /// <param name="synthetic">The synthetic rows, with the same columns and types (e.g. <c>transformer.Generate(n)</c>).</param>
    /// <param name="columnNames">The columns to compare; <see langword="null"/> compares every visible column of <paramref name="real"/>.</param>
    /// <param name="holdout">Real rows not used for training, for the DCR; <see langword="null"/> skips it.</param>
    /// <param name="seed">Seed of the metrics' subsampling.</param>
    /// <returns>The report (it also serialises to JSON with <see cref="QualityReport.ToJson(bool)"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A column is absent from one of the views; the message names it.</exception>
    /// <exception cref="ArgumentException">A column has another type in one of the views, or an unsupported type; the message names it.</exception>
    public QualityReport Evaluate(IDataView real, IDataView synthetic, string[]? columnNames = null, IDataView? holdout = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        var options = new LocalFlowMatchingOptions { ColumnNames = columnNames };
        options.Validate();
        var visible = real.Schema.Where(c => !c.IsHidden).Select(c => (c.Name, c.Type)).ToArray();
        ColumnBinding[] bindings = ColumnBinding.Resolve(visible, options);
        Table realTable = TableBuilder.Read(real, bindings);
        Table syntheticTable = TableBuilder.Read(synthetic, bindings);
        Table? holdoutTable = holdout is null ? null : TableBuilder.Read(holdout, bindings);
        return QualityMetrics.Evaluate(realTable, syntheticTable, new QualityOptions { Seed = seed }, holdoutTable);
    }

    /// <summary>The chain of <paramref name="blocks"/> blocks used by the simple overload and the sweep.</summary>
    internal static StepSizeSchedule Chain(int blocks, double firstStep = 0.15, double growth = 4.0 / 3) => blocks switch
    {
        1 => StepSizeSchedule.FlowMatching,
        4 when firstStep == 0.15 && growth == 4.0 / 3 => StepSizeSchedule.Power,
        _ => StepSizeSchedule.Exponential(firstStep, growth, blocks, lastFree: true),
    };
}
