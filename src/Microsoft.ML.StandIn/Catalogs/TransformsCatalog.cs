using Microsoft.ML.Runtime;

namespace Microsoft.ML;

/// <summary>The catalog of data transformations, reached as <c>mlContext.Transforms</c>. The stand-in carries no transforms.</summary>
public sealed class TransformsCatalog : IInternalCatalog
{
    private readonly IHostEnvironment _env;

    internal TransformsCatalog(IHostEnvironment env)
    {
        _env = env;
    }

    IHostEnvironment IInternalCatalog.Environment => _env;
}
