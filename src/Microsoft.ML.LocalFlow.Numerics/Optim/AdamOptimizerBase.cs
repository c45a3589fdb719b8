using System.Runtime.Intrinsics;
using Microsoft.ML.LocalFlow.Numerics.Threading;

namespace Microsoft.ML.LocalFlow.Numerics.Optim;

/// <summary>
/// Adam with bias correction (Kingma &amp; Ba), the common core of <see cref="Adam"/> (L2 weight decay added to the
/// gradient) and <see cref="AdamW"/> (decoupled weight decay), with optional global gradient-norm clipping fused in.
/// </summary>
/// <remarks>
/// <para>
/// Step k (1-based), with g = s·∇ (s the clipping scale) and rate η from the schedule:
/// m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; θ ← θ − (η/(1 − β₁ᵏ))·m/(√v/√(1 − β₂ᵏ) + ε), as PyTorch.
/// Adam first adds λθ to g; AdamW first multiplies θ by (1 − ηλ).
/// </para>
/// <para>
/// Order of work: the gradient norm is computed first (which also detects NaN/∞ and throws
/// <see cref="NonFiniteValueException"/> before anything is written), then the element-wise update. The norm is
/// summed in fixed blocks and the update is element-wise, so the result is the same for every thread count.
/// Assumptions: contiguous float spans, pinned for the duration of the call while pool threads read them.
/// </para>
/// </remarks>
public abstract class AdamOptimizerBase : IOptimizer
{
    private readonly float[] _m;
    private readonly float[] _v;
    private readonly double[] _blockSums;
    private readonly UpdateJob _job;

    private protected AdamOptimizerBase(int parameterCount, ILearningRateSchedule schedule, float beta1, float beta2,
        float epsilon, float weightDecay, float maxGradientNorm, bool decoupled)
    {
        if (parameterCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(parameterCount), parameterCount, "The parameter count must be at least 1.");
        }

