using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Microsoft.ML;

/// <summary>
/// Data loading, conversion and splitting, reached as <c>mlContext.Data</c>. Text loading lives in <see cref="TextLoaderSaverCatalog"/>.
/// </summary>
public sealed partial class DataOperationsCatalog : IInternalCatalog
{
    private readonly MLContext _context;

    internal DataOperationsCatalog(MLContext context)
    {
        _context = context;
    }

    IHostEnvironment IInternalCatalog.Environment => _context;

    internal MLContext Context => _context;

    /// <summary>
    /// Wraps a sequence of row objects as a streaming <see cref="IDataView"/>: each cursor enumerates <paramref name="data"/> again.
    /// The row count is known when <paramref name="data"/> is a collection.
    /// </summary>
    /// <typeparam name="TRow">The row class; its public fields and properties become columns (see <see cref="SchemaDefinition"/>).</typeparam>
    /// <param name="data">The rows.</param>
    /// <param name="schemaDefinition">Overrides the inferred mapping; <see langword="null"/> infers it from <typeparamref name="TRow"/>.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A member cannot be mapped to a column type (the message names it).</exception>
    public IDataView LoadFromEnumerable<TRow>(IEnumerable<TRow> data, SchemaDefinition? schemaDefinition = null)
        where TRow : class
    {
        ArgumentNullException.ThrowIfNull(data);
        var definition = schemaDefinition ?? SchemaDefinition.Create(typeof(TRow), SchemaDefinition.Direction.Read);
        var builder = new DataViewSchema.Builder();
        foreach (var column in definition)
            builder.AddColumn(column.ColumnName, column.ColumnType);
        return new EnumerableDataView<TRow>(data, definition.ToArray(), builder.ToSchema());
    }

