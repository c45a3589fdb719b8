namespace Microsoft.ML.LocalFlow.Numerics.Optim;

/// <summary>
/// Adam with bias correction; an optional weight decay λ is added to the gradient (L2, as PyTorch's Adam).
/// See <see cref="AdamOptimizerBase"/> for the update and the NaN/∞ guarantees.
/// </summary>
public sealed class Adam : AdamOptimizerBase
{
    /// <summary>Creates Adam with a learning-rate schedule.</summary>
    /// <param name="parameterCount">The parameter vector length; at least 1.</param>
    /// <param name="schedule">The learning rate per iteration.</param>
    /// <param name="beta1">β₁ in [0, 1); default 0.9.</param>
    /// <param name="beta2">β₂ in [0, 1); default 0.999.</param>
    /// <param name="epsilon">ε &gt; 0; default 1e-8.</param>
    /// <param name="weightDecay">L2 weight decay λ ≥ 0; default 0.</param>
    /// <param name="maxGradientNorm">Global-norm clipping threshold; +∞ (default) disables clipping.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the parameter name says which.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    public Adam(int parameterCount, ILearningRateSchedule schedule, float beta1 = 0.9f, float beta2 = 0.999f,
        float epsilon = 1e-8f, float weightDecay = 0f, float maxGradientNorm = float.PositiveInfinity)
        : base(parameterCount, schedule, beta1, beta2, epsilon, weightDecay, maxGradientNorm, decoupled: false)
    {
    }

    /// <summary>Creates Adam with a constant learning rate.</summary>
    /// <param name="parameterCount">The parameter vector length; at least 1.</param>
    /// <param name="learningRate">The rate; finite and positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the parameter name says which.</exception>
    public Adam(int parameterCount, float learningRate)
        : this(parameterCount, new ConstantLearningRate(ScheduleChecks.Positive(learningRate, nameof(learningRate))))
    {
    }
}
