namespace Microsoft.ML.LocalFlow.Numerics.Ode;

/// <summary>
/// The one uniform time grid every fixed-step integration uses: <c>Steps + 1</c> points from <see cref="T0"/>
/// to <see cref="T1"/> inclusive, in either direction (t1 &lt; t0 integrates backwards; t0 need not be 0).
/// </summary>
/// <remarks>
/// Points are computed as t0 + i·(t1 − t0)/steps in double precision and the last point is exactly t1,
/// so forward and reverse grids visit the same times and no rounding drift accumulates over many steps.
/// </remarks>
public readonly struct TimeGrid : IEquatable<TimeGrid>
{
    /// <summary>Creates a grid of <paramref name="steps"/> equal steps from <paramref name="t0"/> to <paramref name="t1"/>.</summary>
    /// <param name="t0">Start time; finite.</param>
    /// <param name="t1">End time; finite; may be below <paramref name="t0"/>.</param>
    /// <param name="steps">Number of steps, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A time is not finite or <paramref name="steps"/> is below 1.</exception>
    public TimeGrid(double t0, double t1, int steps)
    {
        if (!double.IsFinite(t0))
        {
            throw new ArgumentOutOfRangeException(nameof(t0), t0, "The start time must be finite.");
        }

        if (!double.IsFinite(t1))
        {
            throw new ArgumentOutOfRangeException(nameof(t1), t1, "The end time must be finite.");
        }

        if (steps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "A time grid needs at least 1 step.");
        }

        T0 = t0;
        T1 = t1;
        Steps = steps;
    }

    /// <summary>Start time.</summary>
    public double T0 { get; }

    /// <summary>End time (exactly the last grid point).</summary>
    public double T1 { get; }

    /// <summary>Number of steps; the grid has Steps + 1 points.</summary>
    public int Steps { get; }

    /// <summary>Signed step size (t1 − t0)/steps; negative for a reverse grid.</summary>
    public double StepSize => (T1 - T0) / Steps;

    /// <summary>True when the grid runs backwards (t1 &lt; t0).</summary>
    public bool IsReverse => T1 < T0;

    /// <summary>Grid point <paramref name="index"/> in [0, Steps]; point Steps is exactly <see cref="T1"/>.</summary>
    /// <param name="index">Point index.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, Steps].</exception>
    public double this[int index]
    {
        get
        {
            if ((uint)index > (uint)Steps)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The grid has points 0..{Steps}.");
            }

            return index == Steps ? T1 : T0 + (index * (T1 - T0) / Steps);
        }
    }

    /// <summary>Writes the Steps + 1 grid points into <paramref name="destination"/>.</summary>
    /// <param name="destination">At least Steps + 1 values.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public void CopyTo(Span<double> destination)
    {
        if (destination.Length < Steps + 1)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values; the grid has {Steps + 1} points.", nameof(destination));
        }

        for (int i = 0; i <= Steps; i++)
        {
            destination[i] = this[i];
        }
    }

    /// <inheritdoc/>
    public bool Equals(TimeGrid other) => T0.Equals(other.T0) && T1.Equals(other.T1) && Steps == other.Steps;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TimeGrid g && Equals(g);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(T0, T1, Steps);

    /// <summary>Value equality.</summary>
    /// <param name="left">Left grid.</param>
    /// <param name="right">Right grid.</param>
    /// <returns>Whether the grids are equal.</returns>
    public static bool operator ==(TimeGrid left, TimeGrid right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    /// <param name="left">Left grid.</param>
    /// <param name="right">Right grid.</param>
    /// <returns>Whether the grids differ.</returns>
    public static bool operator !=(TimeGrid left, TimeGrid right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => $"TimeGrid({T0} → {T1}, {Steps} steps)";
}