    /// <summary>Wraps row objects as an <see cref="IDataView"/> whose columns follow <paramref name="schema"/> (names, order, types, annotations).</summary>
    /// <typeparam name="TRow">The row class; each schema column must match a member by column name.</typeparam>
    /// <param name="data">The rows.</param>
    /// <param name="schema">The schema to expose.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A schema column has no matching member, or its type does not fit the member.</exception>
    public IDataView LoadFromEnumerable<TRow>(IEnumerable<TRow> data, DataViewSchema schema)
        where TRow : class
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(schema);
        var definition = SchemaDefinition.Create(typeof(TRow), SchemaDefinition.Direction.Read);
        var columns = new List<SchemaDefinition.Column>();
        foreach (var column in schema)
        {
            var member = definition.FirstOrDefault(c => c.ColumnName == column.Name)
                ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{column.Name}' of the schema has no matching member in '{typeof(TRow).Name}'.");
            if (!RowMapper.IsCompatible(member.ColumnType, column.Type))
                throw new ArgumentOutOfRangeException(nameof(schema), $"Schema mismatch for column '{column.Name}': member '{member.MemberName}' gives '{member.ColumnType}', the schema says '{column.Type}'.");
            member.ColumnType = column.Type;
            columns.Add(member);
        }
        return new EnumerableDataView<TRow>(data, columns.ToArray(), schema);
    }

    /// <summary>Enumerates the rows of <paramref name="data"/> as objects, lazily, one cursor per enumeration.</summary>
    /// <typeparam name="TRow">The row class; members are matched to columns by column name.</typeparam>
    /// <param name="data">The data.</param>
    /// <param name="reuseRowObject">Whether to fill the same object for every row (faster; callers must copy what they keep).</param>
    /// <param name="ignoreMissingColumns">Whether members without a matching column are left at their defaults instead of failing.</param>
    /// <param name="schemaDefinition">Overrides the inferred mapping.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A member has no matching column (unless ignored) or an incompatible type; the message names the column.</exception>
    public IEnumerable<TRow> CreateEnumerable<TRow>(IDataView data, bool reuseRowObject,
        bool ignoreMissingColumns = false, SchemaDefinition? schemaDefinition = null)
        where TRow : class, new()
    {
        ArgumentNullException.ThrowIfNull(data);
        var definition = schemaDefinition ?? SchemaDefinition.Create(typeof(TRow), SchemaDefinition.Direction.Write);
        var pairs = new List<(SchemaDefinition.Column Member, DataViewSchema.Column Data)>();
        foreach (var member in definition)
        {
            var column = data.Schema.GetColumnOrNull(member.ColumnName);
            if (column is null)
            {
                if (ignoreMissingColumns)
                    continue;
                throw new ArgumentOutOfRangeException(nameof(data), $"Could not find column '{member.ColumnName}' (member '{member.MemberName}' of '{typeof(TRow).Name}').");
            }
            if (!RowMapper.IsCompatible(member.ColumnType, column.Value.Type))
                throw new ArgumentOutOfRangeException(nameof(data), $"Schema mismatch for column '{member.ColumnName}': expected '{member.ColumnType}', got '{column.Value.Type}'.");
            pairs.Add((member, column.Value));
        }
        return Enumerate<TRow>(data, pairs, reuseRowObject);
    }

    private static IEnumerable<TRow> Enumerate<TRow>(IDataView data, List<(SchemaDefinition.Column Member, DataViewSchema.Column Data)> pairs, bool reuse)
        where TRow : class, new()
    {
        using var cursor = data.GetRowCursor(pairs.Select(p => p.Data));
        var writers = pairs.Select(p => RowMapper.MakeWriter<TRow>(p.Member, cursor, p.Data)).ToArray();
        TRow? shared = reuse ? new TRow() : null;
        while (cursor.MoveNext())
        {
            var row = shared ?? new TRow();
            foreach (var write in writers)
                write(row);
            yield return row;
        }
    }

    /// <summary>Keeps the first <paramref name="count"/> rows; stops reading the source after them.</summary>
    /// <param name="input">The data.</param>
    /// <param name="count">The number of rows to keep, ≥ 0.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public IDataView TakeRows(IDataView input, long count)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (count < 0)
            throw new ArgumentOutOfRangeException(nameof(count), count, "Must be non-negative.");
        return new FilterDataView(input,
            cursor => () => cursor.Position < count ? RowVerdict.Keep : RowVerdict.Stop,
            [], n => n is long total ? Math.Min(total, count) : null);
    }

    /// <summary>Drops the first <paramref name="count"/> rows.</summary>
    /// <param name="input">The data.</param>
    /// <param name="count">The number of rows to drop, ≥ 0.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public IDataView SkipRows(IDataView input, long count)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (count < 0)
            throw new ArgumentOutOfRangeException(nameof(count), count, "Must be non-negative.");
        return new FilterDataView(input,
            cursor => () => cursor.Position < count ? RowVerdict.Skip : RowVerdict.Keep,
            [], n => n is long total ? Math.Max(0, total - count) : null);
    }

    /// <summary>
    /// Shuffles rows with a pool of <paramref name="shufflePoolSize"/> rows (ML.NET's RowShufflingTransformer): each output row is
    /// drawn uniformly from the pool, whose slot is refilled from the source. A pool at least as large as the data gives a uniform
    /// permutation; smaller pools shuffle locally. Re-reading the view repeats the order (unless a cursor is given its own Random).
    /// </summary>
    /// <param name="input">The data.</param>
    /// <param name="seed">The seed; <see langword="null"/> draws one from the context.</param>
    /// <param name="shufflePoolSize">The pool size, ≥ 1 (1 keeps the order).</param>
    /// <param name="shuffleSource">Whether to also ask the source for a shuffled cursor when it can shuffle.</param>
    /// <returns>The shuffled view.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shufflePoolSize"/> &lt; 1.</exception>
    public IDataView ShuffleRows(IDataView input, int? seed = null, int shufflePoolSize = 1000, bool shuffleSource = true)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (shufflePoolSize < 1)
            throw new ArgumentOutOfRangeException(nameof(shufflePoolSize), shufflePoolSize, "Must be at least 1.");
        return new ShuffleDataView(input, seed ?? _context.NextSeed(), shufflePoolSize, shuffleSource);
    }

    /// <summary>
    /// Splits rows at random into a train and a test set. Each row (or each distinct value of <paramref name="samplingKeyColumnName"/>)
    /// goes to the test set with probability <paramref name="testFraction"/>, so sizes are approximate, as in ML.NET.
    /// The assignment is a pure function of the seed and the row position (or key), so both views agree and results repeat.
    /// </summary>
    /// <param name="data">The data.</param>
    /// <param name="testFraction">The expected test fraction, in (0, 1).</param>
    /// <param name="samplingKeyColumnName">A column whose equal values stay together (number, text or boolean); <see langword="null"/> = per row.</param>
    /// <param name="seed">The seed; <see langword="null"/> draws one from the context (repeatable when the context is seeded).</param>
    /// <returns>The two views.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is outside (0, 1), or the key column is missing or of an unsupported type.</exception>
    public TrainTestData TrainTestSplit(IDataView data, double testFraction = 0.1, string? samplingKeyColumnName = null, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "Must be between 0 and 1 exclusive.");
        int s = seed ?? _context.NextSeed();
        DataViewSchema.Column? key = null;
        if (samplingKeyColumnName is not null)
        {
            key = data.Schema.GetColumnOrNull(samplingKeyColumnName)
                ?? throw new ArgumentOutOfRangeException(nameof(samplingKeyColumnName), $"Column '{samplingKeyColumnName}' not found.");
            if (key.Value.Type is VectorDataViewType)
                throw new ArgumentOutOfRangeException(nameof(samplingKeyColumnName), $"Column '{samplingKeyColumnName}' is a vector ('{key.Value.Type}'); a scalar key is required.");
        }
        IDataView Side(bool test)
        {
            DataViewSchema.Column[] extra = key is { } k ? [k] : [];
            return new FilterDataView(data, cursor =>
            {
                Func<ulong> keyOf = key is { } kc ? KeyReader.Create(cursor, kc) : () => (ulong)cursor.Position;
                return () => (SplitHash.Uniform(s, keyOf()) < testFraction) == test ? RowVerdict.Keep : RowVerdict.Skip;
            }, extra, _ => null);
        }
        return new TrainTestData(Side(test: false), Side(test: true));
    }
}
