using Microsoft.ML.Data;
using Microsoft.ML.LocalFlow.Tabular;

namespace Microsoft.ML.LocalFlow;

/// <summary>
/// A lazy <see cref="IDataView"/> of generated rows. Nothing is generated until a cursor moves; each cursor then generates
/// <see cref="ChunkRows"/> rows at a time and keeps only the current chunk, so any row count streams in bounded memory.
/// Row r of a view is the same in every cursor, because the generator is asked for (first row, count) and derives its
/// randomness from the seed and the row index.
/// </summary>
internal sealed class SyntheticDataView : IDataView
{
    private readonly ColumnBinding[] _bindings;
    private readonly Func<long, int, Table> _generate;

    /// <param name="bindings">The output columns.</param>
    /// <param name="rowCount">Rows in the view.</param>
    /// <param name="chunkRows">Rows generated together.</param>
    /// <param name="generate">Generates rows [first, first + count) as a table whose columns have the bindings' names.</param>
    internal SyntheticDataView(ColumnBinding[] bindings, long rowCount, int chunkRows, Func<long, int, Table> generate)
    {
        _bindings = bindings;
        RowCount = rowCount;
        ChunkRows = chunkRows;
        _generate = generate;
        var builder = new DataViewSchema.Builder();
        foreach (ColumnBinding b in bindings)
        {
            builder.AddColumn(b.Name, b.Type);
        }

        Schema = builder.ToSchema();
    }

    internal long RowCount { get; }

    internal int ChunkRows { get; }

    /// <inheritdoc/>
    public bool CanShuffle => false;

    /// <inheritdoc/>
    public DataViewSchema Schema { get; }

    /// <inheritdoc/>
    public long? GetRowCount() => RowCount;

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        return new Cursor(this, columnsNeeded);
    }

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly SyntheticDataView _view;
        private readonly bool[] _active;
        private readonly ChunkColumn?[] _columns;
        private long _position = -1;
        private long _chunkStart;
        private int _chunkCount;
        private int _index = -1;
        private bool _done;

        internal Cursor(SyntheticDataView view, IEnumerable<DataViewSchema.Column> columnsNeeded)
        {
            _view = view;
            _active = new bool[view._bindings.Length];
            foreach (DataViewSchema.Column c in columnsNeeded)
            {
                if (c.Index < 0 || c.Index >= _active.Length || view.Schema[c.Index].Name != c.Name)
                {
                    throw new ArgumentOutOfRangeException(nameof(columnsNeeded), c.Name, $"Column '{c.Name}' does not belong to this view's schema.");
                }

                _active[c.Index] = true;
            }

            _columns = new ChunkColumn?[_active.Length];
            for (int i = 0; i < _columns.Length; i++)
            {
                _columns[i] = _active[i] ? ChunkColumn.Create(view._bindings[i]) : null;
            }
        }

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => _view.Schema;

        public override bool MoveNext()
        {
            if (_done)
            {
                return false;
            }

            if (_index + 1 < _chunkCount)
            {
                _index++;
                _position++;
                return true;
            }

            long next = _chunkStart + _chunkCount;
            if (next >= _view.RowCount)
            {
                _done = true;
                _index = -1;
                return false;
            }

            int rows = (int)Math.Min(_view.ChunkRows, _view.RowCount - next);
            Table chunk = _view._generate(next, rows);
            if (chunk.RowCount != rows)
            {
                throw new InvalidOperationException($"The generator returned {chunk.RowCount} rows where {rows} were asked for.");
            }

            for (int i = 0; i < _columns.Length; i++)
            {
                _columns[i]?.Fill(chunk[_view._bindings[i].Name], rows);
            }

            _chunkStart = next;
            _chunkCount = rows;
            _index = 0;
            _position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index >= 0 && column.Index < _active.Length && _active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column))
            {
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            }

            if (_columns[column.Index]!.CreateGetter(() => _index) is not ValueGetter<TValue> getter)
            {
                throw new InvalidOperationException(
                    $"Column '{column.Name}' has type {_view.Schema[column.Index].Type}; it cannot be read as {typeof(TValue).Name}.");
            }

            return getter;
        }
    }
}
