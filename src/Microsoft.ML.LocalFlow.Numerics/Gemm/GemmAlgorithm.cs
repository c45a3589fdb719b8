namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

/// <summary>Which loop nest a GEMM call runs; <see cref="Auto"/> except in tests and benchmarks.</summary>
internal enum GemmAlgorithm
{
    /// <summary>Unpacked when n is small (<see cref="GemmBlockSizes.UnpackedThreshold"/>), packed otherwise.</summary>
    Auto = 0,

    /// <summary>BLIS-style packed, cache-blocked loops around a register-tiled micro-kernel.</summary>
    Packed = 1,

    /// <summary>Direct SIMD loops over the operands as stored, without packing.</summary>
    Unpacked = 2,
}
