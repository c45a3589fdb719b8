using System.Globalization;
using System.Text;
using Microsoft.ML.Data;
using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Serialization;
using Microsoft.ML.LocalFlow.Numerics.Ode;
using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.LocalFlow;

/// <summary>
/// A fitted Local Flow Matching model of a table. It generates new rows with the training columns and types
/// (<see cref="Transform(IDataView)"/>, <see cref="Generate(int, int?, string?)"/>, <see cref="GenerateBalanced(int?, int?)"/>),
/// and scores how likely rows are under the model (<see cref="ScoreLogLikelihood(IDataView)"/>).
/// </summary>
/// <remarks>
/// <para>Every view it returns is lazy: rows are generated (or scored) a chunk of <see cref="LocalFlowMatchingOptions.ChunkRows"/>
/// at a time as a cursor moves, so ten million rows stream through memory for one chunk. Rows are reproducible: row r of
/// <c>Generate(n, seed)</c> depends only on the model, the seed, r and the label asked for.</para>
/// <para>Saving: <c>mlContext.Model.Save(transformer, schema, path)</c> (alone or in a chain), or <see cref="Save(string)"/>, which
/// writes the same model file the <c>lfm</c> CLI reads and writes, with an extra section holding the ML.NET column types.</para>
/// </remarks>
public sealed class LocalFlowMatchingTransformer : ITransformer
{
    /// <summary>The name of the column <see cref="ScoreLogLikelihood(IDataView)"/> adds.</summary>
    public const string LogLikelihoodColumnName = "LogLikelihood";

    /// <summary>The model-file section holding the ML.NET column types and generation settings.</summary>
    internal const string SectionName = "mlnet.columns";

    private const string SectionHeader = "Microsoft.ML.LocalFlow columns 1";

    private readonly IHostEnvironment _env;
    private readonly Synthesizer _synthesizer;
    private readonly ColumnBinding[] _bindings;
    private readonly int? _syntheticRowCount;
    private readonly int _chunkRows;
    private readonly int _seed;

    internal LocalFlowMatchingTransformer(IHostEnvironment env, Synthesizer synthesizer, ColumnBinding[] bindings, int? syntheticRowCount, int chunkRows, int seed)
    {
        _env = env;
        _synthesizer = synthesizer;
        _bindings = bindings;
        _syntheticRowCount = syntheticRowCount;
        _chunkRows = chunkRows;
        _seed = seed;
        var builder = new DataViewSchema.Builder();
        foreach (ColumnBinding b in bindings)
        {
            builder.AddColumn(b.Name, b.Type);
        }

        GeneratedSchema = builder.ToSchema();
    }

    /// <summary>The schema of generated rows: the modelled columns, in training order, with their training types.</summary>
    public DataViewSchema GeneratedSchema { get; }

    /// <summary>The label column the model is conditioned on, or <see langword="null"/>.</summary>
    public string? LabelColumnName => _bindings.FirstOrDefault(b => b.IsLabel)?.Name;

    /// <summary>The seed used when a generation call passes none.</summary>
    public int Seed => _seed;

    /// <summary>The label's classes (as text: numbers in invariant form, keys as their value) and their training row counts.</summary>
    /// <exception cref="InvalidOperationException">The model has no label.</exception>
    public IReadOnlyDictionary<string, int> ClassCounts =>
        _synthesizer.ClassCounts ?? throw new InvalidOperationException("The model was fitted without a label column, so it has no classes.");

    /// <summary>
    /// Whether generation uses distilled students (<see cref="Distill"/>, or <see cref="LocalFlowMatchingOptions.Distillation"/>
    /// at fit time): k network evaluations per block instead of the sampling solver's steps × stages.
    /// </summary>
    public bool IsDistilled => _synthesizer.Sampling.UseDistilled;

