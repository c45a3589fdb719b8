using Microsoft.ML.LocalFlow.Numerics.Threading;

namespace Microsoft.ML.LocalFlow.Numerics.Optim;

/// <summary>A first-order optimizer over one flat parameter vector.</summary>
public interface IOptimizer
{
    /// <summary>The length of the parameter and gradient vectors.</summary>
    int ParameterCount { get; }

    /// <summary>Steps taken so far; the next step uses the schedule's rate at this iteration.</summary>
    long Iteration { get; }

    /// <summary>The learning-rate schedule.</summary>
    ILearningRateSchedule Schedule { get; }

    /// <summary>The gradient norm ‖g‖₂ seen by the last successful step, before clipping.</summary>
    float LastGradientNorm { get; }

    /// <summary>Updates <paramref name="parameters"/> in place from <paramref name="gradient"/>.</summary>
    /// <param name="parameters">The parameters; <see cref="ParameterCount"/> entries.</param>
    /// <param name="gradient">∂L/∂parameters; <see cref="ParameterCount"/> entries; not modified.</param>
    /// <param name="pool">Threads to use; null runs on the calling thread.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    /// <exception cref="NonFiniteValueException">The gradient holds NaN or ∞; nothing was changed.</exception>
    void Step(Span<float> parameters, ReadOnlySpan<float> gradient, WorkerPool? pool = null);

    /// <summary>Forgets the moments and sets <see cref="Iteration"/> back to 0.</summary>
    void Reset();
}
