using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Interpolants;
using Microsoft.ML.LocalFlow.Flow.Schedules;
using Microsoft.ML.LocalFlow.Numerics.Nn;
using Microsoft.ML.LocalFlow.Numerics.Ode;
using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Encoding;

namespace Microsoft.ML.LocalFlow;

/// <summary>
/// Every setting of <see cref="LocalFlowMatchingEstimator"/>: which columns to model and how, the Local Flow Matching chain
/// and its networks, training, sampling, likelihood and the tabular encoders. A new instance holds the
/// <see cref="LocalFlowMatchingPreset.Balanced"/> preset; <see cref="FromPreset(LocalFlowMatchingPreset)"/> gives the others.
/// Both take their values from the tabular layer's single preset definition,
/// <see cref="TabularSynthesizerOptions.FromPreset(SynthesisPreset)"/>, which the CLI's <c>lfm fit --preset</c> uses too,
/// so the same preset name trains the same configuration everywhere.
/// </summary>
/// <remarks>
/// <para>The settings are properties rather than ML.NET's public fields, so that object initialisers read the same and
/// <see cref="Validate"/> can name each one. The estimator copies the options when it is created: changing them afterwards
/// does not change an estimator already made.</para>
/// <para>Defaults and their reasons are in docs/mlnet.md (this layer), docs/flow.md and docs/tabular.md.</para>
/// </remarks>
public sealed class LocalFlowMatchingOptions
{
    /// <summary>Options holding the <see cref="LocalFlowMatchingPreset.Balanced"/> preset (the tabular layer's defaults).</summary>
    public LocalFlowMatchingOptions()
    {
        Apply(TabularSynthesizerOptions.FromPreset(SynthesisPreset.Balanced));
    }

    // ---- Columns -------------------------------------------------------------------------------------------------------

    /// <summary>
    /// The columns to model, in the order they appear in the input; <see langword="null"/> (the default) models every visible
    /// column. A named column that is absent from the input is an error that names it.
    /// </summary>
    public string[]? ColumnNames { get; set; }

    /// <summary>
    /// The label column, or <see langword="null"/> (the default) for none. With a label the model is class-conditional:
    /// <see cref="LocalFlowMatchingTransformer.Generate(int, int?, string?)"/> can ask for one class exactly, and
    /// <see cref="LocalFlowMatchingTransformer.GenerateBalanced(int?, int?)"/> can fill the smaller classes. The label is
    /// always treated as categorical (numeric class codes included). It is modelled even when <see cref="ColumnNames"/> omits it.
    /// </summary>
    public string? LabelColumnName { get; set; }

