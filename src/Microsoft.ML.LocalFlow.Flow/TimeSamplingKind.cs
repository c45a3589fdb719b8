namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>How training times t ∈ [0, 1] are drawn.</summary>
public enum TimeSamplingKind
{
    /// <summary>t ~ U(0, 1).</summary>
    Uniform = 0,

    /// <summary>t ~ Beta(α, β) (the official GAS setting is Beta(1, 0.5), skewed toward t = 1).</summary>
    Beta = 1,
}
