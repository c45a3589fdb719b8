using Microsoft.ML.Data;
using Microsoft.ML.LocalFlow.Tabular;

namespace Microsoft.ML.LocalFlow;

/// <summary>
/// The input rows, unchanged, plus a <c>LogLikelihood</c> column of type Double. Lazy: a cursor reads the input through two
/// cursors in lockstep, one for the columns asked for and one that scores the modelled columns a chunk at a time, so scoring
/// any number of rows needs memory for one chunk.
/// </summary>
internal sealed class LogLikelihoodDataView : IDataView
{
    private readonly IDataView _input;
    private readonly ColumnBinding[] _bindings;
    private readonly int _chunkRows;
    private readonly Func<Table, double[]> _score;

    internal LogLikelihoodDataView(IDataView input, ColumnBinding[] bindings, int chunkRows, string outputColumnName, Func<Table, double[]> score)
    {
        _input = input;
        _bindings = bindings;
        _chunkRows = chunkRows;
        _score = score;
        TableBuilder.Find(input.Schema, bindings, nameof(input)); // fail now, not at the first MoveNext
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input.Schema);
        builder.AddColumn(outputColumnName, NumberDataViewType.Double);
        Schema = builder.ToSchema();
    }

    /// <inheritdoc/>
    public bool CanShuffle => false;

    /// <inheritdoc/>
    public DataViewSchema Schema { get; }

    private int ScoreIndex => Schema.Count - 1;

    /// <inheritdoc/>
    public long? GetRowCount() => _input.GetRowCount();

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var needed = columnsNeeded.ToArray();
        bool scored = needed.Any(c => c.Index == ScoreIndex);
        var inputColumns = needed.Where(c => c.Index != ScoreIndex).Select(c => _input.Schema[c.Index]).ToArray();
        return new Cursor(this, _input.GetRowCursor(inputColumns), scored ? new TableBuilder.Reader(_input, _bindings) : null);
    }

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(LogLikelihoodDataView view, DataViewRowCursor input, TableBuilder.Reader? reader) : DataViewRowCursor
    {
        private double[] _scores = [];
        private int _index = -1;

        public override long Position => input.Position;

        public override long Batch => input.Batch;

        public override DataViewSchema Schema => view.Schema;

        public override bool MoveNext()
        {
            if (!input.MoveNext())
            {
                return false;
            }

            if (reader is not null && ++_index >= _scores.Length)
            {
                long first = input.Position + 1;
                Table chunk = reader.Next(view._chunkRows)
                    ?? throw new InvalidOperationException("The input returned fewer rows to the scoring cursor than to the main cursor.");
                try
                {
                    _scores = view._score(chunk);
                }
                catch (FormatException e)
                {
                    // The tabular layer numbers rows within the chunk; say where the chunk starts in the input.
                    throw new FormatException($"Scoring input rows {first}–{first + chunk.RowCount - 1}: {e.Message}", e);
                }

                _index = 0;
            }

            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index == view.ScoreIndex ? reader is not null : input.IsColumnActive(view._input.Schema[column.Index]);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index != view.ScoreIndex)
            {
                return input.GetGetter<TValue>(view._input.Schema[column.Index]);
            }

            if (reader is null)
            {
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            }

            if (typeof(TValue) != typeof(double))
            {
                throw new InvalidOperationException($"Column '{column.Name}' is Double; it cannot be read as {typeof(TValue).Name}.");
            }

            ValueGetter<double> getter = (ref double value) => value = _scores[_index];
            return (ValueGetter<TValue>)(Delegate)getter;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                input.Dispose();
                reader?.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
