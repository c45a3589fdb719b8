using System.Globalization;
using Microsoft.ML.LocalFlow.Flow.Couplings;

namespace Microsoft.ML.LocalFlow.Flow.Schedules;

/// <summary>
/// The chain of blocks γ_1 … γ_N (data → noise). The official configurations end with a free block, so that the
/// last block's X1 is exactly N(0, I) and generation can start from it.
/// </summary>
public sealed class StepSizeSchedule : IEquatable<StepSizeSchedule>
{
    private readonly BlockStep[] _steps;

    private StepSizeSchedule(BlockStep[] steps)
    {
        if (steps.Length == 0)
        {
            throw new ArgumentException("A schedule needs at least one block.", nameof(steps));
        }

        for (int i = 0; i < steps.Length - 1; i++)
        {
            if (steps[i].IsFree)
            {
                throw new ArgumentException($"Only the last block may be free; block {i + 1} of {steps.Length} is free.", nameof(steps));
            }
        }

        _steps = steps;
    }

    /// <summary>The blocks in training order (data side first).</summary>
    public IReadOnlyList<BlockStep> Steps => _steps;

    /// <summary>Number of blocks N.</summary>
    public int Count => _steps.Length;

    /// <summary>Whether the last block is free (X1 ~ N(0, I)).</summary>
    public bool EndsFree => _steps[^1].IsFree;

    /// <summary>Plain flow matching: one free block (the baseline of the paper's efficiency claim).</summary>
    public static StepSizeSchedule FlowMatching { get; } = new([BlockStep.Free]);

    /// <summary>The official POWER schedule: 0.15, 0.2, 0.26, free.</summary>
    public static StepSizeSchedule Power { get; } = Explicit([0.15, 0.2, 0.26], lastFree: true);

    /// <summary>An explicit list of OU step sizes, optionally followed by a free block.</summary>
    /// <param name="gammas">γ values, each positive and finite.</param>
    /// <param name="lastFree">Append a free block.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A γ is not positive and finite; the message gives its index and value.</exception>
    /// <exception cref="ArgumentException">The schedule would be empty.</exception>
    public static StepSizeSchedule Explicit(IEnumerable<double> gammas, bool lastFree = true)
    {
        ArgumentNullException.ThrowIfNull(gammas);
        var list = new List<BlockStep>();
        int i = 0;
        foreach (double g in gammas)
        {
            if (!(g > 0) || !double.IsFinite(g))
            {
                throw new ArgumentOutOfRangeException(nameof(gammas), g, $"Step size {i + 1} is {g}; every OU step size must be positive and finite.");
            }

            list.Add(new BlockStep(g));
            i++;
        }

        if (lastFree)
        {
            list.Add(BlockStep.Free);
        }

        return new StepSizeSchedule([.. list]);
    }

    /// <summary>The exponential schedule γ_n = c·ρ^{n−1}, n = 1..<paramref name="blocks"/>; the last is replaced by the free block when <paramref name="lastFree"/>.</summary>
    /// <param name="c">First step size c &gt; 0.</param>
    /// <param name="rho">Ratio ρ &gt; 0.</param>
    /// <param name="blocks">Number of blocks N ≥ 1 (including the free one).</param>
    /// <param name="lastFree">Make block N free (the official code does).</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static StepSizeSchedule Exponential(double c, double rho, int blocks, bool lastFree = true)
    {
        if (!(c > 0) || !double.IsFinite(c))
        {
            throw new ArgumentOutOfRangeException(nameof(c), c, "c must be positive and finite.");
        }

        if (!(rho > 0) || !double.IsFinite(rho))
        {
            throw new ArgumentOutOfRangeException(nameof(rho), rho, "ρ must be positive and finite.");
        }

        if (blocks < 1 || blocks > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(blocks), blocks, "The number of blocks must be in [1, 1000].");
        }

        var g = new double[lastFree ? blocks - 1 : blocks];
        for (int n = 0; n < g.Length; n++)
        {
            g[n] = c * Math.Pow(rho, n);
        }

        return Explicit(g, lastFree);
    }

    /// <summary>Builds a schedule from blocks.</summary>
    /// <param name="steps">The blocks; only the last may be free.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentException">Empty, or a free block before the last.</exception>
    public static StepSizeSchedule FromSteps(IEnumerable<BlockStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return new StepSizeSchedule([.. steps]);
    }

    /// <summary>Parses a comma-separated list such as "0.15,0.2,0.26,free" (invariant culture; "free" only last).</summary>
    /// <param name="text">The list.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="FormatException">A token is neither a number nor "free", or a step is not positive.</exception>
    public static StepSizeSchedule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] tokens = text.Split(',', StringSplitOptions.TrimEntries);
        var steps = new BlockStep[tokens.Length];
        for (int i = 0; i < tokens.Length; i++)
        {
            string tok = tokens[i];
            if (tok.Equals("free", StringComparison.OrdinalIgnoreCase))
            {
                if (i != tokens.Length - 1)
                {
                    throw new FormatException($"Step size {i + 1} ('{tok}'): only the last block may be free.");
                }

                steps[i] = BlockStep.Free;
            }
            else if (double.TryParse(tok, NumberStyles.Float, CultureInfo.InvariantCulture, out double g) && g > 0 && double.IsFinite(g))
            {
                steps[i] = new BlockStep(g);
            }
            else
            {
                throw new FormatException($"Step size {i + 1} ('{tok}') must be a positive number or 'free'.");
            }
        }

        return new StepSizeSchedule(steps);
    }

    /// <summary>The coupling of block <paramref name="index"/> (0-based).</summary>
    /// <param name="index">Block index.</param>
    /// <returns>OU or independent Gaussian coupling.</returns>
    public ICoupling CouplingFor(int index) =>
        _steps[index].IsFree ? IndependentGaussianCoupling.Instance : new OrnsteinUhlenbeckCoupling(_steps[index].Gamma);

    /// <inheritdoc/>
    public bool Equals(StepSizeSchedule? other) => other is not null && _steps.AsSpan().SequenceEqual(other._steps);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as StepSizeSchedule);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (BlockStep s in _steps)
        {
            h.Add(s.Gamma);
        }

        return h.ToHashCode();
    }

    /// <summary>The schedule as "0.15,0.2,free" (round-trips through <see cref="Parse"/>).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Join(",", _steps.Select(s => s.ToString()));
}
