using Microsoft.ML.Data;
using Microsoft.ML.LocalFlow.Tabular;

namespace Microsoft.ML.LocalFlow;

/// <summary>
/// A lazy <see cref="IDataView"/> of generated rows. Nothing is generated until a cursor moves; each cursor then generates
/// chunk at a time (an enumeration of tables) and keeps only the current one, so any row count streams in bounded memory.
/// Every cursor enumerates the same sequence, so row r is the same in every cursor.
/// </summary>
internal sealed class SyntheticDataView : IDataView
{
    private readonly ColumnBinding[] _bindings;
    private readonly Func<IEnumerable<Table>> _chunks;

    /// <param name="bindings">The output columns.</param>
    /// <param name="rowCount">Rows in the view (the chunks must hold exactly this many).</param>
    /// <param name="chunks">Starts a lazy enumeration of the rows, as tables whose columns have the bindings' names.</param>
    internal SyntheticDataView(ColumnBinding[] bindings, long rowCount, Func<IEnumerable<Table>> chunks)
    {
        _bindings = bindings;
        RowCount = rowCount;
        _chunks = chunks;
        var builder = new DataViewSchema.Builder();
        foreach (ColumnBinding b in bindings)
        {
            builder.AddColumn(b.Name, b.Type);
        }

        Schema = builder.ToSchema();
    }

    internal long RowCount { get; }

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
        private IEnumerator<Table>? _chunks;
        private long _position = -1;
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

            _chunks ??= _view._chunks().GetEnumerator();
            Table? chunk = null;
            while (_chunks.MoveNext())
            {
                if (_chunks.Current.RowCount > 0)
                {
                    chunk = _chunks.Current;
                    break;
                }
            }

            if (chunk is null)
            {
                _done = true;
                _index = -1;
                if (_position + 1 != _view.RowCount)
                {
                    throw new InvalidOperationException($"The generator produced {_position + 1} rows where {_view.RowCount} were expected.");
                }

                return false;
            }

            for (int i = 0; i < _columns.Length; i++)
            {
                _columns[i]?.Fill(chunk, chunk.RowCount);
            }

            _chunkCount = chunk.RowCount;
            _index = 0;
            _position++;
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _chunks?.Dispose();
            }

            base.Dispose(disposing);
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