        ArgumentNullException.ThrowIfNull(schedule);
        Beta1 = ScheduleChecks.InUnitInterval(beta1, nameof(beta1));
        Beta2 = ScheduleChecks.InUnitInterval(beta2, nameof(beta2));
        Epsilon = ScheduleChecks.Positive(epsilon, nameof(epsilon));
        if (!(weightDecay >= 0f && float.IsFinite(weightDecay)))
        {
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "The weight decay must be finite and non-negative.");
        }

        if (!(maxGradientNorm > 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(maxGradientNorm), maxGradientNorm, "The maximum gradient norm must be positive (+∞ for no clipping).");
        }

        ParameterCount = parameterCount;
        Schedule = schedule;
        WeightDecay = weightDecay;
        MaxGradientNorm = maxGradientNorm;
        Decoupled = decoupled;
        _m = new float[parameterCount];
        _v = new float[parameterCount];
        _blockSums = new double[GradientNorm.BlockCount(parameterCount)];
        _job = new UpdateJob(this);
    }

    /// <inheritdoc />
    public int ParameterCount { get; }

    /// <inheritdoc />
    public long Iteration { get; private set; }

    /// <inheritdoc />
    public ILearningRateSchedule Schedule { get; }

    /// <summary>β₁, the decay of the first moment.</summary>
    public float Beta1 { get; }

    /// <summary>β₂, the decay of the second moment.</summary>
    public float Beta2 { get; }

    /// <summary>ε, added to the denominator.</summary>
    public float Epsilon { get; }

    /// <summary>λ, the weight decay (L2 for <see cref="Adam"/>, decoupled for <see cref="AdamW"/>).</summary>
    public float WeightDecay { get; }

    /// <summary>Gradients with a larger norm are scaled down to it before the update; +∞ disables clipping.</summary>
    public float MaxGradientNorm { get; }

    /// <summary>Whether the weight decay is decoupled (AdamW).</summary>
    public bool Decoupled { get; }

    /// <inheritdoc />
    public float LastGradientNorm { get; private set; }

    /// <summary>The rate the last successful step used.</summary>
    public float LastLearningRate { get; private set; }

    /// <summary>The first-moment estimate m (read-only view, for checkpoints and tests).</summary>
    public ReadOnlySpan<float> FirstMoment => _m;

    /// <summary>The second-moment estimate v (read-only view, for checkpoints and tests).</summary>
    public ReadOnlySpan<float> SecondMoment => _v;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The schedule returned a negative or non-finite rate (named "learningRate").</exception>
    public unsafe void Step(Span<float> parameters, ReadOnlySpan<float> gradient, WorkerPool? pool = null)
    {
        if (parameters.Length != ParameterCount)
        {
            throw new ArgumentException($"parameters has {parameters.Length} entries; the optimizer was made for {ParameterCount}.", nameof(parameters));
        }

        if (gradient.Length != ParameterCount)
        {
            throw new ArgumentException($"gradient has {gradient.Length} entries; the optimizer was made for {ParameterCount}.", nameof(gradient));
        }

        float rate = Schedule.LearningRate(Iteration);
        if (!(rate >= 0f && float.IsFinite(rate)))
        {
            throw new ArgumentOutOfRangeException("learningRate", rate, $"The schedule gave a learning rate of {rate} at iteration {Iteration}; it must be finite and non-negative.");
        }

        fixed (float* p = parameters)
        fixed (float* g = gradient)
        {
            _job.Parameters = p;
            _job.Gradient = g;
            try
            {
                // Phase 1: the norm, which throws on NaN/∞ before any state is written.
                _job.Phase = 0;
                Run(pool);
                double norm = GradientNorm.Combine(_blockSums);

                long k = Iteration + 1;
                _job.Scale = GradientClipping.ClipScale(norm, MaxGradientNorm);
                _job.Rate = rate;
                _job.StepSize = (float)(rate / (1.0 - Math.Pow(Beta1, k)));
                _job.InverseSqrtCorrection2 = (float)(1.0 / Math.Sqrt(1.0 - Math.Pow(Beta2, k)));
                _job.Phase = 1;
                Run(pool);
                LastGradientNorm = (float)norm;
                LastLearningRate = rate;
                Iteration = k;
            }
            finally
            {
                _job.Parameters = null;
                _job.Gradient = null;
            }
        }
    }

    /// <inheritdoc />
    public void Reset()
    {
        Array.Clear(_m);
        Array.Clear(_v);
        Iteration = 0;
        LastGradientNorm = 0;
        LastLearningRate = 0;
    }

    private void Run(WorkerPool? pool)
    {
        if (pool is null || pool.ThreadCount == 1)
        {
            _job.Execute(0, 1);
        }
        else
        {
            pool.Run(_job);
        }
    }

    private unsafe void Update(float* parameters, float* gradient, int start, int end, float scale, float rate, float stepSize, float invSqrtC2)
    {
        float b1 = Beta1;
        float b2 = Beta2;
        float oneMinusB1 = 1f - b1;
        float oneMinusB2 = 1f - b2;
        float l2 = Decoupled ? 0f : WeightDecay;
        float shrink = Decoupled ? 1f - rate * WeightDecay : 1f;
        float eps = Epsilon;
        fixed (float* mBase = _m)
        fixed (float* vBase = _v)
        {
            int i = start;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; i <= end - 16; i += 16)
                {
                    Vector512<float> theta = Vector512.Load(parameters + i);
                    Vector512<float> g = Vector512.Load(gradient + i) * scale + theta * l2;
                    Vector512<float> m = Vector512.Load(mBase + i) * b1 + g * oneMinusB1;
                    Vector512<float> v = Vector512.Load(vBase + i) * b2 + g * g * oneMinusB2;
                    m.Store(mBase + i);
                    v.Store(vBase + i);
                    Vector512<float> denominator = Vector512.Sqrt(v) * invSqrtC2 + Vector512.Create(eps);
                    (theta * shrink - m * stepSize / denominator).Store(parameters + i);
                }
            }

            if (Vector256.IsHardwareAccelerated)
            {
                for (; i <= end - 8; i += 8)
                {
                    Vector256<float> theta = Vector256.Load(parameters + i);
                    Vector256<float> g = Vector256.Load(gradient + i) * scale + theta * l2;
                    Vector256<float> m = Vector256.Load(mBase + i) * b1 + g * oneMinusB1;
                    Vector256<float> v = Vector256.Load(vBase + i) * b2 + g * g * oneMinusB2;
                    m.Store(mBase + i);
                    v.Store(vBase + i);
                    Vector256<float> denominator = Vector256.Sqrt(v) * invSqrtC2 + Vector256.Create(eps);
                    (theta * shrink - m * stepSize / denominator).Store(parameters + i);
                }
            }

            for (; i < end; i++)
            {
                float theta = parameters[i];
                float g = gradient[i] * scale + theta * l2;
                float m = mBase[i] * b1 + g * oneMinusB1;
                float v = vBase[i] * b2 + g * g * oneMinusB2;
                mBase[i] = m;
                vBase[i] = v;
                parameters[i] = theta * shrink - m * stepSize / (MathF.Sqrt(v) * invSqrtC2 + eps);
            }
        }
    }

    /// <summary>The two phases of a step as one reusable job: block norms, then the update, split by 16-float-aligned ranges.</summary>
    private sealed unsafe class UpdateJob(AdamOptimizerBase owner) : IParallelJob
    {
        public float* Parameters;
        public float* Gradient;
        public int Phase;
        public float Scale;
        public float Rate;
        public float StepSize;
        public float InverseSqrtCorrection2;

        public void Execute(int part, int partCount)
        {
            int n = owner.ParameterCount;
            if (Phase == 0)
            {
                int blocks = owner._blockSums.Length;
                int b0 = (int)((long)blocks * part / partCount);
                int b1 = (int)((long)blocks * (part + 1) / partCount);
                GradientNorm.BlockSums(new ReadOnlySpan<float>(Gradient, n), b0, b1, owner._blockSums);
                return;
            }

            // Split on multiples of 16 so every element takes the same (vector or scalar) path for any thread count.
            int chunks = (n + 15) / 16;
            int start = (int)Math.Min(n, 16L * (chunks * (long)part / partCount));
            int end = (int)Math.Min(n, 16L * (chunks * (long)(part + 1) / partCount));
            if (end > start)
            {
                owner.Update(Parameters, Gradient, start, end, Scale, Rate, StepSize, InverseSqrtCorrection2);
            }
        }
    }
}
