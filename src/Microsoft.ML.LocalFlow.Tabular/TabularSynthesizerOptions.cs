using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Schedules;
using Microsoft.ML.LocalFlow.Tabular.Encoding;

namespace Microsoft.ML.LocalFlow.Tabular;

/// <summary>Options of <see cref="TabularSynthesizer.Fit"/>.</summary>
public sealed class TabularSynthesizerOptions
{
    /// <summary>The flow's options (blocks, network, iterations, seed, threads, checkpoints). Default: the flow defaults.</summary>
    public LocalFlowOptions Flow { get; set; } = new();

    /// <summary>Column encodings and bounds. Its <see cref="TabularEncoderOptions.LabelColumn"/> is overwritten by <see cref="LabelColumn"/>.</summary>
    public TabularEncoderOptions Encoder { get; set; } = new();

    /// <summary>The label column for label-conditional generation (null = unconditional).</summary>
    public string? LabelColumn { get; set; }

    /// <summary>
    /// Noisy copies of the training table stacked for training: each copy draws fresh dequantisation (and
    /// <see cref="Smoothing"/>) noise. <see langword="null"/> (the default) lets <see cref="TabularSynthesizer.Fit"/> choose
    /// from the table's size with <see cref="DequantizationCopiesFor(int, double)"/> (1 without smoothing); a value in
    /// [1, 64] is used as given.
    /// </summary>
    public int? DequantizationCopies { get; set; }

    /// <summary>
    /// Bandwidth σ of the shrunk smoothed bootstrap applied to the encoded training rows before the flow sees them: each
    /// row x becomes μ + √(1 − σ²)(x − μ) + σ L ε, with μ its label level's mean, L Lᵀ the pooled within-level covariance
    /// and ε ~ N(0, I), or, with the nearest-neighbour kernel of <see cref="SmoothingNeighbours"/> (the default without a
    /// categorical label), μ and L Lᵀ from the row's nearest neighbours. The smoothed rows keep the table's means and covariances (so pair trends survive) but no longer sit
    /// on the training rows, which a flow trained long on a small table otherwise reproduces (docs/tabular.md "Presets").
    /// <see langword="null"/> (the default) lets <see cref="TabularSynthesizer.Fit"/> choose σ from the number of training
    /// rows and the encoded width with <see cref="SmoothingFor(int, int)"/>; 0 turns smoothing off; a value in (0, 0.95] is used as given. The value
    /// used is recorded in <see cref="TabularSynthesizer.FitSettings"/>.
    /// </summary>
    public double? Smoothing { get; set; }

    /// <summary>
    /// Kernel of the <see cref="Smoothing"/>: k ≥ 2 takes the mean and covariance of the shrunk smoothed bootstrap from each
    /// row's k nearest encoded training rows (itself included, within its label level), so separate clusters are not mixed
    /// and the noise follows the local shape; 0 uses the label level's mean and pooled covariance. <see langword="null"/>
    /// (the default) chooses with <see cref="SmoothingNeighboursFor(bool)"/>. The value used is recorded in
    /// <see cref="TabularSynthesizer.FitSettings"/>.
    /// </summary>
    public int? SmoothingNeighbours { get; set; }

    /// <summary>The neighbourhood size k that <see cref="SmoothingNeighboursFor(bool)"/> gives a table without a categorical label.</summary>
    public const int LocalSmoothingNeighbours = 15;

    /// <summary>
    /// The rule behind a <see langword="null"/> <see cref="SmoothingNeighbours"/>: 0 (the label level's covariance) when
    /// the fit has a categorical label, whose levels already separate the table's clusters and whose wider kernel keeps
    /// synthetic rows further from the training rows; <see cref="LocalSmoothingNeighbours"/> without one, so that a
    /// clustered table (a class column fitted as an ordinary column, a bimodal pair) is not smoothed across its clusters.
    /// Chosen by measurement (docs/perf/tabular.md "Nearest-neighbour smoothing kernel").
    /// </summary>
    /// <param name="categoricalLabel">Whether the fit conditions on a categorical label.</param>
    /// <returns>0 or <see cref="LocalSmoothingNeighbours"/>.</returns>
    public static int SmoothingNeighboursFor(bool categoricalLabel) => categoricalLabel ? 0 : LocalSmoothingNeighbours;

    /// <summary>Seed of the dequantisation noise (default 0).</summary>
    public int EncodingSeed { get; set; }

    /// <summary>
    /// The largest σ that <see cref="SmoothingFor(int, int)"/> gives (a small table's σ). 0.8: with the smoothed quantile
    /// map it keeps synthetic DCR at or above the holdout's on every shared dataset over five splits, where 0.65 left wine
    /// at 91 % (docs/perf/tabular.md "Third session").
    /// </summary>
    public const double SmoothingCap = 0.8;

    /// <summary>The most copies <see cref="DequantizationCopiesFor(int, double)"/> gives (tables under 128 rows).</summary>
    public const int MaxDequantizationCopies = 16;

