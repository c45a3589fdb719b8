namespace Microsoft.ML.LocalFlow.Flow.Interpolants;

/// <summary>The path I_t between X0 (data side, t = 0) and X1 (noise side, t = 1) a block is trained on.</summary>
public enum InterpolantKind
{
    /// <summary>I_t = cos(πt/2)·X0 + sin(πt/2)·X1 (the official code's tabular choice; the default).</summary>
    Trigonometric = 0,

    /// <summary>I_t = (1 − t)·X0 + t·X1.</summary>
    Linear = 1,

    /// <summary>I_t = (1 − t)·X0 + (σ_min + (1 − σ_min)·t)·X1 (Lipman et al.'s OT path, written with data at t = 0).</summary>
    LinearSigmaMin = 2,
}
