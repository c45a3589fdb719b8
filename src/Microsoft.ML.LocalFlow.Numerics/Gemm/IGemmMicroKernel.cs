namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

/// <summary>
/// A register-tiled micro-kernel: C(MR×NR) := α·A(MR×kc)·B(kc×NR) + β·C from packed micro-panels.
/// </summary>
/// <remarks>
/// Implemented by structs with static members only, so that <see cref="GemmPackedDriver{TKernel}"/> is
/// specialized per kernel by the JIT: MR and NR become constants and the call is direct (no virtual dispatch).
/// </remarks>
internal unsafe interface IGemmMicroKernel
{
    /// <summary>Rows of the register tile; the packed A micro-panel width.</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the register tile; the packed B micro-panel width.</summary>
    static abstract int NR { get; }

    /// <summary>Whether the hardware runs this kernel natively.</summary>
    static abstract bool IsSupported { get; }

    /// <summary>Computes the full MR×NR tile C := α·A·B + β·C; β = 0 never reads C.</summary>
    /// <param name="kc">Depth of the update; at least 1.</param>
    /// <param name="a">A micro-panel: op(A)[r, p] at a[r·aRowStride + p·aStep] for r &lt; MR, p &lt; kc.</param>
    /// <param name="aRowStride">Floats between rows of the panel: 1 for a packed panel and for op(A) = Aᵀ read in
    /// place; the leading dimension for A read in place (row-major, GemmPackedDriver).</param>
    /// <param name="aStep">Floats from one p to the next: MR for a packed panel; the leading dimension for op(A) = Aᵀ
    /// read in place; 1 for A read in place. Neither stride changes the arithmetic (so every bit of C is the same).</param>
    /// <param name="b">Packed B micro-panel: kc groups of NR floats.</param>
    /// <param name="c">Top-left element of the tile of C.</param>
    /// <param name="ldc">Row stride of C, in floats.</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="beta">Scale of the old C.</param>
    static abstract void Compute(int kc, float* a, nint aRowStride, nint aStep, float* b, float* c, nint ldc, float alpha, float beta);
}
