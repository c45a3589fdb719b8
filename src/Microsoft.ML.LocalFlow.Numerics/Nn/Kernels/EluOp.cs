using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Microsoft.ML.LocalFlow.Numerics.Nn.Kernels;

/// <summary>ELU (α = 1): φ(z) = z for z &gt; 0 else eᶻ − 1; φ'(z) = 1 for z &gt; 0 else eᶻ.</summary>
internal readonly struct EluOp : IActivationOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float z, float beta) => z > 0f ? z : MathF.Exp(z) - 1f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float z, float beta, out float derivative)
    {
        if (z > 0f)
        {
            derivative = 1f;
            return z;
        }

        float e = MathF.Exp(z);
        derivative = e;
        return e - 1f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Apply(Vector512<float> z, Vector512<float> beta)
    {
        Vector512<float> e = Vector512.Exp(Vector512.Min(z, Vector512<float>.Zero));
        return Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), z, e - Vector512<float>.One);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Apply(Vector512<float> z, Vector512<float> beta, out Vector512<float> derivative)
    {
        // For z > 0, e = exp(0) = 1, which is also the derivative there.
        Vector512<float> e = Vector512.Exp(Vector512.Min(z, Vector512<float>.Zero));
        derivative = e;
        return Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), z, e - Vector512<float>.One);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> z, Vector256<float> beta)
    {
        Vector256<float> e = Vector256.Exp(Vector256.Min(z, Vector256<float>.Zero));
        return Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), z, e - Vector256<float>.One);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> z, Vector256<float> beta, out Vector256<float> derivative)
    {
        Vector256<float> e = Vector256.Exp(Vector256.Min(z, Vector256<float>.Zero));
        derivative = e;
        return Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), z, e - Vector256<float>.One);
    }
}
