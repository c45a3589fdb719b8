using System.Numerics.Tensors;

namespace Microsoft.ML.LocalFlow.Numerics.Optim;

/// <summary>Global gradient-norm clipping (as PyTorch's clip_grad_norm_).</summary>
public static class GradientClipping
{
    /// <summary>The Euclidean norm ‖g‖₂, checking every entry is finite.</summary>
    /// <param name="gradient">The gradient.</param>
    /// <returns>‖g‖₂.</returns>
    /// <exception cref="NonFiniteValueException">An entry is NaN or infinite.</exception>
    public static float GlobalNorm(ReadOnlySpan<float> gradient) => (float)GradientNorm.Compute(gradient);

    /// <summary>
    /// Scales <paramref name="gradient"/> by min(1, maxNorm/(‖g‖₂ + 10⁻⁶)) and returns the norm before clipping.
    /// </summary>
    /// <param name="gradient">The gradient, scaled in place.</param>
    /// <param name="maxNorm">The largest norm allowed; finite and positive.</param>
    /// <returns>‖g‖₂ before clipping.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not finite and positive.</exception>
    /// <exception cref="NonFiniteValueException">An entry is NaN or infinite (the gradient is left unchanged).</exception>
    public static float ClipByGlobalNorm(Span<float> gradient, float maxNorm)
    {
        ScheduleChecks.Positive(maxNorm, nameof(maxNorm));
        double norm = GradientNorm.Compute(gradient);
        float scale = ClipScale(norm, maxNorm);
        if (scale < 1f)
        {
            TensorPrimitives.Multiply(gradient, scale, gradient);
        }

        return (float)norm;
    }

    /// <summary>min(1, maxNorm/(norm + 10⁻⁶)); 1 for an infinite maxNorm.</summary>
    internal static float ClipScale(double norm, float maxNorm) =>
        float.IsPositiveInfinity(maxNorm) ? 1f : (float)Math.Min(1.0, maxNorm / (norm + 1e-6));
}
