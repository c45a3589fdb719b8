namespace Microsoft.ML.Runtime;

/// <summary>The catalog of loadable components. In ML.NET it is large and mostly internal; the stand-in exposes nothing.</summary>
public sealed class ComponentCatalog
{
    internal ComponentCatalog()
    {
    }
}
