using System.Reflection;

namespace Microsoft.ML.Data;

/// <summary>
/// Pool shuffling as in ML.NET's RowShufflingTransformer: a pool of <c>poolSize</c> rows is filled from the source; each
/// output row is drawn uniformly from the pool and its slot is refilled with the next source row. Pool size 1 keeps the
/// order. Values of the active columns are copied into the pool (vectors deep-copied), so memory is bounded by the pool.
/// </summary>
internal sealed class ShuffleDataView : IDataView
{
    private static readonly MethodInfo s_makeSlot = typeof(ShuffleDataView).GetMethod(nameof(MakeSlot), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly IDataView _source;
    private readonly int _seed;
    private readonly int _poolSize;
    private readonly bool _shuffleSource;

    internal ShuffleDataView(IDataView source, int seed, int poolSize, bool shuffleSource)
    {
        _source = source;
        _seed = seed;
        _poolSize = poolSize;
        _shuffleSource = shuffleSource;
    }

    public bool CanShuffle => true;

    public DataViewSchema Schema => _source.Schema;

    public long? GetRowCount() => _source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        // A fixed seed unless the caller asks for its own randomness: re-reading the view repeats the order.
        var random = rand ?? new Random(_seed);
        var inner = _source.GetRowCursor(needed, _shuffleSource && _source.CanShuffle ? new Random(random.Next()) : null);
        return new Cursor(Schema, needed, inner, random, _poolSize);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        => [GetRowCursor(columnsNeeded, rand)];

    private abstract class PoolColumn
    {
        internal abstract void Load(int slot);

        internal abstract Delegate Getter { get; }
    }

    private sealed class PoolColumn<T> : PoolColumn
    {
        private readonly T[] _slots;
        private readonly ValueGetter<T> _source;
        private readonly Func<int> _current;

        internal PoolColumn(int size, ValueGetter<T> source, Func<int> current)
        {
            _slots = new T[size];
            _source = source;
            _current = current;
            Getter = (ValueGetter<T>)((ref T v) => v = _slots[_current()]);
        }

        internal override Delegate Getter { get; }

        internal override void Load(int slot) => _source(ref _slots[slot]);
    }

    private sealed class VectorPoolColumn<T> : PoolColumn
    {
        private readonly VBuffer<T>[] _slots;
        private readonly ValueGetter<VBuffer<T>> _source;
        private readonly Func<int> _current;
        private VBuffer<T> _scratch;

        internal VectorPoolColumn(int size, ValueGetter<VBuffer<T>> source, Func<int> current)
        {
            _slots = new VBuffer<T>[size];
            _source = source;
            _current = current;
            Getter = (ValueGetter<VBuffer<T>>)((ref VBuffer<T> v) => _slots[_current()].CopyTo(ref v));
        }

        internal override Delegate Getter { get; }

        internal override void Load(int slot)
        {
            _source(ref _scratch);
            _scratch.CopyTo(ref _slots[slot]);
        }
    }

    private static PoolColumn MakeSlot<T>(DataViewRow row, DataViewSchema.Column column, int size, Func<int> current)
        => typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(VBuffer<>)
            ? (PoolColumn)typeof(ShuffleDataView).GetMethod(nameof(MakeVectorSlot), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(typeof(T).GetGenericArguments()[0]).Invoke(null, [row, column, size, current])!
            : new PoolColumn<T>(size, row.GetGetter<T>(column), current);

    private static PoolColumn MakeVectorSlot<T>(DataViewRow row, DataViewSchema.Column column, int size, Func<int> current)
        => new VectorPoolColumn<T>(size, row.GetGetter<VBuffer<T>>(column), current);

    private sealed class Cursor : RowCursorBase
    {
        private readonly DataViewRowCursor _inner;
        private readonly Random _random;
        private readonly PoolColumn?[] _columns;
        private readonly int[] _live;
        private int _count;
        private int _free;
        private int _current = -1;
        private bool _filled;

        internal Cursor(DataViewSchema schema, DataViewSchema.Column[] needed, DataViewRowCursor inner, Random random, int poolSize)
            : base(schema, needed)
        {
            _inner = inner;
            _random = random;
            // poolSize live slots plus one slot holding the row currently exposed.
            _live = new int[poolSize];
            _free = poolSize;
            _columns = new PoolColumn?[schema.Count];
            foreach (var column in needed.DistinctBy(c => c.Index))
                _columns[column.Index] = (PoolColumn)s_makeSlot.MakeGenericMethod(column.Type.RawType).Invoke(null, [inner, column, poolSize + 1, (Func<int>)(() => _current)])!;
        }

        protected override bool MoveNextCore()
        {
            if (!_filled)
            {
                _filled = true;
                while (_count < _live.Length && _inner.MoveNext())
                {
                    Load(_count);
                    _live[_count] = _count;
                    _count++;
                }
            }
            if (_count == 0)
                return false;
            int k = _random.Next(_count);
            int chosen = _live[k];
            if (_inner.MoveNext())
            {
                Load(_free);
                _live[k] = _free;
                _free = chosen;
            }
            else
            {
                _live[k] = _live[--_count];
            }
            _current = chosen;
            return true;
        }

        private void Load(int slot)
        {
            foreach (var column in _columns)
                column?.Load(slot);
        }

        protected override ValueGetter<TValue> GetGetterCore<TValue>(int columnIndex) => (ValueGetter<TValue>)_columns[columnIndex]!.Getter;

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
