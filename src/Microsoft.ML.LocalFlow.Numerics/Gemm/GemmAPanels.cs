namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

/// <summary>Where the packed driver's micro-kernels read op(A)'s full MR-row micro-panels from.</summary>
/// <remarks>
/// Whatever the source, a partial last micro-panel (fewer than MR rows) is packed and zero-padded, and each micro-kernel
/// call runs the same FMAs in the same order, so the choice never changes a bit of C
/// (<see cref="GemmPackedDriver{TKernel}.ChooseAPanels"/>).
/// </remarks>
internal enum GemmAPanels
{
    /// <summary>Copied into the packed block Ã (BLIS): row stride 1, MR floats between p.</summary>
    Packed = 0,

    /// <summary>op(A) = Aᵀ read from A as stored: row stride 1, lda floats between p.</summary>
    TransposedInPlace = 1,

    /// <summary>op(A) = A read from A as stored (row-major): row stride lda, 1 float between p.</summary>
    InPlace = 2,
}
