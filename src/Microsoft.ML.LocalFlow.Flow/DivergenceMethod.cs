namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>How the likelihood computes tr(∂v/∂x).</summary>
public enum DivergenceMethod
{
    /// <summary>The exact trace by forward-mode tangents (cost ≈ d forward passes; the default, as the official code).</summary>
    Exact = 0,

    /// <summary>The Hutchinson estimate with <see cref="LikelihoodOptions.HutchinsonProbes"/> Rademacher probes per row (unbiased; for wide data).</summary>
    Hutchinson = 1,
}
