namespace Microsoft.ML.Data;

/// <summary>A streaming view over an <see cref="IEnumerable{T}"/> of row objects; each cursor enumerates the sequence again.</summary>
internal sealed class EnumerableDataView<TRow> : IDataView
    where TRow : class
{
    private readonly IEnumerable<TRow> _data;
    private readonly SchemaDefinition.Column[] _columns;

    internal EnumerableDataView(IEnumerable<TRow> data, SchemaDefinition.Column[] columns, DataViewSchema schema)
    {
        _data = data;
        _columns = columns;
        Schema = schema;
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _data switch
    {
        ICollection<TRow> c => c.Count,
        IReadOnlyCollection<TRow> r => r.Count,
        _ => null,
    };

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        => new Cursor(this, columnsNeeded);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        => [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : RowCursorBase
    {
        private readonly IEnumerator<TRow> _enumerator;
        private readonly Delegate?[] _getters;
        private TRow? _current;

        internal Cursor(EnumerableDataView<TRow> parent, IEnumerable<DataViewSchema.Column> columnsNeeded)
            : base(parent.Schema, columnsNeeded)
        {
            _enumerator = parent._data.GetEnumerator();
            _getters = new Delegate?[parent._columns.Length];
            for (int i = 0; i < _getters.Length; i++)
            {
                if (IsActive(i))
                    _getters[i] = RowMapper.MakeReader(parent._columns[i], () => _current!);
            }
        }

        protected override bool MoveNextCore()
        {
            if (!_enumerator.MoveNext())
                return false;
            _current = _enumerator.Current
                ?? throw new InvalidOperationException($"The enumerable yielded a null row at position {Position + 1}.");
            return true;
        }

        protected override ValueGetter<TValue> GetGetterCore<TValue>(int columnIndex) => (ValueGetter<TValue>)_getters[columnIndex]!;

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _enumerator.Dispose();
            base.Dispose(disposing);
        }
    }
}
