using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Microsoft.ML.LocalFlow.Numerics.Nn.Kernels;

/// <summary>SiLU: φ(z) = z·σ(z), φ'(z) = σ(z)·(1 + z·(1 − σ(z))). The exponent is clamped so e^(−z) stays finite.</summary>
internal readonly struct SiluOp : IActivationOp
{
    private const float Clamp = 80f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float z, float beta) => z * Sigmoid(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float z, float beta, out float derivative)
    {
        float s = Sigmoid(z);
        derivative = s * (1f + z * (1f - s));
        return z * s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Apply(Vector512<float> z, Vector512<float> beta) => z * Sigmoid(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Apply(Vector512<float> z, Vector512<float> beta, out Vector512<float> derivative)
    {
        Vector512<float> s = Sigmoid(z);
        derivative = s * (Vector512<float>.One + z * (Vector512<float>.One - s));
        return z * s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> z, Vector256<float> beta) => z * Sigmoid(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> z, Vector256<float> beta, out Vector256<float> derivative)
    {
        Vector256<float> s = Sigmoid(z);
        derivative = s * (Vector256<float>.One + z * (Vector256<float>.One - s));
        return z * s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-Math.Clamp(z, -Clamp, Clamp)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Sigmoid(Vector512<float> z) =>
        Vector512<float>.One / (Vector512<float>.One + Vector512.Exp(-Vector512.Clamp(z, Vector512.Create(-Clamp), Vector512.Create(Clamp))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Sigmoid(Vector256<float> z) =>
        Vector256<float>.One / (Vector256<float>.One + Vector256.Exp(-Vector256.Clamp(z, Vector256.Create(-Clamp), Vector256.Create(Clamp))));
}
