using System.Diagnostics;
using Microsoft.ML.LocalFlow.Numerics.Ode;

namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>
/// Generation: z ~ N(0, I) (seeded per row), integrated through the blocks in reverse (t: 1 → 0, last block first),
/// then mapped back to original units. Rows are processed in chunks split across threads, so memory beyond the
/// destination stays bounded for any row count.
/// </summary>
public static class LocalFlowSampler
{
    /// <summary>Samples <paramref name="rows"/> rows into <paramref name="destination"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="rows">Rows, at least 0.</param>
    /// <param name="seed">Seed; the same seed gives the same rows.</param>
    /// <param name="condition">Empty for an unconditional model; otherwise one condition row (c values, used for every row) or rows × c values.</param>
    /// <param name="options">Solver, distillation, threads; null for the defaults.</param>
    /// <param name="destination">rows × <see cref="LocalFlowModel.Dimension"/> values, in original units.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>Rows, NFE per row, elapsed time.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is negative or an option is out of range.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public static FlowResult Sample(LocalFlowModel model, int rows, ulong seed, ReadOnlySpan<float> condition, SamplingOptions? options,
        Span<float> destination, CancellationToken cancellationToken = default) =>
        Sample(model, 0, rows, seed, condition, options, destination, cancellationToken);

    /// <summary>
    /// Samples rows [<paramref name="firstRow"/>, firstRow + rows) of the seed's infinite sequence, so a large request can be
    /// streamed in pieces: with a fixed-step solver the pieces equal the rows of one big call.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="firstRow">Index of the first row in the seed's sequence, at least 0.</param>
    /// <param name="rows">Rows, at least 0.</param>
    /// <param name="seed">Seed.</param>
    /// <param name="condition">Empty, one condition row, or rows × c values.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <param name="destination">rows × Dimension values.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>Rows, NFE per row, elapsed time.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or an option is out of range.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public static FlowResult Sample(LocalFlowModel model, long firstRow, int rows, ulong seed, ReadOnlySpan<float> condition, SamplingOptions? options,
        Span<float> destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= SamplingOptions.Default;
        options.Validate();
        if (rows < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, "The number of rows must be at least 0.");
        }

        if (firstRow < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(firstRow), firstRow, "The first row must be at least 0.");
        }

        if (destination.Length != (long)rows * model.Dimension)
        {
            throw new ArgumentException($"destination holds {destination.Length} values; {rows} rows × {model.Dimension} columns need {(long)rows * model.Dimension}.", nameof(destination));
        }

        bool broadcast = LocalFlowLikelihood.CheckCondition(model, condition, rows);
        if (options.UseDistilled && !model.IsDistilled)
        {
            throw new InvalidOperationException("UseDistilled was requested but the model has no distilled students; run LocalFlowDistiller.Distill first.");
        }

        var sw = Stopwatch.StartNew();
        if (rows == 0)
        {
            return new FlowResult(0, 0, sw.Elapsed);
        }

        using var engine = new FlowEngine(model.FlowDimension, model.ConditionDimension, options.ChunkRows, options.EffectiveThreads, options.Pool);
        OdeStatistics s = engine.Sample(model, firstRow, rows, seed, condition, broadcast, options.Solver, options.UseDistilled, destination, cancellationToken);
        return new FlowResult(rows, s.FunctionEvaluations, sw.Elapsed);
    }

    /// <summary>Samples <paramref name="rows"/> rows of an unconditional model into a new array.</summary>
    /// <param name="model">The model.</param>
    /// <param name="rows">Rows.</param>
    /// <param name="seed">Seed.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <returns>rows × Dimension values.</returns>
    public static float[] Sample(LocalFlowModel model, int rows, ulong seed, SamplingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var dst = new float[(long)rows * model.Dimension];
        Sample(model, rows, seed, ReadOnlySpan<float>.Empty, options, dst);
        return dst;
    }
}
