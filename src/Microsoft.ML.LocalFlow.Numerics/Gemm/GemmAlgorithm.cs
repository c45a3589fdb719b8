namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

/// <summary>Which loop nest a GEMM call runs; <see cref="Auto"/> except in tests and benchmarks.</summary>
internal enum GemmAlgorithm
{
    /// <summary>Unpacked when n is small (<see cref="GemmBlockSizes.UnpackedThreshold"/>), packed otherwise.</summary>
    Auto = 0,

    /// <summary>BLIS-style packed, cache-blocked loops around a register-tiled micro-kernel; op(A)'s micro-panels are
    /// packed or read in place by the size rules (<see cref="GemmPackedDriver{TKernel}.ChooseAPanels"/>).</summary>
    Packed = 1,

    /// <summary>Direct SIMD loops over the operands as stored, without packing.</summary>
    Unpacked = 2,

    /// <summary>The packed nest with every micro-panel of op(A) packed into Ã, whatever the shape (tests: the bits
    /// that reading A in place must reproduce).</summary>
    PackedCopyA = 3,

    /// <summary>The packed nest with op(A)'s full micro-panels read in place whatever the shape and orientation
    /// (tests: the in-place loops on every small shape).</summary>
    PackedInPlaceA = 4,
}
