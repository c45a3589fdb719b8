namespace Microsoft.ML.Runtime;

/// <summary>Internal, as in ML.NET: exposes the environment's seed to friend assemblies.</summary>
internal interface IHostEnvironmentInternal : IHostEnvironment
{
    /// <summary>The seed the environment was created with.</summary>
    int? Seed { get; }
}