    /// <summary>
    /// The rule behind a <see langword="null"/> <see cref="TabularEncoderOptions.QuantileBandwidth"/> in a fit: the
    /// kernel-smoothed quantile map (bandwidth 1 × Silverman's) when the training rows are smoothed, the empirical one
    /// otherwise. Why: smoothing the encoded rows only reaches the decoded values through a smooth map (the empirical map
    /// decodes any encoded density to mass 1/n per training value's cell), while on large, unsmoothed tables the
    /// kernel map only blurs sharp marginals (diamonds: Column Shapes 0.983 → 0.969, detection 0.911 → 0.876).
    /// Measured in docs/perf/tabular.md "Third session".
    /// </summary>
    /// <param name="smoothsTrainingRows">Whether the fit's smoothing σ is above 0.</param>
    /// <returns>1 or 0.</returns>
    public static double QuantileBandwidthFor(bool smoothsTrainingRows) => smoothsTrainingRows ? 1 : 0;

    /// <summary>Tables with at most this many training rows are not faded by <see cref="SmoothingFor(int, int)"/>.</summary>
    public const int SmoothingFullRows = 250;

    /// <summary>Tables with more training rows than this get no smoothing from <see cref="SmoothingFor(int, int)"/>.</summary>
    public const int SmoothingMaxRows = 20_000;

    /// <summary>
    /// The size rule behind a <see langword="null"/> <see cref="Smoothing"/>:
    /// σ(n, d) = min(<see cref="SmoothingCap"/>, 4 n^(−1/(d+4))) · min(1, √(<see cref="SmoothingFullRows"/> / n)) for n ≤ <see cref="SmoothingMaxRows"/>
    /// training rows of encoded width d, and 0 above. The first factor follows the rate n^(−1/(d+4)) at which a kernel
    /// density estimate's best bandwidth shrinks with the sample; it reaches the cap on every small table and binds only for
    /// tables of one or two encoded columns with more than about 9,000 or 57,000 rows. The second factor fades smoothing out as the table grows, because the
    /// presets' iteration counts see each row of a large table a few dozen times rather than thousands, and do not copy it.
    /// Chosen by measurement on the shared datasets (docs/tabular.md "Presets" and "Smoothed quantile map",
    /// docs/perf/tabular.md "Memorisation").
    /// </summary>
    /// <param name="rows">Training rows n (≥ 1).</param>
    /// <param name="width">Encoded width d (≥ 1): <c>TabularEncoder.Width</c>.</param>
    /// <returns>σ in [0, <see cref="SmoothingCap"/>].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="width"/> is less than 1.</exception>
    public static double SmoothingFor(int rows, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (rows > SmoothingMaxRows)
        {
            return 0;
        }

        double neighbours = Math.Min(SmoothingCap, 4 * Math.Pow(rows, -1.0 / (width + 4)));
        return neighbours * Math.Min(1, Math.Sqrt(SmoothingFullRows / (double)rows));
    }

    /// <summary>
    /// The size rule behind a <see langword="null"/> <see cref="DequantizationCopies"/>: 1 without smoothing; with smoothing,
    /// enough copies for about 2,048 smoothed rows (⌈2048 / n⌉, between 1 and <see cref="MaxDequantizationCopies"/>), so that a small table's kernel is
    /// sampled several times per row rather than once.
    /// </summary>
    /// <param name="rows">Training rows n (≥ 1).</param>
    /// <param name="smoothing">The smoothing σ in use (≥ 0).</param>
    /// <returns>Copies in [1, <see cref="MaxDequantizationCopies"/>].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is less than 1 or <paramref name="smoothing"/> is negative.</exception>
    public static int DequantizationCopiesFor(int rows, double smoothing)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(smoothing);
        return smoothing > 0 ? (int)Math.Clamp((2048 + (long)rows - 1) / rows, 1, MaxDequantizationCopies) : 1;
    }

    /// <summary>
    /// Options holding preset <paramref name="preset"/>: the single definition used by the CLI (<c>--preset</c>) and the
    /// ML.NET surface (<c>LocalFlowMatchingOptions.FromPreset</c>). What each preset sets, and why, is on
    /// <see cref="SynthesisPreset"/>; settings a preset does not name keep their defaults.
    /// </summary>
    /// <param name="preset">The preset.</param>
    /// <returns>New options; change any property afterwards.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="preset"/> is not a defined preset.</exception>
    public static TabularSynthesizerOptions FromPreset(SynthesisPreset preset)
    {
        var options = new TabularSynthesizerOptions();
        LocalFlowOptions flow = options.Flow;
        switch (preset)
        {
            case SynthesisPreset.Fast:
                flow.Schedule = StepSizeSchedule.Explicit([0.5], lastFree: true);
                flow.HiddenWidth = 64;
                flow.HiddenLayers = 2;
                flow.IterationsPerBlock = 300;
                flow.BatchSize = 256;
                flow.LearningRate = 3e-3;
                break;
            case SynthesisPreset.Balanced:
                break;
            case SynthesisPreset.Quality:
                flow.IterationsPerBlock *= 2;
                flow.ValidationFraction = 0.1;
                flow.EarlyStoppingPatience = 5;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(preset), preset, $"Unknown preset {preset}; use Fast, Balanced or Quality.");
        }

        return options;
    }
}
