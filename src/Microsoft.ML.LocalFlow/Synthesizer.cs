using System.Globalization;
using System.Text;
using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Serialization;
using Microsoft.ML.LocalFlow.Numerics.Ode;
using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Encoding;

namespace Microsoft.ML.LocalFlow;

/// <summary>
/// The tabular model behind the transformer: a <see cref="TabularSynthesizer"/> (the same model, and model file, as the CLI),
/// plus the generation and scoring settings chosen in <see cref="LocalFlowMatchingOptions"/>, which the facade takes per call
/// and this layer stores in its own model-file section (the CLI ignores it).
/// </summary>
internal sealed class Synthesizer
{
    internal const string SettingsSection = "mlnet.synthesizer";
    private const string SettingsHeader = "Microsoft.ML.LocalFlow synthesizer 1";

    private readonly TabularSynthesizer _tabular;
    private readonly SamplingOptions _sampling;
    private readonly LikelihoodOptions _likelihood;
    private readonly int _likelihoodDraws;

    private Synthesizer(TabularSynthesizer tabular, SamplingOptions sampling, LikelihoodOptions likelihood, int likelihoodDraws)
    {
        _tabular = tabular;
        _sampling = sampling;
        _likelihood = likelihood;
        _likelihoodDraws = likelihoodDraws;
        if (tabular.LabelColumn is not null && tabular.LabelLevels.Count > 0)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int k = 0; k < tabular.LabelLevels.Count; k++)
            {
                counts[tabular.LabelLevels[k]] = tabular.LabelCounts[k];
            }

