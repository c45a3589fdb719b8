using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.LocalFlow;

/// <summary>
/// Fits a Local Flow Matching generative model of a table, giving a <see cref="LocalFlowMatchingTransformer"/> that
/// generates new rows like the training rows and scores the log-likelihood of rows. Create it with
/// <c>mlContext.Generative.LocalFlowMatching(...)</c>.
/// </summary>
/// <remarks>
/// <para><b>Estimator characteristics.</b></para>
/// <list type="table">
/// <item><term>Input columns</term><description>The columns named by <see cref="LocalFlowMatchingOptions.ColumnNames"/> (default: all visible
/// columns), plus the label. Scalar Single, Double, integer types, Boolean, text, key and DateTime columns, and fixed-size vectors of
/// Single, Double, Int32 or Int64 (modelled slot by slot).</description></item>
/// <item><term>Output columns</term><description>The modelled columns, with their input types, holding synthetic values
/// (see <see cref="LocalFlowMatchingTransformer.Transform(IDataView)"/>).</description></item>
/// <item><term>Does it need normalisation?</term><description>No: each column is encoded (quantile map, dequantisation, one-hot or
/// analog bits) by the model itself.</description></item>
/// <item><term>Does it need caching?</term><description>No: <see cref="Fit(IDataView)"/> reads the data once into memory.</description></item>
/// <item><term>Is the transformer a row-to-row mapper?</term><description>No: generated rows are not functions of input rows.</description></item>
/// </list>
/// <para>Progress goes to <see cref="MLContext.Log"/> (source <c>LocalFlowMatching</c>, kind Info, every
/// <see cref="LocalFlowMatchingOptions.ProgressInterval"/> iterations) and to <see cref="LocalFlowMatchingOptions.Progress"/>.</para>
/// </remarks>
public sealed class LocalFlowMatchingEstimator : IEstimator<LocalFlowMatchingTransformer>
{
    internal const string LogSource = "LocalFlowMatching";

    private readonly IHostEnvironment _env;
    private readonly LocalFlowMatchingOptions _options;

    /// <summary>Copies and validates <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (see <see cref="LocalFlowMatchingOptions.Validate"/>).</exception>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    internal LocalFlowMatchingEstimator(IHostEnvironment env, LocalFlowMatchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _env = env;
        _options = options.Clone();
    }

    /// <summary>A copy of the options this estimator fits with.</summary>
    public LocalFlowMatchingOptions Options => _options.Clone();

    /// <summary>
    /// The schema of the transformer's output for input of shape <paramref name="inputSchema"/>: the modelled columns, unchanged,
    /// in input order (the transformer emits synthetic rows with the same columns and types).
    /// </summary>
    /// <param name="inputSchema">The shape of the training data.</param>
    /// <returns>The output shape.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A column named in the options is absent; the message names it.</exception>
    /// <exception cref="ArgumentException">A modelled column has an unsupported type, or a kind that does not fit it; the message names it.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var columns = inputSchema.ToArray();
        var typed = columns.Select(c => (c.Name, ProxyType(c))).ToArray();
        ColumnBinding[] bindings = ColumnBinding.Resolve(typed, _options);
        var chosen = new HashSet<string>(bindings.Select(b => b.Name), StringComparer.Ordinal);

        // SchemaShape.Column cannot be constructed outside ML.NET; pass the input's own columns through.
        var output = new List<SchemaShape.Column>();
        for (int i = columns.Length - 1; i >= 0; i--)
        {
            if (chosen.Remove(columns[i].Name))
            {
                output.Add(columns[i]);
            }
        }

        output.Reverse();
        return new SchemaShape(output);
    }

    /// <summary>A concrete type with the kind a shape column describes, for kind resolution only.</summary>
    private static DataViewType ProxyType(SchemaShape.Column column)
    {
        if (column.Kind != SchemaShape.Column.VectorKind.Scalar && column.ItemType is PrimitiveDataViewType item)
        {
            return new VectorDataViewType(item, column.Kind == SchemaShape.Column.VectorKind.Vector ? 1 : 0);
        }

        if (column.IsKey && KeyDataViewType.IsValidDataType(column.ItemType.RawType))
        {
            return new KeyDataViewType(column.ItemType.RawType, 1UL);
        }

        return column.ItemType;
    }

    /// <summary>
    /// Reads the modelled columns of <paramref name="input"/> (one cursor pass) and trains the model. If reading or training
    /// fails, the exception propagates and no transformer is returned.
    /// </summary>
    /// <param name="input">The training rows.</param>
    /// <returns>The fitted transformer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A column named in the options is absent; the message names it.</exception>
    /// <exception cref="ArgumentException">A column has an unsupported type or a value that does not fit its kind; the message names it.</exception>
    /// <exception cref="InvalidOperationException">The input has no rows, or its cursor failed (the cursor's exception is the inner exception).</exception>
    /// <exception cref="OperationCanceledException"><see cref="LocalFlowMatchingOptions.CancellationToken"/> was cancelled.</exception>
    public LocalFlowMatchingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var visible = input.Schema.Where(c => !c.IsHidden).Select(c => (c.Name, c.Type)).ToArray();
        ColumnBinding[] bindings = ColumnBinding.Resolve(visible, _options);
        int seed = _options.Seed ?? _env.Register(LogSource).Rand.Next();

        using IChannel channel = _env.Start(LogSource);
        var clock = Stopwatch.StartNew();
        var table = TableBuilder.Read(input, bindings, _options.CancellationToken);
        channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
            $"Read {table.RowCount} rows × {table.ColumnCount} columns in {clock.Elapsed.TotalSeconds:F1} s: {table.Schema}."));

        var progress = new LogProgress(channel, _options.Progress);
        Synthesizer synthesizer = Synthesizer.Fit(table, _options, seed, progress, _options.CancellationToken);
        channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
            $"Fitted {_options.StepSizes.Count} blocks in {clock.Elapsed.TotalSeconds:F1} s."));
        return new LocalFlowMatchingTransformer(_env, synthesizer, bindings, _options.SyntheticRowCount, _options.ChunkRows, seed);
    }

    /// <summary>Forwards training progress to the channel (hence <see cref="MLContext.Log"/>) and to the user's <see cref="IProgress{T}"/>.</summary>
    private sealed class LogProgress(IChannel channel, IProgress<LocalFlowProgress>? user) : IProgress<LocalFlowProgress>
    {
        public void Report(LocalFlowProgress value)
        {
            channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
                $"{value.Phase} block {value.Block}/{value.BlockCount}, iteration {value.Iteration}/{value.IterationsPerBlock}, " +
                $"loss {value.Loss:G5}{(double.IsNaN(value.ValidationLoss) ? string.Empty : $", validation loss {value.ValidationLoss:G5}")}, " +
                $"elapsed {value.Elapsed.TotalSeconds:F1} s"));
            user?.Report(value);
        }
    }
}
