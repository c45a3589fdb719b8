using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Microsoft.ML.LocalFlow.Numerics.Nn.Kernels;

/// <summary>ReLU's φ' from a = max(z, 0): [a &gt; 0], equal to [z &gt; 0].</summary>
internal readonly struct ReluFromOutput : IDerivativeFromSource
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Derivative(float source) => source > 0f ? 1f : 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Derivative(Vector512<float> source) => Vector512.GreaterThan(source, Vector512<float>.Zero) & Vector512<float>.One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> source) => Vector256.GreaterThan(source, Vector256<float>.Zero) & Vector256<float>.One;
}
