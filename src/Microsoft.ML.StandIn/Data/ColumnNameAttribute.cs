namespace Microsoft.ML.Data;

/// <summary>Gives the column name of a row-class member (default: the member name).</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ColumnNameAttribute : Attribute
{
    /// <summary>Sets the column name.</summary>
    /// <param name="name">The column name.</param>
    public ColumnNameAttribute(string name)
    {
        Name = name;
    }

    // Internal in ML.NET.
    internal string Name { get; }
}
