using System.Numerics.Tensors;
using Microsoft.ML.LocalFlow.Numerics.Optim;
using Microsoft.ML.LocalFlow.Numerics.Threading;

namespace Microsoft.ML.LocalFlow.Numerics.Nn;

/// <summary>
/// One reusable training step of an <see cref="Mlp"/> on a regression target: forward, loss
/// L = mean over rows and dims of (v − target)², backward, optimizer step (with its clipping). After the first call it
/// allocates nothing. This is the step the benchmarks time; flow training builds the same loop from the parts.
/// </summary>
public sealed class MlpRegressionStep
{
    private readonly float[] _output;
    private readonly float[] _outputGradient;
    private readonly float[] _gradient;

    /// <summary>Creates a step for batches of up to <paramref name="maxRows"/> rows.</summary>
    /// <param name="model">The model trained in place.</param>
    /// <param name="optimizer">An optimizer over <see cref="Mlp.ParameterCount"/> parameters.</param>
    /// <param name="maxRows">The largest batch; at least 1.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The optimizer has the wrong parameter count.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRows"/> is below 1.</exception>
    public MlpRegressionStep(Mlp model, IOptimizer optimizer, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (optimizer.ParameterCount != model.ParameterCount)
        {
            throw new ArgumentException($"The optimizer is for {optimizer.ParameterCount} parameters; the model has {model.ParameterCount}.", nameof(optimizer));
        }

        Model = model;
        Optimizer = optimizer;
        Workspace = new MlpWorkspace(model.Shape, maxRows);
        _output = new float[maxRows * model.Shape.DataDimension];
        _outputGradient = new float[_output.Length];
        _gradient = new float[model.ParameterCount];
    }

    /// <summary>The model.</summary>
    public Mlp Model { get; }

    /// <summary>The optimizer.</summary>
    public IOptimizer Optimizer { get; }

    /// <summary>The training workspace.</summary>
    public MlpWorkspace Workspace { get; }

    /// <summary>The parameter gradient of the last step (before clipping).</summary>
    public ReadOnlySpan<float> Gradient => _gradient;

    /// <summary>Runs one step and returns its loss (computed before the update).</summary>
    /// <param name="t">Times: rows entries (or 1 shared).</param>
    /// <param name="x">rows × d inputs.</param>
    /// <param name="condition">rows × c, or empty.</param>
    /// <param name="target">rows × d regression targets.</param>
    /// <param name="rows">The batch size, in [1, MaxRows].</param>
    /// <param name="pool">Threads to use; null runs on the calling thread.</param>
    /// <returns>mean((v − target)²).</returns>
    /// <exception cref="ArgumentException">A span length does not match (the message names it).</exception>
    /// <exception cref="NonFiniteValueException">The loss or the gradient is NaN/∞; the parameters and optimizer are unchanged.</exception>
    public float Step(ReadOnlySpan<float> t, ReadOnlySpan<float> x, ReadOnlySpan<float> condition, ReadOnlySpan<float> target,
        int rows, WorkerPool? pool = null)
    {
        int n = rows * Model.Shape.DataDimension;
        if (rows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, "A training step needs at least one row.");
        }

        if (target.Length != n)
        {
            throw new ArgumentException($"target has {target.Length} entries; expected rows × d = {n}.", nameof(target));
        }

        Span<float> output = _output.AsSpan(0, n);
        Model.Forward(t, x, condition, rows, output, Workspace, pool);

        // ∂L/∂v = 2(v − target)/n; L = Σ(v − target)²/n.
        Span<float> residual = _outputGradient.AsSpan(0, n);
        TensorPrimitives.Subtract(output, target, residual);
        float loss = TensorPrimitives.SumOfSquares(residual) / n;
        if (!float.IsFinite(loss))
        {
            throw new NonFiniteValueException("loss", 0, loss);
        }

        TensorPrimitives.Multiply(residual, 2f / n, residual);
        Model.Backward(residual, Workspace, _gradient, default, pool);
        Optimizer.Step(Model.Parameters, _gradient, pool);
        return loss;
    }
}
