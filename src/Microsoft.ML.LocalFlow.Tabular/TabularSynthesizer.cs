using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Serialization;
using Microsoft.ML.LocalFlow.Tabular.Encoding;

namespace Microsoft.ML.LocalFlow.Tabular;

/// <summary>
/// Fits a Local Flow Matching model on a mixed-type table and generates synthetic rows, optionally conditioned on a label
/// value (exact conditioning, no rejection loop), and scores rows by log-likelihood. The table is encoded by a
/// <see cref="TabularEncoder"/> (fitted on the training table only), the flow is trained on the encoded matrix with the
/// label's encoding as condition, and generated matrices are decoded back, so synthetic tables have the training
/// columns, kinds, formats, bounds and observed levels, and missing cells at the learned rate.
/// </summary>
public sealed class TabularSynthesizer
{
    /// <summary>Model-file section holding the encoder.</summary>
    public const string EncoderSection = "tabular.encoder";

    /// <summary>Model-file section holding the label marginal.</summary>
    public const string LabelSection = "tabular.label";

    /// <summary>Model-file section holding <see cref="FitSettings"/>.</summary>
    public const string FitSection = "tabular.fit";

    private const int MaxStoredLabelRows = 100_000;

    private readonly float[] _labelRows; // numeric label: training condition rows (subsampled) to draw from
    private readonly double[] _labelCumulative; // categorical label: cumulative level probabilities
    private readonly int[] _labelCounts;

    private TabularSynthesizer(TabularEncoder encoder, LocalFlowModel model, int[] labelCounts, float[] labelRows)
    {
        Encoder = encoder;
        Model = model;
        _labelCounts = labelCounts;
        _labelRows = labelRows;
        long total = labelCounts.Sum(c => (long)c);
        _labelCumulative = new double[labelCounts.Length];
        double acc = 0;
        for (int k = 0; k < labelCounts.Length; k++)
        {
            acc += labelCounts[k] / (double)Math.Max(1, total);
            _labelCumulative[k] = acc;
        }
    }

    /// <summary>
    /// The tabular settings the fit used (smoothing, copies), after the size rules filled in unset options;
    /// <see langword="null"/> for a model file written before they were recorded.
    /// </summary>
    public TabularFitSettings? FitSettings { get; private init; }

    /// <summary>The fitted encoder.</summary>
    public TabularEncoder Encoder { get; }

    /// <summary>The fitted flow (on the encoded matrix).</summary>
    public LocalFlowModel Model { get; }

    /// <summary>The training table's schema (column order, kinds, nullability).</summary>
    public TableSchema Schema => Encoder.Schema;

    /// <summary>The label column, or null.</summary>
    public string? LabelColumn => Encoder.LabelColumn;

    /// <summary>Observed levels of a categorical or boolean label (empty otherwise).</summary>
    public IReadOnlyList<string> LabelLevels => Encoder.LabelLevels;

    /// <summary>Training rows per label level (same order as <see cref="LabelLevels"/>).</summary>
    public IReadOnlyList<int> LabelCounts => _labelCounts;

    /// <summary>Encodes <paramref name="training"/> and fits the flow.</summary>
    /// <param name="training">The training table (at least 2 rows).</param>
    /// <param name="options">Options; null = defaults.</param>
    /// <param name="progress">Receives the flow's training progress, or null.</param>
    /// <param name="cancellationToken">Cancels the fit.</param>
    /// <exception cref="TableFormatException">The label column does not exist or has missing values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named).</exception>
    public static TabularSynthesizer Fit(Table training, TabularSynthesizerOptions? options = null, IProgress<LocalFlowProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        options ??= new TabularSynthesizerOptions();
        ArgumentNullException.ThrowIfNull(options.Flow, nameof(options.Flow));
        ArgumentNullException.ThrowIfNull(options.Encoder, nameof(options.Encoder));
        if (options.DequantizationCopies is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DequantizationCopies, "DequantizationCopies must be in [1, 64].");
        }