            ClassCounts = counts;
        }
    }

    internal TableSchema Schema => _tabular.Schema;

    internal string? LabelColumnName => _tabular.LabelColumn;

    /// <summary>Training rows per label level (in the encoder's level order), or null without a categorical label.</summary>
    internal IReadOnlyDictionary<string, int>? ClassCounts { get; }

    internal TabularSynthesizer Tabular => _tabular;

    /// <summary>The generation settings (solver, whether the distilled students are used).</summary>
    internal SamplingOptions Sampling => _sampling;

    /// <summary>A copy whose flow has distilled students, generating with them; scoring settings unchanged (the teacher scores).</summary>
    internal Synthesizer Distill(DistillationOptions options, IProgress<LocalFlowProgress>? progress, CancellationToken cancellationToken) =>
        new(_tabular.Distill(options, progress, cancellationToken), _sampling with { UseDistilled = true }, _likelihood, _likelihoodDraws);

    /// <summary>Fits the tabular synthesizer (then distils the flow, if asked).</summary>
    internal static Synthesizer Fit(Table table, LocalFlowMatchingOptions o, int seed, IProgress<LocalFlowProgress>? progress, CancellationToken cancellationToken)
    {
        var encoder = new TabularEncoderOptions
        {
            Continuous = o.ContinuousEncoding,
            OneHotMaxLevels = o.OneHotMaxLevels,
            MaxQuantileKnots = o.MaxQuantileKnots,
            QuantileBandwidth = o.QuantileBandwidth,
            DequantizeDecimals = o.DequantizeDecimals,
        };
        foreach (var (name, bounds) in o.Bounds)
        {
            encoder.Bounds[name] = bounds;
        }

        var options = new TabularSynthesizerOptions
        {
            Flow = ToFlowOptions(o, seed),
            Encoder = encoder,
            LabelColumn = o.LabelColumnName,
            DequantizationCopies = o.DequantizationCopies,
            Smoothing = o.Smoothing,
            SmoothingNeighbours = o.SmoothingNeighbours,
            EncodingSeed = seed,
        };
        TabularSynthesizer tabular = TabularSynthesizer.Fit(table, options, progress, cancellationToken);
        if (o.Distillation is not null)
        {
            tabular = tabular.Distill(o.Distillation, progress, cancellationToken);
        }

        var sampling = new SamplingOptions
        {
            Solver = o.SamplingSolver,
            UseDistilled = o.Distillation is not null,
            Threads = o.NumberOfThreads,
            ChunkRows = Math.Min(o.ChunkRows, 1024),
        };
        var likelihood = new LikelihoodOptions
        {
            Solver = o.LikelihoodSolver,
            Divergence = o.Divergence,
            HutchinsonProbes = o.HutchinsonProbes,
            Seed = unchecked((ulong)(uint)seed),
            Threads = o.NumberOfThreads,
            ChunkRows = Math.Min(o.ChunkRows, 512),
        };
        return new Synthesizer(tabular, sampling, likelihood, o.LikelihoodDraws);
    }

    internal static LocalFlowOptions ToFlowOptions(LocalFlowMatchingOptions o, int seed) => new()
    {
        Schedule = o.StepSizes,
        HiddenWidth = o.HiddenWidth,
        HiddenLayers = o.HiddenLayers,
        Activation = o.Activation,
        TimeEncoding = o.TimeEncoding,
        FourierFrequencies = o.FourierFrequencies,
        IterationsPerBlock = o.IterationsPerBlock,
        BatchSize = o.BatchSize,
        LearningRate = o.LearningRate,
        LearningRateSchedule = o.LearningRateSchedule,
        LearningRateStepSize = o.LearningRateStepSize,
        LearningRateDecay = o.LearningRateDecay,
        WarmupIterations = o.WarmupIterations,
        Optimizer = o.Optimizer,
        WeightDecay = o.WeightDecay,
        GradientClipNorm = o.GradientClipNorm,
        WarmStart = o.WarmStart,
        Interpolant = o.Interpolant,
        SigmaMin = o.SigmaMin,
        TimeSampling = o.TimeSampling,
        ValidationFraction = o.ValidationFraction,
        ValidationInterval = o.ValidationInterval,
        EarlyStoppingPatience = o.EarlyStoppingPatience,
        PushForward = o.PushForwardSolver,
        Seed = unchecked((ulong)(uint)seed),
        Threads = o.NumberOfThreads,
        ChunkRows = o.ChunkRows,
        CheckpointDirectory = o.CheckpointDirectory,
        ResumeFromCheckpoint = o.ResumeFromCheckpoint,
        ProgressInterval = o.ProgressInterval,
    };

    /// <summary>
    /// <paramref name="rows"/> rows of the seed's sequence in tables of at most <paramref name="chunkRows"/> rows, generated
    /// only as the sequence is enumerated. The concatenation does not depend on <paramref name="chunkRows"/>.
    /// </summary>
    internal IEnumerable<Table> GenerateChunks(long rows, ulong seed, string? label, int chunkRows) =>
        _tabular.GenerateChunks(rows, seed, label, chunkRows, _sampling);

    /// <summary>Log-likelihood of each row in nats (see <see cref="TabularSynthesizer.ScoreLogLikelihood"/>).</summary>
    internal double[] ScoreLogLikelihood(Table table) =>
        _tabular.ScoreLogLikelihood(table, _likelihoodDraws, _likelihood, seed: unchecked((int)_likelihood.Seed));

    internal ModelFile ToModelFile()
    {
        ModelFile file = _tabular.ToModelFile();
        var text = new StringBuilder();
        text.Append(SettingsHeader).Append('\n');
        text.Append(Solver(_sampling.Solver)).Append('\t').Append(_sampling.UseDistilled ? "distilled" : "teacher").Append('\t')
            .Append(_sampling.ChunkRows.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append(Solver(_likelihood.Solver)).Append('\t').Append(_likelihood.Divergence).Append('\t')
            .Append(_likelihood.HutchinsonProbes.ToString(CultureInfo.InvariantCulture)).Append('\t')
            .Append(_likelihood.Seed.ToString(CultureInfo.InvariantCulture)).Append('\t')
            .Append(_likelihoodDraws.ToString(CultureInfo.InvariantCulture)).Append('\n');
        file.SetSection(SettingsSection, Encoding.UTF8.GetBytes(text.ToString()));
        return file;
    }

    /// <summary>Reads a model written by <see cref="ToModelFile"/> or by the CLI (which has no settings section: defaults then).</summary>
    /// <exception cref="InvalidDataException">A section is missing or malformed.</exception>
    internal static Synthesizer FromModelFile(ModelFile file)
    {
        TabularSynthesizer tabular = TabularSynthesizer.FromModelFile(file);
        var sampling = new SamplingOptions { UseDistilled = tabular.Model.IsDistilled };
        var likelihood = new LikelihoodOptions();
        int draws = 1;
        if (file.TryGetSection(SettingsSection, out byte[] payload))
        {
            try
            {
                string[] lines = Encoding.UTF8.GetString(payload).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                if (lines.Length < 3 || lines[0] != SettingsHeader)
                {
                    throw new FormatException("unknown header");
                }

                string[] s = lines[1].Split('\t');
                string[] l = lines[2].Split('\t');
                sampling = new SamplingOptions
                {
                    Solver = ParseSolver(s[0]),
                    UseDistilled = s[1] == "distilled",
                    ChunkRows = int.Parse(s[2], CultureInfo.InvariantCulture),
                };
                likelihood = new LikelihoodOptions
                {
                    Solver = ParseSolver(l[0]),
                    Divergence = Enum.Parse<DivergenceMethod>(l[1]),
                    HutchinsonProbes = int.Parse(l[2], CultureInfo.InvariantCulture),
                    Seed = ulong.Parse(l[3], CultureInfo.InvariantCulture),
                };
                draws = int.Parse(l[4], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentException or OverflowException)
            {
                throw new InvalidDataException($"The model's '{SettingsSection}' section is malformed: {e.Message}", e);
            }
        }

        return new Synthesizer(tabular, sampling, likelihood, draws);
    }

    private static string Solver(OdeSolverOptions o) => string.Join(',',
        o.Kind.ToString(), o.Steps.ToString(CultureInfo.InvariantCulture), o.RelativeTolerance.ToString("R", CultureInfo.InvariantCulture),
        o.AbsoluteTolerance.ToString("R", CultureInfo.InvariantCulture), o.MaxSteps.ToString(CultureInfo.InvariantCulture));

    private static OdeSolverOptions ParseSolver(string text)
    {
        string[] p = text.Split(',');
        var solver = new OdeSolverOptions
        {
            Kind = Enum.Parse<OdeSolverKind>(p[0]),
            Steps = int.Parse(p[1], CultureInfo.InvariantCulture),
            RelativeTolerance = double.Parse(p[2], CultureInfo.InvariantCulture),
            AbsoluteTolerance = double.Parse(p[3], CultureInfo.InvariantCulture),
            MaxSteps = int.Parse(p[4], CultureInfo.InvariantCulture),
        };
        solver.Validate();
        return solver;
    }
}
