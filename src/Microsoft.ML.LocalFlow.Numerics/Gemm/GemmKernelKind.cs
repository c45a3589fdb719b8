namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

/// <summary>The instruction-set path a <see cref="Gemm"/> call runs on.</summary>
/// <remarks>
/// <c>Gemm.Multiply</c> picks the widest path the processor supports once, at start-up
/// (<see cref="Gemm.Kernel"/>). The enum is public so that benchmarks and logs can name the path in use.
/// </remarks>
public enum GemmKernelKind
{
    /// <summary>Portable fallback: Vector128 micro-kernel 4×8, for any processor .NET runs on.</summary>
    Portable = 0,

    /// <summary>Vector256 with fused multiply-add (x64 AVX2 + FMA): micro-kernel 6×16.</summary>
    Avx2 = 1,

    /// <summary>Vector512 (x64 AVX-512F): micro-kernel 8×32, used where <c>Avx512F.IsSupported</c>.</summary>
    Avx512 = 2,
}
