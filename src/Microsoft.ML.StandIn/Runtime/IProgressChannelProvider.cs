namespace Microsoft.ML.Runtime;

/// <summary>Opens progress channels.</summary>
public interface IProgressChannelProvider
{
    /// <summary>Opens a progress channel; dispose it when done.</summary>
    /// <param name="name">The name of the work being tracked.</param>
    /// <returns>The channel.</returns>
    IProgressChannel StartProgressChannel(string name);
}
