namespace Microsoft.ML.LocalFlow.Numerics.Optim;

/// <summary>
/// AdamW (Loshchilov &amp; Hutter): Adam with decoupled weight decay, θ ← θ·(1 − ηλ) before the Adam update.
/// See <see cref="AdamOptimizerBase"/> for the update and the NaN/∞ guarantees.
/// </summary>
public sealed class AdamW : AdamOptimizerBase
{
    /// <summary>Creates AdamW with a learning-rate schedule.</summary>
    /// <param name="parameterCount">The parameter vector length; at least 1.</param>
    /// <param name="schedule">The learning rate per iteration.</param>
    /// <param name="weightDecay">Decoupled weight decay λ ≥ 0; default 0.01 (PyTorch's default).</param>
    /// <param name="beta1">β₁ in [0, 1); default 0.9.</param>
    /// <param name="beta2">β₂ in [0, 1); default 0.999.</param>
    /// <param name="epsilon">ε &gt; 0; default 1e-8.</param>
    /// <param name="maxGradientNorm">Global-norm clipping threshold; +∞ (default) disables clipping.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the parameter name says which.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    public AdamW(int parameterCount, ILearningRateSchedule schedule, float weightDecay = 0.01f, float beta1 = 0.9f,
        float beta2 = 0.999f, float epsilon = 1e-8f, float maxGradientNorm = float.PositiveInfinity)
        : base(parameterCount, schedule, beta1, beta2, epsilon, weightDecay, maxGradientNorm, decoupled: true)
    {
    }

    /// <summary>Creates AdamW with a constant learning rate.</summary>
    /// <param name="parameterCount">The parameter vector length; at least 1.</param>
    /// <param name="learningRate">The rate; finite and positive.</param>
    /// <param name="weightDecay">Decoupled weight decay λ ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the parameter name says which.</exception>
    public AdamW(int parameterCount, float learningRate, float weightDecay = 0.01f)
        : this(parameterCount, new ConstantLearningRate(ScheduleChecks.Positive(learningRate, nameof(learningRate))), weightDecay)
    {
    }
}
