namespace Microsoft.ML.Runtime;

/// <summary>The environment components run in: registers hosts, opens channels and progress channels. <c>MLContext</c> implements it.</summary>
public interface IHostEnvironment : IChannelProvider, IProgressChannelProvider
{
    /// <summary>Creates a named child host with its own random source.</summary>
    /// <param name="name">The host name.</param>
    /// <param name="seed">The seed of the host's random source; <see langword="null"/> draws one from the environment.</param>
    /// <param name="verbose">Ignored by the stand-in.</param>
    /// <returns>The host.</returns>
    IHost Register(string name, int? seed = null, bool? verbose = null);

    /// <summary>The component catalog.</summary>
    ComponentCatalog ComponentCatalog { get; }
}
