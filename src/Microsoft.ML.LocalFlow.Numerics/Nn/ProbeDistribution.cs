namespace Microsoft.ML.LocalFlow.Numerics.Nn;

/// <summary>The law of the probe vectors ε of the Hutchinson estimator tr(J) ≈ mean over probes of εᵀJε.</summary>
public enum ProbeDistribution
{
    /// <summary>Independent ±1 entries: the minimum-variance choice among i.i.d. probes.</summary>
    Rademacher = 0,

    /// <summary>Independent standard Gaussian entries.</summary>
    Gaussian = 1,
}
