namespace Microsoft.ML.Runtime;

/// <summary>A named environment for one component, with its own random source.</summary>
public interface IHost : IHostEnvironment
{
    /// <summary>The host's random source (seeded from the environment).</summary>
    Random Rand { get; }
}