        if (options.SmoothingNeighbours is < 0 or 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SmoothingNeighbours, $"SmoothingNeighbours must be 0 (level covariance) or at least 2; it is {options.SmoothingNeighbours}.");
        }

        if (options.Smoothing is double sm && !(sm >= 0 && sm <= 0.95))
        {
            throw new ArgumentOutOfRangeException(nameof(options), sm, $"Smoothing must be in [0, 0.95] (or null to choose it from the row count); it is {sm}.");
        }

        if (training.RowCount < 2)
        {
            throw new ArgumentException($"The training table has {training.RowCount} rows; at least 2 are needed.", nameof(training));
        }

        options.Encoder.LabelColumn = options.LabelColumn;
        // Unset options take the size rules' values; explicit ones win (TabularSynthesizerOptions.Smoothing). σ's sign
        // does not depend on the encoded width (SmoothingFor is positive up to SmoothingMaxRows), so the quantile maps'
        // bandwidth can be chosen before the encoder exists.
        int n = training.RowCount;
        bool smooths = options.Smoothing is double given ? given > 0 : n <= TabularSynthesizerOptions.SmoothingMaxRows;
        double bandwidth = options.Encoder.QuantileBandwidth ?? TabularSynthesizerOptions.QuantileBandwidthFor(smooths);
        TabularEncoder encoder = TabularEncoder.Fit(training, options.Encoder, bandwidth);
        int w = encoder.Width, c = encoder.ConditionWidth;
        double smoothing = options.Smoothing ?? TabularSynthesizerOptions.SmoothingFor(n, w);
        int copies = options.DequantizationCopies ?? TabularSynthesizerOptions.DequantizationCopiesFor(n, smoothing);
        var data = new float[checked((long)n * copies * w)];
        var cond = new float[checked((long)n * copies * c)];
        for (int k = 0; k < copies; k++)
        {
            encoder.Encode(training, data.AsSpan(k * n * w, n * w), cond.AsSpan(k * n * c, n * c), new double[n], options.EncodingSeed + k, addNoise: true);
        }

        int neighbours = smoothing > 0 ? options.SmoothingNeighbours ?? TabularSynthesizerOptions.SmoothingNeighboursFor(encoder.LabelLevels.Count > 0) : 0;
        if (smoothing > 0)
        {
            ulong smoothingSeed = unchecked((ulong)options.EncodingSeed * 0x9E3779B97F4A7C15UL ^ 0x5DEECE66DUL);
            if (neighbours > 0)
            {
                int threads = options.Flow.Threads > 0 ? options.Flow.Threads : Environment.ProcessorCount;
                LocalTrainingSmoother.Smooth(data, SmoothingGroups(training, encoder, copies), n, copies, w, smoothing, neighbours, LocalTrainingSmoother.DefaultInflation, smoothingSeed, threads);
            }
            else
            {
                TrainingSmoother.Smooth(data, SmoothingGroups(training, encoder, copies), n * copies, w, smoothing, smoothingSeed);
            }
        }

        LocalFlowModel model = LocalFlowTrainer.Fit(data, n * copies, w, cond, c, options.Flow, progress, cancellationToken);

        int[] counts = [];
        float[] labelRows = [];
        if (encoder.LabelColumn is not null)
        {
            if (encoder.LabelLevels.Count > 0)
            {
                counts = new int[encoder.LabelLevels.Count];
                var col = (CategoricalColumn)training[encoder.LabelColumn];
                int[] map = LevelMap(col, encoder.LabelLevels);
                foreach (int code in col.Codes)
                {
                    counts[map[code]]++;
                }
            }
            else
            {
                int keep = Math.Min(n, MaxStoredLabelRows);
                labelRows = cond.AsSpan(0, keep * c).ToArray();
            }
        }

        return new TabularSynthesizer(encoder, model, counts, labelRows)
        {
            FitSettings = new TabularFitSettings(n, smoothing, copies, options.Smoothing is null, neighbours),
        };
    }

    /// <summary>
    /// A copy of this synthesizer whose flow has a distilled k-step student in every block (<see cref="LocalFlowDistiller"/>),
    /// so that generation with <see cref="SamplingOptions.UseDistilled"/> costs k network evaluations per block instead of
    /// solver steps × stages (e.g. 4 instead of 160 for 4 blocks × RK4 × 10). The teacher is kept: scoring stays exact.
    /// </summary>
    /// <remarks>
    /// A label-conditional model's students are trained on the training label marginal: the stored level counts (categorical
    /// label) or condition rows (numeric label). The encoder and label marginal are shared, unchanged. The result saves and
    /// loads like any synthesizer; <see cref="LocalFlowModel.IsDistilled"/> tells whether a loaded model has students.
    /// </remarks>
    /// <param name="options">Steps k, pairs, iterations, seed, threads; null for <see cref="DistillationOptions.Default"/>.</param>
    /// <param name="progress">Receives progress with phase <see cref="LocalFlowPhase.Distilling"/>, or null.</param>
    /// <param name="cancellationToken">Cancels between iterations (throws <see cref="OperationCanceledException"/>; this instance is unchanged).</param>
    /// <returns>A new synthesizer; this one is unchanged.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named).</exception>
    public TabularSynthesizer Distill(DistillationOptions? options = null, IProgress<LocalFlowProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        int c = Encoder.ConditionWidth;
        float[] conditions = [];
        if (c > 0 && _labelCounts.Length > 0)
        {
            // Each level's encoding repeated by its training count: the label marginal the teacher was trained on.
            var rows = new List<float>();
            for (int k = 0; k < _labelCounts.Length; k++)
            {
                float[] encoded = Encoder.EncodeConditionValue(LabelLevels[k]);
                for (int r = 0; r < Math.Max(1, _labelCounts[k]); r++)
                {
                    rows.AddRange(encoded);
                }
            }

            conditions = [.. rows];
        }
        else if (c > 0)
        {
            conditions = _labelRows;
        }

        LocalFlowModel distilled = LocalFlowDistiller.Distill(Model, options, conditions, progress, cancellationToken);
        return new TabularSynthesizer(Encoder, distilled, _labelCounts, _labelRows);
    }

    /// <summary>
    /// Generates <paramref name="rows"/> synthetic rows. With <paramref name="labelValue"/> every row has that label value
    /// (the flow is conditioned on it exactly); without it, label values are drawn from the training marginal.
    /// </summary>
    /// <param name="rows">Rows to generate (≥ 0).</param>
    /// <param name="seed">Seed; the same seed, model and options give the same rows.</param>
    /// <param name="labelValue">A label value as written in the CSV, or null.</param>
    /// <param name="sampling">Solver and threads; null = defaults.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <exception cref="TableFormatException">The label value was not seen in training (the message names the label column).</exception>
    /// <exception cref="InvalidOperationException">A label value was given but the model has no label.</exception>
    public Table Generate(int rows, ulong seed = 0, string? labelValue = null, SamplingOptions? sampling = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        return GenerateRange(0, rows, seed, labelValue, sampling, cancellationToken);
    }

    /// <summary>
    /// Generates <paramref name="rows"/> rows as a sequence of tables of at most <paramref name="chunkRows"/> rows, so memory
    /// stays bounded for any row count; the concatenation equals one big <see cref="Generate"/> call with the same seed.
    /// </summary>
    /// <inheritdoc cref="Generate"/>
    /// <param name="rows">Total rows (≥ 0).</param>
    /// <param name="seed">Seed.</param>
    /// <param name="labelValue">A label value, or null.</param>
    /// <param name="chunkRows">Rows per yielded table (≥ 1; default 65 536).</param>
    /// <param name="sampling">Solver and threads; null = defaults.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    public IEnumerable<Table> GenerateChunks(long rows, ulong seed = 0, string? labelValue = null, int chunkRows = 65536, SamplingOptions? sampling = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        if (labelValue is not null)
        {
            _ = ConditionFor(labelValue); // fail before the first chunk
        }

        return Iterate();

        IEnumerable<Table> Iterate()
        {
            for (long first = 0; first < rows; first += chunkRows)
            {
                int n = (int)Math.Min(chunkRows, rows - first);
                yield return GenerateRange(first, n, seed, labelValue, sampling, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Generates the rows that balance a categorical label: for every level with fewer training rows than the most frequent
    /// one, (max − count) rows conditioned on that level. Returns only the new rows (append them to the training table).
    /// </summary>
    /// <exception cref="InvalidOperationException">The model has no categorical label.</exception>
    public Table GenerateBalanced(ulong seed = 0, SamplingOptions? sampling = null, CancellationToken cancellationToken = default)
    {
        if (LabelLevels.Count == 0)
        {
            throw new InvalidOperationException("GenerateBalanced needs a model fitted with a categorical or boolean label column.");
        }

        int max = _labelCounts.Max();
        var parts = new List<Table>();
        for (int k = 0; k < LabelLevels.Count; k++)
        {
            int need = max - _labelCounts[k];
            if (need > 0)
            {
                parts.Add(Generate(need, seed + (ulong)k * 0x9E3779B9UL, LabelLevels[k], sampling, cancellationToken));
            }
        }

        return parts.Count == 0 ? Generate(0, seed, null, sampling, cancellationToken) : Table.Concat(parts);
    }

    private float[] ConditionFor(string labelValue)
    {
        if (LabelColumn is null)
        {
            throw new InvalidOperationException($"A label value ('{labelValue}') was given but the model was fitted without a label column.");
        }

        return Encoder.EncodeConditionValue(labelValue);
    }

    private Table GenerateRange(long firstRow, int rows, ulong seed, string? labelValue, SamplingOptions? sampling, CancellationToken ct)
    {
        int w = Encoder.Width, c = Encoder.ConditionWidth;
        var x = new float[(long)rows * w];
        float[] cond = new float[(long)rows * c];
        if (c > 0)
        {
            if (labelValue is not null)
            {
                float[] one = ConditionFor(labelValue);
                for (int i = 0; i < rows; i++)
                {
                    one.CopyTo(cond, i * c);
                }
            }
            else
            {
                DrawLabels(firstRow, rows, seed, cond);
            }
        }
        else if (labelValue is not null)
        {
            _ = ConditionFor(labelValue);
        }

        if (rows > 0)
        {
            LocalFlowSampler.Sample(Model, firstRow, rows, seed, cond, sampling, x, ct);
        }

        return Encoder.Decode(x, rows, cond);
    }

    /// <summary>Label condition rows drawn from the training marginal; row r's draw depends only on (seed, r).</summary>
    private void DrawLabels(long firstRow, int rows, ulong seed, Span<float> cond)
    {
        int c = Encoder.ConditionWidth;
        for (int i = 0; i < rows; i++)
        {
            var rng = new NoiseRng(unchecked(seed * 0xD1B54A32D192ED03UL ^ (ulong)(firstRow + i) * 0x9E3779B97F4A7C15UL ^ 0xA0761D6478BD642FUL));
            double u = rng.NextDouble();
            Span<float> dst = cond.Slice(i * c, c);
            if (_labelCounts.Length > 0)
            {
                int k = Array.FindIndex(_labelCumulative, p => u < p);
                if (k < 0)
                {
                    k = _labelCumulative.Length - 1;
                }

                Encoder.EncodeConditionValue(LabelLevels[k]).CopyTo(dst);
            }
            else
            {
                int stored = _labelRows.Length / c;
                int r = Math.Min(stored - 1, (int)(u * stored));
                _labelRows.AsSpan(r * c, c).CopyTo(dst);
            }
        }
    }

    /// <summary>
    /// Log-likelihood of each row in nats: log p(encoded row | label) from the flow, plus the encoder's change-of-variables
    /// and dequantisation terms (<see cref="EncodedTable.LogJacobian"/>), plus log P(label) for a categorical label.
    /// Numeric cells contribute a density (per unit of the column), integer, categorical and boolean cells a probability
    /// (the dequantised density integrates to the cell's probability; the value returned is the usual single-draw
    /// variational lower bound, averaged over <paramref name="draws"/> noise draws).
    /// </summary>
    /// <param name="table">Rows to score, with the training columns (matched by name).</param>
    /// <param name="draws">Dequantisation draws averaged per row (≥ 1; default 1).</param>
    /// <param name="options">Solver and divergence; null = defaults.</param>
    /// <param name="seed">Seed of the dequantisation noise.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>One value per row.</returns>
    /// <exception cref="TableFormatException">A cell holds a level not seen in training, or is empty where training had no
    /// missing values, or a column is absent (the message names row and column).</exception>
    public double[] ScoreLogLikelihood(Table table, int draws = 1, LikelihoodOptions? options = null, int seed = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        int n = table.RowCount;
        var total = new double[n];
        var lp = new double[n];
        for (int d = 0; d < draws; d++)
        {
            EncodedTable e = Encoder.Encode(table, seed + d, addNoise: true);
            LocalFlowLikelihood.LogLikelihood(Model, e.Data, n, e.Condition, options, lp, cancellationToken);
            for (int i = 0; i < n; i++)
            {
                total[i] += (lp[i] + e.LogJacobian[i]) / draws;
            }
        }

        if (_labelCounts.Length > 0)
        {
            var col = (CategoricalColumn)table[LabelColumn!];
            int[] map = LevelMap(col, LabelLevels);
            long sum = _labelCounts.Sum(x => (long)x);
            for (int i = 0; i < n; i++)
            {
                total[i] += Math.Log(_labelCounts[map[col[i]]] / (double)sum);
            }
        }

        return total;
    }

    /// <summary>Per encoded row (copies stacked), the categorical label's level; empty without one (one group).</summary>
    private static int[] SmoothingGroups(Table training, TabularEncoder encoder, int copies)
    {
        if (encoder.LabelColumn is null || encoder.LabelLevels.Count == 0)
        {
            return [];
        }

        var col = (CategoricalColumn)training[encoder.LabelColumn];
        int[] map = LevelMap(col, encoder.LabelLevels);
        int n = training.RowCount;
        var groups = new int[n * copies];
        for (int i = 0; i < groups.Length; i++)
        {
            groups[i] = map[col.Codes[i % n]];
        }

        return groups;
    }

    private static TabularFitSettings? ReadFitSettings(ModelFile file)
    {
        if (!file.TryGetSection(FitSection, out byte[] bytes))
        {
            return null; // written before the section existed
        }

        using var r = new BinaryReader(new MemoryStream(bytes));
        int version = r.ReadInt32();
        if (version is not (1 or 2))
        {
            throw new InvalidDataException($"Fit-settings section version {version} is not supported.");
        }

        // Version 2 appends the smoothing kernel's neighbour count; version 1 files used the level covariance (0).
        return new TabularFitSettings(r.ReadInt32(), r.ReadDouble(), r.ReadInt32(), r.ReadBoolean(), version >= 2 ? r.ReadInt32() : 0);
    }

    private static int[] LevelMap(CategoricalColumn col, IReadOnlyList<string> levels)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < levels.Count; k++)
        {
            index[levels[k]] = k;
        }

        return col.Levels.Select(l => index.TryGetValue(l, out int k) ? k : -1).ToArray();
    }

    /// <summary>Saves flow, encoder and label marginal into one model file, atomically.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ToModelFile().Save(path);
    }

    /// <summary>Writes the model file to a stream.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ToModelFile().Write(stream);
    }

    /// <summary>The model file (flow section plus <see cref="EncoderSection"/> and <see cref="LabelSection"/>).</summary>
    public ModelFile ToModelFile()
    {
        ModelFile file = Model.ToModelFile();
        file.SetSection(EncoderSection, Encoder.Serialize());
        using var ms = new MemoryStream();
        using (var wr = new BinaryWriter(ms))
        {
            wr.Write(1);
            wr.Write(_labelCounts.Length);
            foreach (int k in _labelCounts)
            {
                wr.Write(k);
            }

            wr.Write(_labelRows.Length);
            foreach (float f in _labelRows)
            {
                wr.Write(f);
            }
        }

        file.SetSection(LabelSection, ms.ToArray());
        if (FitSettings is { } fit)
        {
            using var fs = new MemoryStream();
            using (var wr = new BinaryWriter(fs))
            {
                wr.Write(2);
                wr.Write(fit.TrainingRows);
                wr.Write(fit.Smoothing);
                wr.Write(fit.DequantizationCopies);
                wr.Write(fit.ChosenFromRowCount);
                wr.Write(fit.SmoothingNeighbours);
            }

            file.SetSection(FitSection, fs.ToArray());
        }

        return file;
    }

    /// <summary>Loads a synthesizer saved by <see cref="Save(string)"/>.</summary>
    /// <exception cref="InvalidDataException">Not a tabular model file, or a corrupt one (the message names the path).</exception>
    public static TabularSynthesizer Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            return FromModelFile(ModelFile.Load(path));
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"'{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Loads a synthesizer from a stream.</summary>
    /// <exception cref="InvalidDataException">Not a tabular model file, or a corrupt one.</exception>
    public static TabularSynthesizer Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return FromModelFile(ModelFile.Read(stream));
    }

    /// <summary>Reads a synthesizer from a model file.</summary>
    /// <exception cref="InvalidDataException">A section is missing or malformed.</exception>
    public static TabularSynthesizer FromModelFile(ModelFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.TryGetSection(EncoderSection, out byte[] enc) || !file.TryGetSection(LabelSection, out byte[] lab))
        {
            throw new InvalidDataException("The file is a flow model without a table encoder (was it saved by TabularSynthesizer?).");
        }

        LocalFlowModel model = LocalFlowModel.FromModelFile(file);
        TabularEncoder encoder = TabularEncoder.Deserialize(enc);
        try
        {
            using var r = new BinaryReader(new MemoryStream(lab));
            int version = r.ReadInt32();
            if (version != 1)
            {
                throw new InvalidDataException($"Label section version {version} is not supported.");
            }

            var counts = new int[r.ReadInt32()];
            for (int i = 0; i < counts.Length; i++)
            {
                counts[i] = r.ReadInt32();
            }

            var rows = new float[r.ReadInt32()];
            for (int i = 0; i < rows.Length; i++)
            {
                rows[i] = r.ReadSingle();
            }

            if (model.Dimension != encoder.Width || model.ConditionDimension != encoder.ConditionWidth)
            {
                throw new InvalidDataException($"The flow has dimension {model.Dimension}/{model.ConditionDimension} but the encoder {encoder.Width}/{encoder.ConditionWidth}.");
            }

            return new TabularSynthesizer(encoder, model, counts, rows) { FitSettings = ReadFitSettings(file) };
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The label section is truncated.", ex);
        }
    }
}