    /// <summary>
    /// Statistical kinds that override the ones read from the schema, by column name (ordinal). From the schema: Single and
    /// Double are <see cref="ColumnKind.Continuous"/>; the integer types are <see cref="ColumnKind.Integer"/>; Boolean is
    /// <see cref="ColumnKind.Boolean"/>; text and key columns are <see cref="ColumnKind.Categorical"/>; DateTime is
    /// <see cref="ColumnKind.DateTime"/>; a fixed-size vector of numbers is one column per slot, of its item's kind (an
    /// override applies to every slot). Typical override: an Int32 column of class codes → Categorical.
    /// </summary>
    public IDictionary<string, ColumnKind> ColumnKinds { get; private set; } = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);

    /// <summary>
    /// Hard bounds for numeric columns, by column name: generated values never leave them. Without bounds a column stays
    /// within its observed range.
    /// </summary>
    public IDictionary<string, ColumnBounds> Bounds { get; private set; } = new Dictionary<string, ColumnBounds>(StringComparer.Ordinal);

    /// <summary>
    /// Rows that <see cref="LocalFlowMatchingTransformer.Transform(IDataView)"/> emits; <see langword="null"/> (the default)
    /// emits as many as its input has.
    /// </summary>
    public int? SyntheticRowCount { get; set; }

    // ---- The chain of blocks and the networks --------------------------------------------------------------------------

    /// <summary>
    /// The chain of blocks γ_1 … γ_N (data → noise), which fixes the number of blocks and their OU step sizes.
    /// Default (Balanced): the official POWER chain 0.15, 0.2, 0.26, free (4 blocks). Build others with
    /// <see cref="StepSizeSchedule.Explicit(IEnumerable{double}, bool)"/> or <see cref="StepSizeSchedule.Exponential(double, double, int, bool)"/>.
    /// </summary>
    public StepSizeSchedule StepSizes { get; set; }

    /// <summary>Hidden width of every block's velocity network. Default 256 (Balanced).</summary>
    public int HiddenWidth { get; set; }

    /// <summary>Hidden layers of every block's velocity network. Default 3.</summary>
    public int HiddenLayers { get; set; }

    /// <summary>Hidden nonlinearity. Default ReLU (the official code).</summary>
    public Activation Activation { get; set; }

    /// <summary>How the time t enters the network. Default <see cref="TimeEncoding.Raw"/> (t concatenated to the input).</summary>
    public TimeEncoding TimeEncoding { get; set; }

    /// <summary>Fourier frequencies when <see cref="TimeEncoding"/> is Fourier. Default 8.</summary>
    public int FourierFrequencies { get; set; }

    /// <summary>The interpolant between the two ends of a block. Default trigonometric (the official tabular setting).</summary>
    public InterpolantKind Interpolant { get; set; }

    /// <summary>σ_min of the linear σ_min interpolant. Default 1e-4.</summary>
    public double SigmaMin { get; set; }

    /// <summary>How training times t are drawn, and how many per pair. Default U(0, 1), one per pair.</summary>
    public TimeSampling TimeSampling { get; set; }

    // ---- Training ------------------------------------------------------------------------------------------------------

    /// <summary>Optimiser iterations per block (an upper bound with early stopping). Default 1,000.</summary>
    public int IterationsPerBlock { get; set; }

    /// <summary>Pairs per iteration. Default 1,024 (Balanced).</summary>
    public int BatchSize { get; set; }

    /// <summary>Base learning rate. Default 5e-3 (Balanced).</summary>
    public double LearningRate { get; set; }

    /// <summary>Learning-rate schedule within each block. Default cosine decay.</summary>
    public LearningRateScheduleKind LearningRateSchedule { get; set; }

    /// <summary>Step schedule: iterations between decays. Default 1,000.</summary>
    public int LearningRateStepSize { get; set; }

    /// <summary>Step schedule: the decay factor, in (0, 1]. Default 0.99.</summary>
    public double LearningRateDecay { get; set; }

    /// <summary>Linear warm-up iterations at the start of each block. Default 0.</summary>
    public int WarmupIterations { get; set; }

    /// <summary>Adam or AdamW. Default Adam.</summary>
    public OptimizerKind Optimizer { get; set; }

    /// <summary>AdamW's decoupled weight decay (ignored by Adam). Default 0.</summary>
    public double WeightDecay { get; set; }

    /// <summary>Global gradient-norm clip; 0 turns clipping off. Default 0.</summary>
    public double GradientClipNorm { get; set; }

    /// <summary>Start block n from block n−1's weights. Default true.</summary>
    public bool WarmStart { get; set; }

    /// <summary>Fraction of rows held out for the validation loss and early stopping, in [0, 0.5]. Default 0 (none).</summary>
    public double ValidationFraction { get; set; }

    /// <summary>Iterations between validation evaluations. Default 100.</summary>
    public int ValidationInterval { get; set; }

    /// <summary>Stop a block after this many evaluations without improvement (keeping its best weights); 0 never stops early. Default 0.</summary>
    public int EarlyStoppingPatience { get; set; }

    /// <summary>The solver that pushes the training pool through a finished block. Default RK4, 10 steps.</summary>
    public OdeSolverOptions PushForwardSolver { get; set; }

    /// <summary>
    /// Seed of every random draw of the fit; <see langword="null"/> (the default) takes one from the <see cref="MLContext"/>,
    /// so a context made with a seed gives a reproducible model.
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>Worker threads; 0 (the default) uses every processor. The same seed and thread count give a bit-identical model.</summary>
    public int NumberOfThreads { get; set; }

    /// <summary>Rows processed together by inference (push-forward, sampling, likelihood) and by generation. Default 1,024.</summary>
    public int ChunkRows { get; set; }

    /// <summary>A directory for a checkpoint after each block, so an interrupted fit can resume; <see langword="null"/> (the default) writes none.</summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>Resume from a compatible checkpoint in <see cref="CheckpointDirectory"/>. Default true.</summary>
    public bool ResumeFromCheckpoint { get; set; }

    /// <summary>Iterations between progress reports (to <see cref="MLContext.Log"/> and <see cref="Progress"/>). Default 50.</summary>
    public int ProgressInterval { get; set; }

    /// <summary>Receives training progress, besides the messages sent to <see cref="MLContext.Log"/>. Default none. Not saved.</summary>
    public IProgress<LocalFlowProgress>? Progress { get; set; }

    /// <summary>Cancels a running fit (the fit then throws <see cref="OperationCanceledException"/>). Default none. Not saved.</summary>
    public CancellationToken CancellationToken { get; set; }

    // ---- Generation and scoring ----------------------------------------------------------------------------------------

    /// <summary>The solver that integrates each block backwards when generating. Default RK4, 10 steps.</summary>
    public OdeSolverOptions SamplingSolver { get; set; } = OdeSolverOptions.Fixed(OdeSolverKind.Rk4, 10);

    /// <summary>The solver of the (x, log-det) ODE when scoring log-likelihoods. Default RK4, 20 steps.</summary>
    public OdeSolverOptions LikelihoodSolver { get; set; } = OdeSolverOptions.Fixed(OdeSolverKind.Rk4, 20);

    /// <summary>Exact trace or Hutchinson estimate of the divergence when scoring. Default exact.</summary>
    public DivergenceMethod Divergence { get; set; } = DivergenceMethod.Exact;

    /// <summary>Rademacher probes per row for the Hutchinson estimate. Default 1.</summary>
    public int HutchinsonProbes { get; set; } = 1;

    /// <summary>
    /// Distil each block into a few-step student after training, and generate with the students (faster, slightly less
    /// faithful); <see langword="null"/> (the default) does not distil.
    /// </summary>
    public DistillationOptions? Distillation { get; set; }

    // ---- Tabular encoding ----------------------------------------------------------------------------------------------

    /// <summary>How continuous, integer and date-time columns are mapped to the flow's space. Default the Gaussianizing quantile map.</summary>
    public ContinuousEncoding ContinuousEncoding { get; set; }

    /// <summary>Categorical columns with at most this many levels (missing included) are one-hot; wider ones use analog bits. Default 16.</summary>
    public int OneHotMaxLevels { get; set; }

    /// <summary>
    /// Noisy copies of the training table stacked for training, each with fresh dequantisation and smoothing noise.
    /// <see langword="null"/> (the default) chooses from the table's size
    /// (<see cref="TabularSynthesizerOptions.DequantizationCopiesFor(int, double)"/>: 1 without smoothing, ⌈2048/n⌉ up to
    /// <see cref="TabularSynthesizerOptions.MaxDequantizationCopies"/> for small smoothed tables); a value in [1, 64] is used as given.
    /// </summary>
    public int? DequantizationCopies { get; set; }

    /// <summary>
    /// Bandwidth σ of the smoothing of the encoded training rows (a shrunk smoothed bootstrap that keeps means and
    /// covariances), which stops the model from copying the rows of a small table. <see langword="null"/> (the default)
    /// chooses σ from the number of training rows and the encoded width
    /// (<see cref="TabularSynthesizerOptions.SmoothingFor(int, int)"/>: <see cref="TabularSynthesizerOptions.SmoothingCap"/>
    /// for small tables, fading to 0 at 20,000 rows); 0 turns smoothing off; a value in (0, 0.95] is used as given, whatever the size.
    /// </summary>
    public double? Smoothing { get; set; }

    /// <summary>
    /// Kernel of the <see cref="Smoothing"/>: k ≥ 2 takes each encoded training row's mean and covariance from its k nearest
    /// encoded training rows (within its label level), so separate clusters are not smoothed into each other; 0 uses the
    /// label level's mean and pooled covariance. <see langword="null"/> (the default) chooses
    /// (<see cref="TabularSynthesizerOptions.SmoothingNeighboursFor(bool)"/>: 0 with a categorical label, 15 without).
    /// </summary>
    public int? SmoothingNeighbours { get; set; }

    /// <summary>Dequantisation noise draws averaged per row when scoring log-likelihoods. Default 1.</summary>
    public int LikelihoodDraws { get; set; } = 1;

    /// <summary>Most knots of a quantile map. Default 4,096.</summary>
    public int MaxQuantileKnots { get; set; }

    /// <summary>
    /// Bandwidth of the kernel that smooths each quantile map's CDF, as a multiple of Silverman's rule
    /// 0.9·min(σ, IQR/1.34)·n^(−1/5); 0 = the empirical CDF (<see cref="TabularEncoderOptions.QuantileBandwidth"/>).
    /// <see langword="null"/> (the default) chooses (<see cref="TabularSynthesizerOptions.QuantileBandwidthFor(bool)"/>:
    /// 1 when the training rows are smoothed, i.e. up to 20,000 rows by default, else 0).
    /// </summary>
    public double? QuantileBandwidth { get; set; }

    /// <summary>Dequantise continuous columns on their decimal lattice and round decoded values back to it. Default true.</summary>
    public bool DequantizeDecimals { get; set; }

    /// <summary>Options holding preset <paramref name="preset"/>.</summary>
    /// <param name="preset">The preset.</param>
    /// <returns>New options; change any property afterwards.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="preset"/> is not a defined preset.</exception>
    public static LocalFlowMatchingOptions FromPreset(LocalFlowMatchingPreset preset)
    {
        SynthesisPreset tabular = preset switch
        {
            LocalFlowMatchingPreset.Fast => SynthesisPreset.Fast,
            LocalFlowMatchingPreset.Balanced => SynthesisPreset.Balanced,
            LocalFlowMatchingPreset.Quality => SynthesisPreset.Quality,
            _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, $"Unknown preset {preset}; use Fast, Balanced or Quality."),
        };
        var options = new LocalFlowMatchingOptions();
        options.Apply(TabularSynthesizerOptions.FromPreset(tabular));
        return options;
    }

    // Copies every modelling setting of the tabular layer's options (the preset's values); seeds, threads, checkpoints,
    // columns and the label stay this object's own, because they are not part of a preset.
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(StepSizes), nameof(TimeSampling), nameof(PushForwardSolver))]
    private void Apply(TabularSynthesizerOptions t)
    {
        LocalFlowOptions f = t.Flow;
        StepSizes = f.Schedule;
        HiddenWidth = f.HiddenWidth;
        HiddenLayers = f.HiddenLayers;
        Activation = f.Activation;
        TimeEncoding = f.TimeEncoding;
        FourierFrequencies = f.FourierFrequencies;
        Interpolant = f.Interpolant;
        SigmaMin = f.SigmaMin;
        TimeSampling = f.TimeSampling;
        IterationsPerBlock = f.IterationsPerBlock;
        BatchSize = f.BatchSize;
        LearningRate = f.LearningRate;
        LearningRateSchedule = f.LearningRateSchedule;
        LearningRateStepSize = f.LearningRateStepSize;
        LearningRateDecay = f.LearningRateDecay;
        WarmupIterations = f.WarmupIterations;
        Optimizer = f.Optimizer;
        WeightDecay = f.WeightDecay;
        GradientClipNorm = f.GradientClipNorm;
        WarmStart = f.WarmStart;
        ValidationFraction = f.ValidationFraction;
        ValidationInterval = f.ValidationInterval;
        EarlyStoppingPatience = f.EarlyStoppingPatience;
        PushForwardSolver = f.PushForward;
        ChunkRows = f.ChunkRows;
        ResumeFromCheckpoint = f.ResumeFromCheckpoint;
        ProgressInterval = f.ProgressInterval;
        ContinuousEncoding = t.Encoder.Continuous;
        OneHotMaxLevels = t.Encoder.OneHotMaxLevels;
        MaxQuantileKnots = t.Encoder.MaxQuantileKnots;
        QuantileBandwidth = t.Encoder.QuantileBandwidth;
        DequantizeDecimals = t.Encoder.DequantizeDecimals;
        DequantizationCopies = t.DequantizationCopies;
        Smoothing = t.Smoothing;
        SmoothingNeighbours = t.SmoothingNeighbours;
    }

    /// <summary>A deep copy: the dictionaries and the column list are copied; schedules and solver options are immutable and shared.</summary>
    /// <returns>The copy.</returns>
    public LocalFlowMatchingOptions Clone()
    {
        var copy = (LocalFlowMatchingOptions)MemberwiseClone();
        copy.ColumnNames = ColumnNames is null ? null : [.. ColumnNames];
        copy.ColumnKinds = new Dictionary<string, ColumnKind>(ColumnKinds, StringComparer.Ordinal);
        copy.Bounds = new Dictionary<string, ColumnBounds>(Bounds, StringComparer.Ordinal);
        return copy;
    }

    /// <summary>
    /// Checks every setting, so that a bad one fails here, with its name and value, rather than minutes into a fit.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range; <see cref="ArgumentException.ParamName"/> is the property name and the message gives the value.</exception>
    /// <exception cref="ArgumentNullException">A required setting is null; the parameter name is the property.</exception>
    /// <exception cref="ArgumentException">A column name is empty or repeated, or bounds are inverted; the message names the column.</exception>
    public void Validate()
    {
        if (ColumnNames is not null)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < ColumnNames.Length; i++)
            {
                string? name = ColumnNames[i];
                if (string.IsNullOrEmpty(name))
                {
                    throw new ArgumentException($"ColumnNames[{i}] is null or empty.", nameof(ColumnNames));
                }

                if (!seen.Add(name))
                {
                    throw new ArgumentException($"ColumnNames names column '{name}' twice.", nameof(ColumnNames));
                }
            }

            if (ColumnNames.Length == 0)
            {
                throw new ArgumentException("ColumnNames is empty; use null to model every column.", nameof(ColumnNames));
            }
        }

        if (LabelColumnName is { Length: 0 })
        {
            throw new ArgumentException("LabelColumnName is empty; use null for no label.", nameof(LabelColumnName));
        }

        foreach (var (name, kind) in ColumnKinds)
        {
            if (!Enum.IsDefined(kind))
            {
                throw new ArgumentOutOfRangeException(nameof(ColumnKinds), kind, $"ColumnKinds['{name}'] is {kind}, which is not a ColumnKind.");
            }
        }

        foreach (var (name, b) in Bounds)
        {
            if (!double.IsFinite(b.Min) || !double.IsFinite(b.Max) || b.Min > b.Max)
            {
                throw new ArgumentException($"Bounds['{name}'] is [{b.Min}, {b.Max}]; bounds must be finite with Min ≤ Max.", nameof(Bounds));
            }
        }

        if (SyntheticRowCount is int rows && rows < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SyntheticRowCount), rows, $"SyntheticRowCount must be non-negative (or null for the input's row count); it is {rows}.");
        }

        if (StepSizes is null)
        {
            throw new ArgumentNullException(nameof(StepSizes), "StepSizes (the chain of blocks) is required.");
        }

        Range(HiddenWidth, 1, 65536, nameof(HiddenWidth));
        Range(HiddenLayers, 1, 64, nameof(HiddenLayers));
        Defined(Activation, nameof(Activation));
        Defined(TimeEncoding, nameof(TimeEncoding));
        Range(FourierFrequencies, 1, 1024, nameof(FourierFrequencies));
        Defined(Interpolant, nameof(Interpolant));
        if (!(SigmaMin >= 0 && SigmaMin < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(SigmaMin), SigmaMin, $"SigmaMin must be in [0, 1); it is {SigmaMin}.");
        }

        if (TimeSampling is null)
        {
            throw new ArgumentNullException(nameof(TimeSampling), "TimeSampling is required.");
        }

        Range(IterationsPerBlock, 1, 100_000_000, nameof(IterationsPerBlock));
        Range(BatchSize, 1, 10_000_000, nameof(BatchSize));
        Positive(LearningRate, nameof(LearningRate));
        Defined(LearningRateSchedule, nameof(LearningRateSchedule));
        Range(LearningRateStepSize, 1, int.MaxValue, nameof(LearningRateStepSize));
        if (!(LearningRateDecay > 0 && LearningRateDecay <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRateDecay), LearningRateDecay, $"LearningRateDecay must be in (0, 1]; it is {LearningRateDecay}.");
        }

        Range(WarmupIterations, 0, int.MaxValue, nameof(WarmupIterations));
        Defined(Optimizer, nameof(Optimizer));
        NonNegative(WeightDecay, nameof(WeightDecay));
        NonNegative(GradientClipNorm, nameof(GradientClipNorm));
        if (!(ValidationFraction >= 0 && ValidationFraction <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, $"ValidationFraction must be in [0, 0.5]; it is {ValidationFraction}.");
        }

        Range(ValidationInterval, 1, int.MaxValue, nameof(ValidationInterval));
        Range(EarlyStoppingPatience, 0, int.MaxValue, nameof(EarlyStoppingPatience));
        Solver(PushForwardSolver, nameof(PushForwardSolver));
        Range(NumberOfThreads, 0, 1024, nameof(NumberOfThreads));
        Range(ChunkRows, 1, 1 << 20, nameof(ChunkRows));
        if (CheckpointDirectory is { Length: 0 })
        {
            throw new ArgumentException("CheckpointDirectory is empty; use null for no checkpoints.", nameof(CheckpointDirectory));
        }

        Range(ProgressInterval, 1, int.MaxValue, nameof(ProgressInterval));
        Solver(SamplingSolver, nameof(SamplingSolver));
        Solver(LikelihoodSolver, nameof(LikelihoodSolver));
        Defined(Divergence, nameof(Divergence));
        Range(HutchinsonProbes, 1, 1024, nameof(HutchinsonProbes));
        Defined(ContinuousEncoding, nameof(ContinuousEncoding));
        Range(OneHotMaxLevels, 2, 1 << 20, nameof(OneHotMaxLevels));
        Range(MaxQuantileKnots, 2, 1 << 24, nameof(MaxQuantileKnots));
        if (QuantileBandwidth is double qb && (!(qb >= 0) || double.IsInfinity(qb)))
        {
            throw new ArgumentOutOfRangeException(nameof(QuantileBandwidth), qb, $"QuantileBandwidth must be finite and ≥ 0 (0 = the empirical CDF; null = chosen from the fit); it is {qb}.");
        }
        if (DequantizationCopies is int copies)
        {
            Range(copies, 1, 64, nameof(DequantizationCopies));
        }

        if (Smoothing is double smoothing && !(smoothing >= 0 && smoothing <= 0.95))
        {
            throw new ArgumentOutOfRangeException(nameof(Smoothing), smoothing, $"Smoothing must be in [0, 0.95] (or null to choose it from the row count); it is {smoothing}.");
        }

        if (SmoothingNeighbours is < 0 or 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SmoothingNeighbours), SmoothingNeighbours, $"SmoothingNeighbours must be 0 (the label level's covariance), at least 2, or null; it is {SmoothingNeighbours}.");
        }
        Range(LikelihoodDraws, 1, 1024, nameof(LikelihoodDraws));

        // The lower layers check the nested objects; re-throw under this object's property name so the caller sees which one.
        Nested(() => TimeSampling.Validate(), nameof(TimeSampling));
        if (Distillation is not null)
        {
            Nested(() => Distillation.Validate(), nameof(Distillation));
        }
    }

    private static void Range(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}]; it is {value}.");
        }
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive and finite; it is {value}.");
        }
    }

    private static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and non-negative; it is {value}.");
        }
    }

    private static void Defined<T>(T value, string name)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}, which is not a defined {typeof(T).Name}.");
        }
    }

    private static void Solver(OdeSolverOptions? solver, string name)
    {
        if (solver is null)
        {
            throw new ArgumentNullException(name, $"{name} is required.");
        }

        Nested(solver.Validate, name);
    }

    private static void Nested(Action validate, string name)
    {
        try
        {
            validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentOutOfRangeException(name, e.ActualValue, $"{name}.{e.ParamName}: {e.Message}");
        }
        catch (ArgumentException e) when (e is not ArgumentNullException)
        {
            throw new ArgumentException($"{name}.{e.ParamName}: {e.Message}", name, e);
        }
    }
}
