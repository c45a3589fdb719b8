using Microsoft.ML.Runtime;

namespace Microsoft.ML;

/// <summary>Internal, as in ML.NET: gives friend code the environment behind a catalog.</summary>
internal interface IInternalCatalog
{
    IHostEnvironment Environment { get; }
}
