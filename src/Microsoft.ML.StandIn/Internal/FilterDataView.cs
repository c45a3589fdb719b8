namespace Microsoft.ML.Data;

/// <summary>
/// A view keeping the rows of a source for which a per-cursor predicate holds. The predicate sees the source cursor
/// (whose <see cref="DataViewRow.Position"/> counts source rows) and may end the pass early by returning <see cref="RowVerdict.Stop"/>.
/// Used for TakeRows, SkipRows and TrainTestSplit.
/// </summary>
internal sealed class FilterDataView : IDataView
{
    private readonly IDataView _source;
    private readonly Func<DataViewRowCursor, Func<RowVerdict>> _predicateFactory;
    private readonly DataViewSchema.Column[] _extraColumns;
    private readonly Func<long?, long?> _rowCount;

    internal FilterDataView(IDataView source, Func<DataViewRowCursor, Func<RowVerdict>> predicateFactory,
        IEnumerable<DataViewSchema.Column> extraColumns, Func<long?, long?> rowCount)
    {
        _source = source;
        _predicateFactory = predicateFactory;
        _extraColumns = extraColumns.ToArray();
        _rowCount = rowCount;
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema => _source.Schema;

    public long? GetRowCount() => _rowCount(_source.GetRowCount());

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        var inner = _source.GetRowCursor(needed.Concat(_extraColumns).DistinctBy(c => c.Index));
        return new Cursor(Schema, needed, inner, _predicateFactory(inner));
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        => [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : RowCursorBase
    {
        private readonly DataViewRowCursor _inner;
        private readonly Func<RowVerdict> _predicate;

        internal Cursor(DataViewSchema schema, IEnumerable<DataViewSchema.Column> needed, DataViewRowCursor inner, Func<RowVerdict> predicate)
            : base(schema, needed)
        {
            _inner = inner;
            _predicate = predicate;
        }

        protected override bool MoveNextCore()
        {
            while (_inner.MoveNext())
            {
                switch (_predicate())
                {
                    case RowVerdict.Keep:
                        return true;
                    case RowVerdict.Stop:
                        return false;
                }
            }
            return false;
        }

        protected override ValueGetter<TValue> GetGetterCore<TValue>(int columnIndex) => _inner.GetGetter<TValue>(Schema[columnIndex]);

        public override ValueGetter<DataViewRowId> GetIdGetter() => _inner.GetIdGetter();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
