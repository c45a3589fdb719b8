namespace Microsoft.ML;

/// <summary>A forward-only cursor over the rows of an <see cref="IDataView"/>; the current row is the cursor itself.</summary>
public abstract class DataViewRowCursor : DataViewRow
{
    /// <summary>Advances to the next row.</summary>
    /// <returns><see langword="false"/> when the rows are exhausted.</returns>
    public abstract bool MoveNext();
}
