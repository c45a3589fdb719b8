using System.Numerics.Tensors;

namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>
/// Adam / AdamW with bias correction and global-norm clipping for one block's parameters, plus the learning-rate
/// schedule. State is allocated once per block; a step allocates nothing.
/// </summary>
/// <remarks>
/// Assumptions: parameters and gradients are contiguous float spans of equal length; moments are float32.
/// β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (PyTorch's defaults, which the official code uses).
/// </remarks>
internal sealed class BlockOptimizer
{
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;

    private readonly float[] _m;
    private readonly float[] _v;
    private readonly LocalFlowOptions _options;
    private int _step;

    public BlockOptimizer(int parameterCount, LocalFlowOptions options)
    {
        _m = new float[parameterCount];
        _v = new float[parameterCount];
        _options = options;
    }

    /// <summary>The learning rate at 0-based iteration <paramref name="iteration"/> of a block.</summary>
    public static double LearningRate(LocalFlowOptions o, int iteration)
    {
        double lr = o.LearningRate;
        int w = o.WarmupIterations;
        if (iteration < w)
        {
            return lr * (iteration + 1) / w;
        }

        return o.LearningRateSchedule switch
        {
            LearningRateScheduleKind.Step => lr * Math.Pow(o.LearningRateDecay, iteration / o.LearningRateStepSize),
            LearningRateScheduleKind.Cosine => o.IterationsPerBlock - w <= 1 ? lr
                : lr * 0.5 * (1 + Math.Cos(Math.PI * (iteration - w) / (o.IterationsPerBlock - w))),
            _ => lr,
        };
    }

    /// <summary>Clips <paramref name="gradient"/> to the global norm, then takes one Adam(W) step on <paramref name="parameters"/>.</summary>
    /// <returns>The gradient norm before clipping.</returns>
    public double Step(Span<float> parameters, Span<float> gradient, int iteration)
    {
        double norm = Math.Sqrt(TensorPrimitives.SumOfSquares(gradient));
        if (!double.IsFinite(norm))
        {
            throw new InvalidOperationException($"The gradient norm is {norm} at iteration {iteration}; the step was not applied (lower LearningRate or set GradientClipNorm).");
        }

        double clip = _options.GradientClipNorm;
        if (clip > 0 && norm > clip)
        {
            TensorPrimitives.Multiply(gradient, (float)(clip / norm), gradient);
        }

        _step++;
        double lr = LearningRate(_options, iteration);
        float c1 = (float)(1 - Math.Pow(Beta1, _step));
        float c2 = (float)(1 - Math.Pow(Beta2, _step));
        float stepSize = (float)(lr / c1);
        float invSqrtC2 = 1f / MathF.Sqrt(c2);
        float decay = _options.Optimizer == OptimizerKind.AdamW ? (float)(1 - (lr * _options.WeightDecay)) : 1f;
        float[] m = _m, v = _v;
        for (int i = 0; i < parameters.Length; i++)
        {
            float g = gradient[i];
            float mi = (Beta1 * m[i]) + ((1 - Beta1) * g);
            float vi = (Beta2 * v[i]) + ((1 - Beta2) * g * g);
            m[i] = mi;
            v[i] = vi;
            parameters[i] = (parameters[i] * decay) - (stepSize * mi / ((MathF.Sqrt(vi) * invSqrtC2) + Epsilon));
        }

        return norm;
    }
}