    /// <summary>
    /// Network evaluations (NFE) per generated row: Σ_blocks k with distilled students; blocks × steps × stages with a
    /// fixed-step solver (4 blocks × RK4 × 10 = 160); <see langword="null"/> with the adaptive Dopri5 solver (it varies).
    /// </summary>
    public int? NetworkEvaluationsPerRow
    {
        get
        {
            LocalFlowModel model = _synthesizer.Tabular.Model;
            if (_synthesizer.Sampling.UseDistilled)
            {
                return model.Blocks.Sum(b => b.Student!.Steps);
            }

            OdeSolverOptions solver = _synthesizer.Sampling.Solver;
            return solver.Kind == OdeSolverKind.Dopri5 ? null : model.Blocks.Count * solver.Steps * solver.StagesPerStep;
        }
    }

    /// <summary>Always false: generated rows are not functions of input rows.</summary>
    public bool IsRowToRowMapper => false;

    internal Synthesizer Synthesizer => _synthesizer;

    internal IReadOnlyList<ColumnBinding> Bindings => _bindings;

    /// <summary>Not supported: the transformer is not a row-to-row mapper (<see cref="IsRowToRowMapper"/> is false).</summary>
    /// <param name="inputSchema">Ignored.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new InvalidOperationException("LocalFlowMatchingTransformer generates new rows; it is not a row-to-row mapper (IsRowToRowMapper is false).");

