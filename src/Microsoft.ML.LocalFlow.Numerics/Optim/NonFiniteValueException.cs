namespace Microsoft.ML.LocalFlow.Numerics.Optim;

/// <summary>
/// A NaN or infinity was found in a gradient or a loss. Thrown before any optimizer state or parameter is touched,
/// so the step can be retried (e.g. with a smaller learning rate) from a consistent state.
/// </summary>
public sealed class NonFiniteValueException : ArithmeticException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="name">What held the value, e.g. "gradient" or "loss".</param>
    /// <param name="index">The first offending index (0 for a scalar).</param>
    /// <param name="value">The offending value.</param>
    public NonFiniteValueException(string name, long index, double value)
        : base($"The {name} holds {value} at index {index}; the step was stopped before changing the parameters or the optimizer state.")
    {
        Name = name;
        Index = index;
        Value = value;
    }

    /// <summary>What held the value.</summary>
    public string Name { get; }

    /// <summary>The first offending index.</summary>
    public long Index { get; }

    /// <summary>The offending value (NaN or ±∞).</summary>
    public double Value { get; }
}
