using System.Globalization;
using System.Text;
using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Serialization;
using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Encoding;

namespace Microsoft.ML.LocalFlow;

/// <summary>
/// The tabular model behind the transformer: a <see cref="TabularEncoder"/> (table ↔ float matrix) and a
/// <see cref="LocalFlowModel"/> on the encoded matrix, conditioned on the label's encoding when there is a label.
/// All generation is by row index (the sampler's counter-based streams), so chunked generation equals one big call.
/// </summary>
internal sealed class Synthesizer
{
    internal const string EncoderSection = "tabular.encoder";
    internal const string SettingsSection = "mlnet.synthesizer";
    private const string SettingsHeader = "Microsoft.ML.LocalFlow synthesizer 1";

    private readonly TabularEncoder _encoder;
    private readonly LocalFlowModel _model;
    private readonly SamplingOptions _sampling;
    private readonly LikelihoodOptions _likelihood;
    private readonly string[] _classes;
    private readonly int[] _classCounts;
    private readonly double[] _classCdf;
    private readonly float[][] _classConditions;

    private Synthesizer(TabularEncoder encoder, LocalFlowModel model, SamplingOptions sampling, LikelihoodOptions likelihood, string[] classes, int[] classCounts)
    {
        _encoder = encoder;
        _model = model;
        _sampling = sampling;
        _likelihood = likelihood;
        _classes = classes;
        _classCounts = classCounts;
        _classCdf = new double[classes.Length];
        double total = classCounts.Sum(c => (double)c), running = 0;
        for (int k = 0; k < classes.Length; k++)
        {
            running += classCounts[k];
            _classCdf[k] = running / total;
        }

        _classConditions = classes.Select(encoder.EncodeConditionValue).ToArray();
        ClassCounts = encoder.LabelColumn is null
            ? null
            : classes.Select((c, k) => (c, k)).ToDictionary(p => p.c, p => classCounts[p.k], StringComparer.Ordinal);
    }

    internal TableSchema Schema => _encoder.Schema;

    internal string? LabelColumnName => _encoder.LabelColumn;

    internal IReadOnlyDictionary<string, int>? ClassCounts { get; }

    internal int Width => _encoder.Width;

