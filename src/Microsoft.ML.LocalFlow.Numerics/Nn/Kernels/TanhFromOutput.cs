using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Microsoft.ML.LocalFlow.Numerics.Nn.Kernels;

/// <summary>tanh's φ' from a = tanh(z): 1 − a².</summary>
internal readonly struct TanhFromOutput : IDerivativeFromSource
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Derivative(float source) => 1f - source * source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Derivative(Vector512<float> source) => Vector512<float>.One - source * source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> source) => Vector256<float>.One - source * source;
}
