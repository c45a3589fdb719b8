namespace Microsoft.ML.Data;

/// <summary>The cardinality of a key column in a text loader (the stand-in's loader does not read key columns).</summary>
public sealed class KeyCount
{
    /// <summary>Unknown cardinality.</summary>
    public KeyCount()
    {
    }

    /// <summary>A known cardinality.</summary>
    /// <param name="count">The number of key values.</param>
    public KeyCount(ulong count)
    {
        Count = count;
    }

    /// <summary>The cardinality, or <see langword="null"/> when unknown.</summary>
    public ulong? Count;
}
