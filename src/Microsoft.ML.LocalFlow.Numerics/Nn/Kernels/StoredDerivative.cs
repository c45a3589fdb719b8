using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Microsoft.ML.LocalFlow.Numerics.Nn.Kernels;

/// <summary>The source already is φ'(z) (SiLU, softplus): identity.</summary>
internal readonly struct StoredDerivative : IDerivativeFromSource
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Derivative(float source) => source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Derivative(Vector512<float> source) => source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Derivative(Vector256<float> source) => source;
}
