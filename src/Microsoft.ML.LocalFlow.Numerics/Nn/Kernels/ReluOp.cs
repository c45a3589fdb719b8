using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Microsoft.ML.LocalFlow.Numerics.Nn.Kernels;

/// <summary>ReLU: φ(z) = max(z, 0), φ'(z) = [z &gt; 0] (0 at z = 0, as PyTorch).</summary>
internal readonly struct ReluOp : IActivationOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float z, float beta) => z > 0f ? z : 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float z, float beta, out float derivative)
    {
        derivative = z > 0f ? 1f : 0f;
        return z > 0f ? z : 0f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Apply(Vector512<float> z, Vector512<float> beta) => Vector512.Max(z, Vector512<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Apply(Vector512<float> z, Vector512<float> beta, out Vector512<float> derivative)
    {
        derivative = Vector512.GreaterThan(z, Vector512<float>.Zero) & Vector512<float>.One;
        return Vector512.Max(z, Vector512<float>.Zero);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> z, Vector256<float> beta) => Vector256.Max(z, Vector256<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> z, Vector256<float> beta, out Vector256<float> derivative)
    {
        derivative = Vector256.GreaterThan(z, Vector256<float>.Zero) & Vector256<float>.One;
        return Vector256.Max(z, Vector256<float>.Zero);
    }
}
