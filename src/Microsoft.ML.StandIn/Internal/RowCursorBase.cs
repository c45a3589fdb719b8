namespace Microsoft.ML.Data;

/// <summary>
/// Common plumbing for the stand-in's cursors: position, active-column bookkeeping, id getter and the getter checks
/// ML.NET performs (wrong <c>TValue</c> → <see cref="InvalidOperationException"/>; inactive column → <see cref="ArgumentOutOfRangeException"/>).
/// </summary>
internal abstract class RowCursorBase : DataViewRowCursor
{
    private readonly bool[] _active;
    private long _position = -1;
    private bool _done;

    protected RowCursorBase(DataViewSchema schema, IEnumerable<DataViewSchema.Column> columnsNeeded)
    {
        Schema = schema;
        _active = ActiveColumns.Of(schema, columnsNeeded);
    }

    public sealed override DataViewSchema Schema { get; }

    public sealed override long Position => _position;

    public override long Batch => 0;

    public sealed override bool IsColumnActive(DataViewSchema.Column column)
        => (uint)column.Index < (uint)_active.Length && _active[column.Index];

    public override ValueGetter<DataViewRowId> GetIdGetter()
        => (ref DataViewRowId value) =>
        {
            EnsureOnRow();
            value = new DataViewRowId((ulong)_position, 0);
        };

    public sealed override bool MoveNext()
    {
        if (_done)
            return false;
        if (MoveNextCore())
        {
            _position++;
            return true;
        }
        _done = true;
        _position = -1;
        return false;
    }

    public sealed override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        CheckColumn(column);
        if (typeof(TValue) != Schema[column.Index].Type.RawType)
            throw new InvalidOperationException(
                $"Invalid TValue in GetGetter: '{typeof(TValue)}', expected type: '{Schema[column.Index].Type.RawType}'.");
        var inner = GetGetterCore<TValue>(column.Index);
        return (ref TValue value) =>
        {
            EnsureOnRow();
            inner(ref value);
        };
    }

    /// <summary>Advances the underlying source; returns false at the end.</summary>
    protected abstract bool MoveNextCore();

    /// <summary>The getter of an active column whose raw type is <typeparamref name="TValue"/>.</summary>
    protected abstract ValueGetter<TValue> GetGetterCore<TValue>(int columnIndex);

    protected bool IsActive(int columnIndex) => _active[columnIndex];

    protected void EnsureOnRow()
    {
        if (_position < 0)
            throw new InvalidOperationException("The cursor is not on a row: call MoveNext first (and check that it returned true).");
    }

    private void CheckColumn(DataViewSchema.Column column)
    {
        if ((uint)column.Index >= (uint)Schema.Count || Schema[column.Index].Name != column.Name)
            throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' does not belong to this cursor's schema.");
        if (!_active[column.Index])
            throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' was not requested when the cursor was opened (requested column not active).");
    }
}
