namespace Microsoft.ML;

/// <summary>
/// Adds <c>mlContext.Generative</c>, the entry point of the generative estimators, to <see cref="MLContext"/>.
/// </summary>
/// <remarks>
/// ML.NET's own extension packages add catalogs as extension methods (<c>mlContext.Auto()</c>); C# 14 extension members
/// let this package add a property instead, with no change to <see cref="MLContext"/>, so it works unchanged against the
/// real Microsoft.ML package. The compiler does not allow a method named <c>Generative()</c> beside the property (CS9339:
/// the call would be ambiguous), so callers on C# 13 or older use <see cref="GetGenerativeCatalog(MLContext)"/>.
/// </remarks>
public static class GenerativeCatalogExtensions
{
    /// <summary>The extension members of <see cref="MLContext"/>.</summary>
    /// <param name="mlContext">The context.</param>
    extension(MLContext mlContext)
    {
        /// <summary>Generative models of tables: <c>mlContext.Generative.LocalFlowMatching(...)</c> and <c>mlContext.Generative.Sweep(...)</c>.</summary>
        public GenerativeCatalog Generative => GetGenerativeCatalog(mlContext);
    }

    /// <summary>The generative catalog, for callers on C# 13 or older (C# 14 callers write <c>mlContext.Generative</c>).</summary>
    /// <param name="mlContext">The context.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mlContext"/> is null.</exception>
    public static GenerativeCatalog GetGenerativeCatalog(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new GenerativeCatalog(mlContext);
    }
}