    /// <summary>Encodes <paramref name="table"/> and trains the flow (then distils, if asked).</summary>
    internal static Synthesizer Fit(Table table, LocalFlowMatchingOptions o, int seed, IProgress<LocalFlowProgress>? progress, CancellationToken cancellationToken)
    {
        var encoderOptions = new TabularEncoderOptions
        {
            Continuous = o.ContinuousEncoding,
            OneHotMaxLevels = o.OneHotMaxLevels,
            LabelColumn = o.LabelColumnName,
            MaxQuantileKnots = o.MaxQuantileKnots,
            DequantizeDecimals = o.DequantizeDecimals,
        };
        foreach (var (name, bounds) in o.Bounds)
        {
            encoderOptions.Bounds[name] = bounds;
        }

        TabularEncoder encoder = TabularEncoder.Fit(table, encoderOptions);
        if (encoder.Width == 0)
        {
            throw new ArgumentException("There is nothing to model besides the label: add feature columns.", nameof(table));
        }

        EncodedTable encoded = encoder.Encode(table, seed, addNoise: true);
        LocalFlowOptions flow = ToFlowOptions(o, seed);
        LocalFlowModel model = LocalFlowTrainer.Fit(encoded.Data, encoded.Rows, encoded.Width, encoded.Condition, encoded.ConditionWidth,
            flow, progress, cancellationToken);
        if (o.Distillation is not null)
        {
            model = LocalFlowDistiller.Distill(model, o.Distillation, encoded.Condition, progress, cancellationToken);
        }

        string[] classes = [];
        int[] counts = [];
        if (encoder.LabelColumn is not null)
        {
            var label = (CategoricalColumn)table[encoder.LabelColumn];
            classes = [.. encoder.LabelLevels];
            counts = new int[classes.Length];
            foreach (int code in label.Codes)
            {
                int k = Array.IndexOf(classes, label.Levels[code]);
                counts[k]++;
            }
        }

        return new Synthesizer(encoder, model, SamplingFrom(o), LikelihoodFrom(o, seed), classes, counts);
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

    private static SamplingOptions SamplingFrom(LocalFlowMatchingOptions o) => new()
    {
        Solver = o.SamplingSolver,
        UseDistilled = o.Distillation is not null,
        Threads = o.NumberOfThreads,
        ChunkRows = o.ChunkRows,
    };

    private static LikelihoodOptions LikelihoodFrom(LocalFlowMatchingOptions o, int seed) => new()
    {
        Solver = o.LikelihoodSolver,
        Divergence = o.Divergence,
        HutchinsonProbes = o.HutchinsonProbes,
        Seed = unchecked((ulong)(uint)seed),
        Threads = o.NumberOfThreads,
        ChunkRows = Math.Min(o.ChunkRows, 512),
    };

    /// <summary>
    /// Rows [<paramref name="firstRow"/>, firstRow + rows) of the seed's sequence, decoded. Without <paramref name="label"/>, a
    /// conditional model draws each row's class at its training frequency from a hash of (seed, row index), so rows do not
    /// depend on how the request is chunked.
    /// </summary>
    internal Table Generate(long firstRow, int rows, ulong seed, string? label)
    {
        float[] encoded = new float[(long)rows * _encoder.Width];
        float[] condition = [];
        if (label is not null)
        {
            condition = _classConditions[ClassIndex(label)];
        }
        else if (_classes.Length > 0)
        {
            int c = _encoder.ConditionWidth;
            condition = new float[(long)rows * c];
            for (int i = 0; i < rows; i++)
            {
                int k = DrawClass(seed, firstRow + i);
                _classConditions[k].CopyTo(condition, (long)i * c);
            }
        }

        LocalFlowSampler.Sample(_model, firstRow, rows, seed, condition, _sampling, encoded);
        ReadOnlySpan<float> decodeCondition = condition;
        if (label is not null && rows > 1)
        {
            // Decode wants a condition per row.
            int c = _encoder.ConditionWidth;
            var expanded = new float[(long)rows * c];
            for (int i = 0; i < rows; i++)
            {
                condition.CopyTo(expanded, (long)i * c);
            }

            decodeCondition = expanded;
        }

        return _encoder.Decode(encoded, rows, decodeCondition);
    }

    /// <summary>Log-density of each row, in nats: the flow's log p of the encoded row plus the encoder's log-Jacobian.</summary>
    internal double[] ScoreLogLikelihood(Table table)
    {
        EncodedTable encoded = _encoder.Encode(table, seed: 0, addNoise: false);
        var logp = new double[encoded.Rows];
        LocalFlowLikelihood.LogLikelihood(_model, encoded.Data, encoded.Rows, encoded.Condition, _likelihood, logp);
        for (int i = 0; i < logp.Length; i++)
        {
            logp[i] += encoded.LogJacobian[i];
        }

        return logp;
    }

    internal ModelFile ToModelFile()
    {
        ModelFile file = _model.ToModelFile();
        file.SetSection(EncoderSection, _encoder.Serialize());
        var text = new StringBuilder();
        text.Append(SettingsHeader).Append('\n');
        text.Append(Solver(_sampling.Solver)).Append('\t').Append(_sampling.UseDistilled ? "distilled" : "teacher").Append('\t')
            .Append(_sampling.ChunkRows.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append(Solver(_likelihood.Solver)).Append('\t').Append(_likelihood.Divergence).Append('\t')
            .Append(_likelihood.HutchinsonProbes.ToString(CultureInfo.InvariantCulture)).Append('\t')
            .Append(_likelihood.Seed.ToString(CultureInfo.InvariantCulture)).Append('\n');
        for (int k = 0; k < _classes.Length; k++)
        {
            text.Append(Uri.EscapeDataString(_classes[k])).Append('\t').Append(_classCounts[k].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        file.SetSection(SettingsSection, Encoding.UTF8.GetBytes(text.ToString()));
        return file;
    }

    internal static Synthesizer FromModelFile(ModelFile file)
    {
        LocalFlowModel model = LocalFlowModel.FromModelFile(file);
        TabularEncoder encoder = TabularEncoder.Deserialize(file.GetSection(EncoderSection));
        var sampling = new SamplingOptions { UseDistilled = model.IsDistilled };
        var likelihood = new LikelihoodOptions();
        string[] classes = [.. encoder.LabelLevels];
        int[] counts = [.. classes.Select(_ => 1)];
        if (file.TryGetSection(SettingsSection, out byte[] payload))
        {
            string[] lines = Encoding.UTF8.GetString(payload).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (lines.Length < 3 || lines[0] != SettingsHeader)
            {
                throw new InvalidDataException($"The model's '{SettingsSection}' section is not in a format this version reads.");
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
            var byName = lines.Skip(3).Select(line => line.Split('\t'))
                .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => int.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
            counts = [.. classes.Select(c => byName.GetValueOrDefault(c, 1))];
        }

        return new Synthesizer(encoder, model, sampling, likelihood, classes, counts);
    }

    private static string Solver(Numerics.Ode.OdeSolverOptions o) => string.Join(',',
        o.Kind.ToString(), o.Steps.ToString(CultureInfo.InvariantCulture), o.RelativeTolerance.ToString("R", CultureInfo.InvariantCulture),
        o.AbsoluteTolerance.ToString("R", CultureInfo.InvariantCulture), o.MaxSteps.ToString(CultureInfo.InvariantCulture));

    private static Numerics.Ode.OdeSolverOptions ParseSolver(string text)
    {
        string[] p = text.Split(',');
        return new Numerics.Ode.OdeSolverOptions
        {
            Kind = Enum.Parse<Numerics.Ode.OdeSolverKind>(p[0]),
            Steps = int.Parse(p[1], CultureInfo.InvariantCulture),
            RelativeTolerance = double.Parse(p[2], CultureInfo.InvariantCulture),
            AbsoluteTolerance = double.Parse(p[3], CultureInfo.InvariantCulture),
            MaxSteps = int.Parse(p[4], CultureInfo.InvariantCulture),
        };
    }

    private int ClassIndex(string label)
    {
        int k = Array.IndexOf(_classes, label);
        return k >= 0 ? k : throw new ArgumentException($"'{label}' is not a class of label '{LabelColumnName}'.", nameof(label));
    }

    /// <summary>A class drawn at the training frequencies from a SplitMix64 hash of (seed, row).</summary>
    private int DrawClass(ulong seed, long row)
    {
        ulong z = unchecked(seed * 0x9E3779B97F4A7C15UL + (ulong)row + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        double u = (z >> 11) * (1.0 / (1UL << 53));
        int k = Array.BinarySearch(_classCdf, u);
        k = k >= 0 ? k + 1 : ~k;
        return Math.Min(k, _classes.Length - 1);
    }
}
