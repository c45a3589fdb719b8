namespace Microsoft.ML;

/// <summary>
/// A lazily evaluated, cursorable, columnar table: the universal data currency of ML.NET.
/// Mirrors <c>Microsoft.ML.IDataView</c> from ML.NET 4.x (assembly Microsoft.ML.DataView).
/// </summary>
public interface IDataView
{
    /// <summary>Whether <see cref="GetRowCursor"/> honours a non-null <c>rand</c> by returning rows in a shuffled order.</summary>
    bool CanShuffle { get; }

    /// <summary>The number of rows if it is known without a full pass, otherwise <see langword="null"/>.</summary>
    /// <returns>The row count, or <see langword="null"/> when only a cursor pass can tell.</returns>
    long? GetRowCount();

    /// <summary>Opens a cursor over the rows, computing only <paramref name="columnsNeeded"/>.</summary>
    /// <param name="columnsNeeded">The columns whose getters the caller will request; others may be skipped.</param>
    /// <param name="rand">A source of randomness for shuffling; ignored when <see cref="CanShuffle"/> is false.</param>
    /// <returns>A cursor positioned before the first row.</returns>
    DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null);

    /// <summary>Opens up to <paramref name="n"/> cursors that together visit every row once; implementations may return fewer (one).</summary>
    /// <param name="columnsNeeded">The columns whose getters the caller will request.</param>
    /// <param name="n">The suggested number of cursors.</param>
    /// <param name="rand">A source of randomness for shuffling.</param>
    /// <returns>An array of one or more cursors.</returns>
    DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null);

    /// <summary>The schema (column names and types) of the rows.</summary>
    DataViewSchema Schema { get; }
}
