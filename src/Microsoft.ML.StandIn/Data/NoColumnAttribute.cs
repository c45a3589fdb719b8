namespace Microsoft.ML.Data;

/// <summary>Excludes a member of a row class from the schema.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class NoColumnAttribute : Attribute
{
}
