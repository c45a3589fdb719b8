using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Microsoft.ML.LocalFlow.Numerics.Nn.Kernels;

/// <summary>
/// tanh: φ(z) = sign(z)·(1 − e^(−2|z|))/(1 + e^(−2|z|)), which never overflows; φ'(z) = 1 − φ(z)².
/// </summary>
internal readonly struct TanhOp : IActivationOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float z, float beta) => MathF.Tanh(z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float z, float beta, out float derivative)
    {
        float a = MathF.Tanh(z);
        derivative = 1f - a * a;
        return a;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Apply(Vector512<float> z, Vector512<float> beta)
    {
        Vector512<float> e = Vector512.Exp(Vector512.Create(-2f) * Vector512.Abs(z));
        Vector512<float> magnitude = (Vector512<float>.One - e) / (Vector512<float>.One + e);
        return Vector512.CopySign(magnitude, z);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Apply(Vector512<float> z, Vector512<float> beta, out Vector512<float> derivative)
    {
        Vector512<float> a = Apply(z, beta);
        derivative = Vector512<float>.One - a * a;
        return a;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> z, Vector256<float> beta)
    {
        Vector256<float> e = Vector256.Exp(Vector256.Create(-2f) * Vector256.Abs(z));
        Vector256<float> magnitude = (Vector256<float>.One - e) / (Vector256<float>.One + e);
        return Vector256.CopySign(magnitude, z);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> z, Vector256<float> beta, out Vector256<float> derivative)
    {
        Vector256<float> a = Apply(z, beta);
        derivative = Vector256<float>.One - a * a;
        return a;
    }
}
