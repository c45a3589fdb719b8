using System.Diagnostics;
using Microsoft.ML.LocalFlow.Numerics.Ode;

namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>
/// Exact log-likelihood by the instantaneous change of variables:
/// log p(x) = log N(z; 0, I) + Σ_blocks ∫₀¹ tr(∂v_n/∂x)(t, x_n(t)) dt + log|det ∂(standardise)/∂x|,
/// where x is standardised, pushed through every block (t: 0 → 1) together with its log-determinant, and z is the result.
/// Values are in nats, per row, in the ORIGINAL data units.
/// </summary>
public static class LocalFlowLikelihood
{
    /// <summary>Writes log p(x) per row into <paramref name="destination"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="x">rows × <see cref="LocalFlowModel.Dimension"/> values in original units; finite.</param>
    /// <param name="rows">Rows, at least 0.</param>
    /// <param name="condition">Empty for an unconditional model; one condition row, or rows × c values.</param>
    /// <param name="options">Solver and divergence; null for the defaults.</param>
    /// <param name="destination">rows values; log p in nats (−∞ where a constant column differs from its training constant).</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>Rows, NFE per row, elapsed time.</returns>
    /// <exception cref="ArgumentException">A span has the wrong length, or x holds a non-finite value (the message gives row and column).</exception>
    public static FlowResult LogLikelihood(LocalFlowModel model, ReadOnlySpan<float> x, int rows, ReadOnlySpan<float> condition,
        LikelihoodOptions? options, Span<double> destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= LikelihoodOptions.Default;
        options.Validate();
        DataNormalization.CheckShape(x, rows, model.Dimension, nameof(x));
        if (destination.Length != rows)
        {
            throw new ArgumentException($"destination holds {destination.Length} values; {rows} rows need {rows}.", nameof(destination));
        }

        for (int i = 0; i < x.Length; i++)
        {
            if (!float.IsFinite(x[i]))
            {
                throw new ArgumentException($"Row {i / model.Dimension}, column {i % model.Dimension}: the value {x[i]} is not finite.", nameof(x));
            }
        }

        bool broadcast = CheckCondition(model, condition, rows);
        var sw = Stopwatch.StartNew();
        if (rows == 0)
        {
            return new FlowResult(0, 0, sw.Elapsed);
        }

        using var engine = new FlowEngine(model.FlowDimension, model.ConditionDimension, options.ChunkRows, options.EffectiveThreads, options.Pool);
        int probes = options.Divergence == DivergenceMethod.Hutchinson ? options.HutchinsonProbes : 0;
        OdeStatistics s = engine.LogLikelihood(model, x, rows, condition, broadcast, options.Solver, probes, options.Seed, destination, cancellationToken);
        return new FlowResult(rows, s.FunctionEvaluations, sw.Elapsed);
    }

    /// <summary>Mean negative log-likelihood in nats per row.</summary>
    /// <param name="model">The model.</param>
    /// <param name="x">rows × Dimension values.</param>
    /// <param name="rows">Rows, at least 1.</param>
    /// <param name="condition">Empty, one condition row, or rows × c.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <returns>−mean log p(x).</returns>
    public static double MeanNegativeLogLikelihood(LocalFlowModel model, ReadOnlySpan<float> x, int rows, ReadOnlySpan<float> condition = default,
        LikelihoodOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var lp = new double[rows];
        LogLikelihood(model, x, rows, condition, options, lp);
        double s = 0;
        foreach (double v in lp)
        {
            s += v;
        }

        return -s / rows;
    }

    /// <summary>Converts a mean NLL in nats to bits per dimension: nll / (d·ln 2).</summary>
    /// <param name="meanNll">Mean NLL in nats.</param>
    /// <param name="dimension">d, at least 1.</param>
    /// <returns>Bits per dimension.</returns>
    public static double BitsPerDimension(double meanNll, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        return meanNll / (dimension * Math.Log(2));
    }

    /// <summary>Returns true when one condition row is broadcast; checks the lengths.</summary>
    internal static bool CheckCondition(LocalFlowModel model, ReadOnlySpan<float> condition, int rows)
    {
        int c = model.ConditionDimension;
        if (c == 0)
        {
            if (!condition.IsEmpty)
            {
                throw new ArgumentException($"The model is unconditional but {condition.Length} condition values were given.", nameof(condition));
            }

            return false;
        }

        if (condition.Length == c)
        {
            return true;
        }

        if (condition.Length != (long)rows * c)
        {
            throw new ArgumentException($"condition holds {condition.Length} values; the model needs one row of {c} or {rows} rows × {c}.", nameof(condition));
        }

        return false;
    }
}
