using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Microsoft.ML.LocalFlow.Numerics.Nn.Kernels;

/// <summary>
/// Softplus with sharpness β: φ(z) = log(1 + e^(βz))/β, computed stably as (max(y, 0) + log(1 + e^(−|y|)))/β with
/// y = βz; φ'(z) = σ(y) = 1/(1 + e^(−y)).
/// </summary>
internal readonly struct SoftplusOp : IActivationOp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float z, float beta)
    {
        float y = beta * z;
        return (MathF.Max(y, 0f) + MathF.Log(1f + MathF.Exp(-MathF.Abs(y)))) / beta;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float z, float beta, out float derivative)
    {
        float y = beta * z;
        float e = MathF.Exp(-MathF.Abs(y));

        // σ(y) from e = e^(−|y|) without a second exponential: σ = 1/(1+e) for y ≥ 0, e/(1+e) for y < 0.
        float inv = 1f / (1f + e);
        derivative = y >= 0f ? inv : e * inv;
        return (MathF.Max(y, 0f) + MathF.Log(1f + e)) / beta;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Apply(Vector512<float> z, Vector512<float> beta)
    {
        Vector512<float> y = beta * z;
        Vector512<float> e = Vector512.Exp(-Vector512.Abs(y));
        return (Vector512.Max(y, Vector512<float>.Zero) + Vector512.Log(Vector512<float>.One + e)) / beta;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Apply(Vector512<float> z, Vector512<float> beta, out Vector512<float> derivative)
    {
        Vector512<float> y = beta * z;
        Vector512<float> e = Vector512.Exp(-Vector512.Abs(y));
        Vector512<float> onePlus = Vector512<float>.One + e;
        Vector512<float> inv = Vector512<float>.One / onePlus;
        derivative = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(y, Vector512<float>.Zero), inv, e * inv);
        return (Vector512.Max(y, Vector512<float>.Zero) + Vector512.Log(onePlus)) / beta;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> z, Vector256<float> beta)
    {
        Vector256<float> y = beta * z;
        Vector256<float> e = Vector256.Exp(-Vector256.Abs(y));
        return (Vector256.Max(y, Vector256<float>.Zero) + Vector256.Log(Vector256<float>.One + e)) / beta;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> z, Vector256<float> beta, out Vector256<float> derivative)
    {
        Vector256<float> y = beta * z;
        Vector256<float> e = Vector256.Exp(-Vector256.Abs(y));
        Vector256<float> onePlus = Vector256<float>.One + e;
        Vector256<float> inv = Vector256<float>.One / onePlus;
        derivative = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(y, Vector256<float>.Zero), inv, e * inv);
        return (Vector256.Max(y, Vector256<float>.Zero) + Vector256.Log(onePlus)) / beta;
    }
}
