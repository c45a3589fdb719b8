using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Microsoft.ML.LocalFlow.Numerics.Nn.Kernels;

/// <summary>ELU's φ' from a: 1 where a &gt; 0, else eᶻ = a + 1.</summary>
internal readonly struct EluFromOutput : IDerivativeFromSource
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Derivative(float source) => source > 0f ? 1f : source + 1f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Derivative(Vector512<float> source) =>
        Vector512.Min(source, Vector512<float>.Zero) + Vector512<float>.One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> source) =>
        Vector256.Min(source, Vector256<float>.Zero) + Vector256<float>.One;
}
