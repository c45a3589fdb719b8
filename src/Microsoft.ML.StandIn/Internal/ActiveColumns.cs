namespace Microsoft.ML.Data;

/// <summary>Turns a <c>columnsNeeded</c> sequence into a per-index flag array, validating that each column belongs to the schema.</summary>
internal static class ActiveColumns
{
    internal static bool[] Of(DataViewSchema schema, IEnumerable<DataViewSchema.Column> columnsNeeded)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[schema.Count];
        foreach (var column in columnsNeeded)
        {
            if ((uint)column.Index >= (uint)schema.Count || schema[column.Index].Name != column.Name)
                throw new ArgumentOutOfRangeException(nameof(columnsNeeded), $"Column '{column.Name}' (index {column.Index}) is not part of the schema.");
            active[column.Index] = true;
        }
        return active;
    }

    /// <summary>The columns of <paramref name="schema"/> flagged in <paramref name="active"/>.</summary>
    internal static IEnumerable<DataViewSchema.Column> Select(DataViewSchema schema, bool[] active)
    {
        for (int i = 0; i < active.Length; i++)
        {
            if (active[i])
                yield return schema[i];
        }
    }
}
