namespace Microsoft.ML.Data;

/// <summary>Names the text-file field(s) a member of a row class is loaded from (0-based), for <c>LoadFromTextFile&lt;T&gt;</c>.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class LoadColumnAttribute : Attribute
{
    /// <summary>Loads the member from one field.</summary>
    /// <param name="fieldIndex">The 0-based field index.</param>
    public LoadColumnAttribute(int fieldIndex)
    {
        Sources = [new TextLoader.Range(fieldIndex)];
    }

    /// <summary>Loads a vector member from the fields <paramref name="start"/>..<paramref name="end"/> (inclusive).</summary>
    /// <param name="start">The first field.</param>
    /// <param name="end">The last field.</param>
    public LoadColumnAttribute(int start, int end)
    {
        Sources = [new TextLoader.Range(start, end)];
    }

    /// <summary>Loads a vector member from the listed fields.</summary>
    /// <param name="columnIndexes">The 0-based field indexes.</param>
    public LoadColumnAttribute(int[] columnIndexes)
    {
        ArgumentNullException.ThrowIfNull(columnIndexes);
        Sources = columnIndexes.Select(i => new TextLoader.Range(i)).ToList();
    }

    // Internal in ML.NET: the attribute's stored value is not public surface.
    internal List<TextLoader.Range> Sources { get; }
}