    /// <summary>
    /// The schema of <see cref="Transform(IDataView)"/>'s output: <see cref="GeneratedSchema"/>, after checking that
    /// <paramref name="inputSchema"/> has the modelled columns with their training types.
    /// </summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <returns><see cref="GeneratedSchema"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A modelled column is absent; the message names it.</exception>
    /// <exception cref="ArgumentException">A modelled column has another type; the message names it.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        TableBuilder.Find(inputSchema, _bindings, nameof(inputSchema));
        return GeneratedSchema;
    }

    /// <summary>
    /// The synthesis transform: a view of new synthetic rows with the modelled columns of <paramref name="input"/>, as many
    /// rows as <see cref="LocalFlowMatchingOptions.SyntheticRowCount"/> says or else as many as the input has. Only the input's
    /// schema and row count are used, never its values; the rows use <see cref="Seed"/>.
    /// </summary>
    /// <param name="input">Data with the training schema.</param>
    /// <returns>A lazy view of synthetic rows.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A modelled column is absent from <paramref name="input"/>.</exception>
    /// <exception cref="ArgumentException">A modelled column has another type.</exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        long rows = _syntheticRowCount ?? input.GetRowCount() ?? CountRows(input);
        return CreateView(rows, _seed, label: null);
    }

    /// <summary>
    /// A lazy view of <paramref name="rowCount"/> new rows (<see cref="GeneratedSchema"/>), produced a chunk at a time as a cursor moves.
    /// </summary>
    /// <param name="rowCount">Rows to generate, 0 or more.</param>
    /// <param name="seed">The seed; <see langword="null"/> uses <see cref="Seed"/>, so repeated calls give the same rows.</param>
    /// <param name="labelValue">
    /// Generate only this class of the label (exactly, with no rejection): the class's text as in <see cref="ClassCounts"/>
    /// ("2" for the number 2, "true" for a Boolean); <see langword="null"/> draws classes at their training frequencies.
    /// </param>
    /// <returns>The view; <see cref="IDataView.GetRowCount"/> is <paramref name="rowCount"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowCount"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="labelValue"/> is given but the model has no label, or it is not one of its classes.</exception>
    public IDataView Generate(int rowCount, int? seed = null, string? labelValue = null)
    {
        if (rowCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rowCount), rowCount, $"The row count must be 0 or more; it is {rowCount}.");
        }

        if (labelValue is not null)
        {
            CheckClass(labelValue, nameof(labelValue));
        }

        return CreateView(rowCount, seed ?? _seed, labelValue);
    }

    /// <summary>
    /// New rows that balance the label's classes: for every class with fewer than <paramref name="rowsPerClass"/> training rows
    /// (default: as many as the largest class), the rows it lacks, generated for that class. Append them to the training data
    /// to get balanced classes.
    /// </summary>
    /// <param name="rowsPerClass">The target count per class; <see langword="null"/> = the largest class's count.</param>
    /// <param name="seed">The seed; <see langword="null"/> uses <see cref="Seed"/>.</param>
    /// <returns>A lazy view of the new rows, class by class in the order of <see cref="ClassCounts"/>.</returns>
    /// <exception cref="InvalidOperationException">The model has no label.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowsPerClass"/> is negative, or the total would exceed <see cref="int.MaxValue"/> rows.</exception>
    public IDataView GenerateBalanced(int? rowsPerClass = null, int? seed = null)
    {
        IReadOnlyDictionary<string, int> counts = ClassCounts;
        if (rowsPerClass is int r && r < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rowsPerClass), r, $"The target count per class must be 0 or more; it is {r}.");
        }

        int target = rowsPerClass ?? counts.Values.Max();
        var segments = new List<(int Count, string Label)>();
        long total = 0;
        foreach (var (label, count) in counts)
        {
            int missing = Math.Max(0, target - count);
            if (missing > 0)
            {
                segments.Add((missing, label));
                total += missing;
            }
        }

        if (total > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(rowsPerClass), rowsPerClass,
                $"Balancing to {target} rows per class needs {total} rows, more than {int.MaxValue}.");
        }

        ulong baseSeed = SeedFor(seed ?? _seed);
        IEnumerable<Table> Chunks()
        {
            foreach (var (count, label) in segments)
            {
                // Each class has its own stream, so a class's rows do not depend on the other classes' counts.
                ulong classSeed = unchecked(baseSeed + (0x9E3779B97F4A7C15UL * (ulong)(1 + IndexOfClass(label))));
                foreach (Table chunk in _synthesizer.GenerateChunks(count, classSeed, label, _chunkRows))
                {
                    yield return chunk;
                }
            }
        }

        return new SyntheticDataView(_bindings, total, Chunks);
    }

    /// <summary>
    /// The input rows, unchanged, with an added Double column <see cref="LogLikelihoodColumnName"/>: the log-likelihood of each
    /// row's modelled columns under the model, in nats. Continuous columns count as densities in their own units; a column
    /// recorded on a decimal lattice (at most 6 decimals, e.g. 39.1) or an integer column counts the probability of the value's
    /// cell (39.05–39.15), and a category the probability of its level, so the sum is a proper log-likelihood of the row as
    /// recorded. Higher is more typical: flag the lowest-scoring rows as anomalies.
    /// </summary>
    /// <param name="input">Rows with the modelled columns (other columns pass through).</param>
    /// <returns>A lazy 1:1 view.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A modelled column is absent.</exception>
    /// <exception cref="ArgumentException">A modelled column has another type. A category never seen in training fails when its chunk is scored, naming the column.</exception>
    public IDataView ScoreLogLikelihood(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new LogLikelihoodDataView(input, _bindings, _chunkRows, LogLikelihoodColumnName, _synthesizer.ScoreLogLikelihood);
    }

    /// <summary>
    /// A new transformer that generates with distilled students (paper §5.2): per block, a k-step map from the block's noise
    /// end to its data end, trained by regression on the model's own ODE trajectories. Generation then costs
    /// k = <see cref="DistillationOptions.Steps"/> network evaluations per block (<see cref="NetworkEvaluationsPerRow"/>; 4 instead
    /// of 160 for 4 one-step blocks against RK4 × 10), at a small quality cost measured in docs/perf/flow.md
    /// (docs/flow.md: <c>Steps = 1</c>, the default, for speed; <c>Steps = 2</c> for wider tables when fidelity matters).
    /// </summary>
    /// <remarks>
    /// This transformer is unchanged. The new one keeps the exact teacher, so <see cref="ScoreLogLikelihood(IDataView)"/>
    /// gives the same values (a student is not invertible, so it has no likelihood of its own); its columns, seed and class
    /// counts are this one's, and it saves and loads like any model (<see cref="IsDistilled"/> survives the round trip; the
    /// file is also read by <c>lfm sample --distilled</c>). Distilling an already distilled model retrains the students.
    /// A label-conditional model's students are trained on the training label marginal.
    /// Cost: the teacher integrates <see cref="DistillationOptions.Pairs"/> trajectories per block, then the student trains
    /// <see cref="DistillationOptions.Iterations"/> steps per block (seconds to a minute on 2 cores at the defaults).
    /// </remarks>
    /// <param name="options">Steps k, pairs, iterations, batch, learning rate, teacher solver, seed, threads; <see langword="null"/> for
    /// <see cref="DistillationOptions.Default"/> (k = 1, 50,000 pairs, 6,000 iterations per block).</param>
    /// <param name="progress">Receives progress (phase <see cref="LocalFlowPhase.Distilling"/>: block, iteration, loss), or <see langword="null"/>;
    /// the same reports go to <see cref="MLContext.Log"/>.</param>
    /// <param name="cancellationToken">Cancels between iterations.</param>
    /// <returns>The distilled transformer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; <see cref="ArgumentException.ParamName"/> names it.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; nothing is returned.</exception>
    public LocalFlowMatchingTransformer Distill(DistillationOptions? options = null, IProgress<LocalFlowProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= DistillationOptions.Default;
        options.Validate();
        using IChannel channel = _env.Start(LocalFlowMatchingEstimator.LogSource);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var forward = new ChannelProgress(channel, progress);
        Synthesizer distilled = _synthesizer.Distill(options, forward, cancellationToken);
        var result = new LocalFlowMatchingTransformer(_env, distilled, _bindings, _syntheticRowCount, _chunkRows, _seed);
        channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
            $"Distilled {distilled.Tabular.Model.Blocks.Count} blocks (k = {options.Steps}) in {clock.Elapsed.TotalSeconds:F1} s: {result.NetworkEvaluationsPerRow} network evaluations per generated row instead of {NetworkEvaluationsPerRow?.ToString(CultureInfo.InvariantCulture) ?? "adaptive"}."));
        return result;
    }

    /// <summary>
    /// Writes the model to <paramref name="path"/> atomically, in the model file format the <c>lfm</c> CLI uses, plus a section
    /// with the ML.NET column types (which the CLI ignores).
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <exception cref="IOException">The file cannot be written; an existing file is then unchanged.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ToModelFile().Save(path);
    }

    /// <summary>Writes the model to <paramref name="stream"/> (see <see cref="Save(string)"/>).</summary>
    /// <param name="stream">A writable stream; left open.</param>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ToModelFile().Write(stream);
    }

    /// <summary>
    /// Loads a model written by <see cref="Save(string)"/> or by the <c>lfm</c> CLI. A CLI model has no ML.NET types, so its
    /// columns get default ones: Continuous → Single, Integer → Int64, Boolean → Boolean, DateTime → DateTime, Categorical → text.
    /// </summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="path">The model file.</param>
    /// <returns>The transformer.</returns>
    /// <exception cref="InvalidDataException">The file is not a LocalFlow model, or is corrupt.</exception>
    public static LocalFlowMatchingTransformer Load(MLContext mlContext, string path)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using FileStream stream = File.OpenRead(path);
        return Load(mlContext, stream);
    }

    /// <summary>Loads a model from <paramref name="stream"/> (see <see cref="Load(MLContext, string)"/>).</summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="stream">A readable stream.</param>
    /// <returns>The transformer.</returns>
    /// <exception cref="InvalidDataException">The stream is not a LocalFlow model, or is corrupt.</exception>
    public static LocalFlowMatchingTransformer Load(MLContext mlContext, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(stream);
        return FromModelFile(mlContext, ModelFile.Read(stream));
    }

    /// <summary>
    /// Real ML.NET's <see cref="ModelSaveContext"/> exposes nothing an external component can write with. Save through
    /// <c>mlContext.Model.Save</c> (the stand-in calls this type's own serialiser) or <see cref="Save(string)"/>.
    /// </summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("Save LocalFlowMatchingTransformer with mlContext.Model.Save(...) or transformer.Save(path).");

    /// <summary>The stand-in's save hook (see the stand-in README): the model file bytes.</summary>
    private void SaveModel(Stream stream) => Save(stream);

    /// <summary>The stand-in's load hook.</summary>
    private static LocalFlowMatchingTransformer LoadModel(IHostEnvironment env, Stream stream) => FromModelFile(env, ModelFile.Read(stream));

    private ModelFile ToModelFile()
    {
        ModelFile file = _synthesizer.ToModelFile();
        var text = new StringBuilder();
        text.Append(SectionHeader).Append('\n');
        text.Append(_seed.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append(_syntheticRowCount?.ToString(CultureInfo.InvariantCulture) ?? "-").Append('\n');
        text.Append(_chunkRows.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (ColumnBinding b in _bindings)
        {
            text.Append(b.Serialize()).Append('\n');
        }

        file.SetSection(SectionName, Encoding.UTF8.GetBytes(text.ToString()));
        return file;
    }

    private static LocalFlowMatchingTransformer FromModelFile(IHostEnvironment env, ModelFile file)
    {
        Synthesizer synthesizer = Synthesizer.FromModelFile(file);
        if (!file.TryGetSection(SectionName, out byte[] payload))
        {
            // A CLI model: default ML.NET types from the tabular kinds.
            var bindings = synthesizer.Schema
                .Select(c => new ColumnBinding(c.Name, ColumnBinding.DefaultType(c.Kind), c.Kind, c.Name == synthesizer.LabelColumnName))
                .ToArray();
            return new LocalFlowMatchingTransformer(env, synthesizer, bindings, null, 1024, 0);
        }

        string[] lines = Encoding.UTF8.GetString(payload).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length < 4 || lines[0] != SectionHeader)
        {
            throw new InvalidDataException($"The model's '{SectionName}' section is not in a format this version reads (header '{lines.FirstOrDefault()}').");
        }

        int seed = int.Parse(lines[1], CultureInfo.InvariantCulture);
        int? rows = lines[2] == "-" ? null : int.Parse(lines[2], CultureInfo.InvariantCulture);
        int chunk = int.Parse(lines[3], CultureInfo.InvariantCulture);
        ColumnBinding[] saved = [.. lines.Skip(4).Select(ColumnBinding.Deserialize)];
        return new LocalFlowMatchingTransformer(env, synthesizer, saved, rows, chunk, seed);
    }

    private IDataView CreateView(long rows, int seed, string? label)
    {
        ulong s = SeedFor(seed);
        return new SyntheticDataView(_bindings, rows, () => _synthesizer.GenerateChunks(rows, s, label, _chunkRows));
    }

    private int IndexOfClass(string label) => _synthesizer.ClassCounts!.Keys.ToList().IndexOf(label);

    private static ulong SeedFor(int seed) => unchecked((ulong)(uint)seed);

    private void CheckClass(string labelValue, string parameterName)
    {
        if (_synthesizer.ClassCounts is not { } counts)
        {
            throw new ArgumentException($"A label value ('{labelValue}') was given, but the model was fitted without a label column.", parameterName);
        }

        if (!counts.ContainsKey(labelValue))
        {
            throw new ArgumentException(
                $"'{labelValue}' is not a class of label '{LabelColumnName}'; its classes are: {string.Join(", ", counts.Keys)}.", parameterName);
        }
    }

    /// <summary>Forwards distillation progress to the channel (hence <see cref="MLContext.Log"/>) and to the user's sink.</summary>
    private sealed class ChannelProgress(IChannel channel, IProgress<LocalFlowProgress>? user) : IProgress<LocalFlowProgress>
    {
        public void Report(LocalFlowProgress value)
        {
            channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
                $"{value.Phase} block {value.Block}/{value.BlockCount}, iteration {value.Iteration}/{value.IterationsPerBlock}, loss {value.Loss:G5}, elapsed {value.Elapsed.TotalSeconds:F1} s"));
            user?.Report(value);
        }
    }

    private static long CountRows(IDataView input)
    {
        long n = 0;
        using DataViewRowCursor cursor = input.GetRowCursor([]);
        while (cursor.MoveNext())
        {
            n++;
        }

        return n;
    }
}
