using Microsoft.ML.Data;

namespace Microsoft.ML;

/// <summary>
/// One row of an <see cref="IDataView"/>: values are read through typed getters per column.
/// User code may derive from it (the constructor is implicitly protected), as in ML.NET.
/// </summary>
public abstract class DataViewRow : IDisposable
{
    /// <summary>The row's 0-based position in its cursor's sequence, or -1 before the first <c>MoveNext</c>.</summary>
    public abstract long Position { get; }

    /// <summary>The batch this row belongs to when several cursors run in parallel (0 for a single cursor).</summary>
    public abstract long Batch { get; }

    /// <summary>Returns a getter for a 128-bit identifier that is unique per row of the underlying data.</summary>
    /// <returns>The id getter.</returns>
    public abstract ValueGetter<DataViewRowId> GetIdGetter();

    /// <summary>Whether <paramref name="column"/> was requested when the cursor was opened.</summary>
    /// <param name="column">A column of <see cref="Schema"/>.</param>
    /// <returns><see langword="true"/> when a getter for the column may be requested.</returns>
    public abstract bool IsColumnActive(DataViewSchema.Column column);

    /// <summary>Returns a getter for <paramref name="column"/>.</summary>
    /// <typeparam name="TValue">Must equal the column type's <see cref="DataViewType.RawType"/>.</typeparam>
    /// <param name="column">An active column of <see cref="Schema"/>.</param>
    /// <returns>The getter.</returns>
    /// <exception cref="InvalidOperationException"><typeparamref name="TValue"/> is not the column's raw type.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The column is not active.</exception>
    public abstract ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column);

    /// <summary>The schema of the row.</summary>
    public abstract DataViewSchema Schema { get; }

    /// <summary>Releases the row's resources: calls <see cref="Dispose(bool)"/> with <see langword="true"/> and suppresses finalization.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources; derived classes override to close readers or inner cursors.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }
}
