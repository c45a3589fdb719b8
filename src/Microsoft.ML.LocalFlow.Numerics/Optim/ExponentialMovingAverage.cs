using System.Numerics.Tensors;

namespace Microsoft.ML.LocalFlow.Numerics.Optim;

/// <summary>
/// An exponential moving average of the weights: a ← a + (1 − δ)(θ − a) = δ·a + (1 − δ)·θ after each update, started
/// at the initial weights. Sampling with the averaged weights usually gives smoother flows than the last iterate.
/// </summary>
public sealed class ExponentialMovingAverage
{
    private readonly float[] _average;

    /// <summary>Starts the average at <paramref name="initial"/>.</summary>
    /// <param name="initial">The initial weights; at least one entry.</param>
    /// <param name="decay">δ in [0, 1); e.g. 0.999.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decay"/> is outside [0, 1).</exception>
    /// <exception cref="ArgumentException"><paramref name="initial"/> is empty.</exception>
    public ExponentialMovingAverage(ReadOnlySpan<float> initial, float decay)
    {
        if (initial.IsEmpty)
        {
            throw new ArgumentException("The initial weights are empty.", nameof(initial));
        }

        Decay = ScheduleChecks.InUnitInterval(decay, nameof(decay));
        _average = initial.ToArray();
    }

    /// <summary>δ.</summary>
    public float Decay { get; }

    /// <summary>Updates so far.</summary>
    public long UpdateCount { get; private set; }

    /// <summary>The averaged weights.</summary>
    public ReadOnlySpan<float> Average => _average;

    /// <summary>Folds the current weights into the average.</summary>
    /// <param name="parameters">The weights; as many entries as the average.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> has the wrong length.</exception>
    public void Update(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != _average.Length)
        {
            throw new ArgumentException($"parameters has {parameters.Length} entries; the average has {_average.Length}.", nameof(parameters));
        }

        // a ← a + (1 − δ)(θ − a), in place: two vectorised passes.
        Span<float> a = _average;
        TensorPrimitives.Multiply(a, Decay, a);
        TensorPrimitives.MultiplyAdd(parameters, 1f - Decay, a, a);
        UpdateCount++;
    }

    /// <summary>Restarts the average at <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The weights; as many entries as the average.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> has the wrong length.</exception>
    public void Reset(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != _average.Length)
        {
            throw new ArgumentException($"parameters has {parameters.Length} entries; the average has {_average.Length}.", nameof(parameters));
        }

        parameters.CopyTo(_average);
        UpdateCount = 0;
    }

    /// <summary>Copies the average into <paramref name="destination"/> (e.g. an evaluation model's parameters).</summary>
    /// <param name="destination">As many entries as the average.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    public void CopyTo(Span<float> destination)
    {
        if (destination.Length != _average.Length)
        {
            throw new ArgumentException($"destination has {destination.Length} entries; the average has {_average.Length}.", nameof(destination));
        }

        _average.CopyTo(destination);
    }
}
