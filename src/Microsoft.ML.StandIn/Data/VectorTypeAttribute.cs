namespace Microsoft.ML.Data;

/// <summary>Marks an array member of a row class as a vector column of the given (fixed) size, e.g. <c>[VectorType(4)] float[]</c>.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class VectorTypeAttribute : Attribute
{
    /// <summary>A vector of variable size.</summary>
    public VectorTypeAttribute()
    {
        Dims = [];
    }

    /// <summary>A vector of fixed size.</summary>
    /// <param name="size">The size (0 = variable).</param>
    public VectorTypeAttribute(int size)
    {
        Dims = [size];
    }

    /// <summary>A vector with dimensions.</summary>
    /// <param name="dimensions">The dimensions.</param>
    public VectorTypeAttribute(params int[] dimensions)
    {
        Dims = dimensions ?? [];
    }

    // Internal in ML.NET.
    internal int[] Dims { get; }
}
