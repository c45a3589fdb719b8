namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

/// <summary>What a GEMM applies to each finished tile of C (see <see cref="GemmEpilogue"/>).</summary>
internal enum GemmEpilogueKind
{
    /// <summary>Nothing: C = α·op(A)·op(B) + β·C.</summary>
    None = 0,

    /// <summary>C ← φ(C + bias) with a per-column bias (a dense layer's forward), optionally storing φ'.</summary>
    BiasActivation = 1,

    /// <summary>C ← C ⊙ φ'(·), φ' recovered from a stored source (a dense layer's backward: dZ = dA ⊙ φ'(Z)).</summary>
    ActivationGradient = 2,
}
