using System.Numerics.Tensors;
using Microsoft.ML.LocalFlow.Numerics.Threading;

namespace Microsoft.ML.LocalFlow.Numerics.Nn.Kernels;

/// <summary>
/// A reusable <see cref="IParallelJob"/> that runs one <see cref="ActivationKernels"/> operation over a fixed split
/// of rows. One instance lives in each workspace, so running it allocates nothing
/// and several workspaces can run concurrently.
/// </summary>
/// <remarks>
/// Assumptions: operands are float arrays with an element offset, row-major and dense. Part p of P covers
/// rows [p·R/P, (p+1)·R/P). Bias + activation and tangent scaling are element-wise, so their bits do not depend
/// on the thread count; the fused backward sums the bias gradient per part, so its bits depend on the count only.
/// </remarks>
internal sealed class ElementwiseJob : IParallelJob
{
    private Operation _operation;
    private float[] _a = [];
    private int _aOffset;
    private float[] _b = [];
    private int _bOffset;
    private float[]? _c;
    private int _cOffset;
    private int _rows;
    private int _cols;
    private int _probes;
    private Activation _activation;
    private float _beta;
    private float[] _partSums = [];

    private enum Operation
    {
        BiasActivate,
        ScaleTangents,
        BackwardActivate,
        ColumnSums,
    }

    /// <summary>a[rows×cols] ← φ(a + b[cols]); c (if not null) ← φ'.</summary>
    /// <remarks>
    /// The separate-pass form of the forward epilogue. <see cref="Mlp"/> now fuses this step into the GEMM
    /// (<c>GemmEpilogue.BiasActivation</c>); it stays as the baseline the step profile (<c>quick --profile</c>,
    /// <c>layer_fwd_separate</c>) measures the fusion against.
    /// </remarks>
    public void BiasActivate(WorkerPool? pool, Activation activation, float[] a, int aOffset, int rows, int cols,
        float[] bias, int biasOffset, float[]? derivative, int derivativeOffset, float beta)
    {
        _operation = Operation.BiasActivate;
        _activation = activation;
        _a = a;
        _aOffset = aOffset;
        _rows = rows;
        _cols = cols;
        _b = bias;
        _bOffset = biasOffset;
        _c = derivative;
        _cOffset = derivativeOffset;
        _beta = beta;
        Run(pool);
    }

    /// <summary>a[(r·probes + q)×cols] ×= b[r×cols].</summary>
    public void ScaleTangents(WorkerPool? pool, float[] tangents, float[] derivative, int rows, int probes, int cols)
    {
        _operation = Operation.ScaleTangents;
        _a = tangents;
        _aOffset = 0;
        _b = derivative;
        _bOffset = 0;
        _rows = rows;
        _probes = probes;
        _cols = cols;
        Run(pool);
    }

    /// <summary>
    /// g[rows×cols] ×= φ' (from <paramref name="source"/>: the activations or the stored derivative) and
    /// <paramref name="biasGradient"/> (+)= the column sums of the result. Each part sums its rows into its own
    /// buffer and the buffers are added in part order, so the bits depend on the thread count only.
    /// </summary>
    /// <remarks>
    /// The separate-pass form of the backward epilogue (<see cref="Mlp"/> runs <c>GemmEpilogue.ActivationGradient</c>
    /// on the dA product and takes the bias gradient inside the weight-gradient GEMM, <c>GemmEpilogue.ColumnSumsOfB</c>);
    /// kept as the profile's <c>layer_bwd_separate</c> baseline.
    /// </remarks>
    public void BackwardActivate(WorkerPool? pool, Activation activation, float[] g, float[] source, int rows, int cols,
        Span<float> biasGradient, bool accumulate)
    {
        _operation = Operation.BackwardActivate;
        _activation = activation;
        RunPartSums(pool, g, source, rows, cols, biasGradient, accumulate);
    }

    /// <summary>Runs the current part-sum operation over g (and source), then adds the parts' sums in part order.</summary>
    private void RunPartSums(WorkerPool? pool, float[] g, float[]? source, int rows, int cols, Span<float> biasGradient, bool accumulate)
    {
        int parts = pool is null ? 1 : pool.ThreadCount;
        if (_partSums.Length < parts * cols)
        {
            // Grows once per (thread count, width); steady-state steps allocate nothing.
            _partSums = new float[parts * cols];
        }

        _a = g;
        _aOffset = 0;
        _b = source ?? [];
        _bOffset = 0;
        _rows = rows;
        _cols = cols;
        Run(pool);
        Span<float> total = _partSums.AsSpan(0, cols);
        for (int p = 1; p < parts; p++)
        {
            TensorPrimitives.Add(total, _partSums.AsSpan(p * cols, cols), total);
        }

        if (accumulate)
        {
            TensorPrimitives.Add(biasGradient, total, biasGradient);
        }
        else
        {
            total.CopyTo(biasGradient);
        }
    }

    /// <summary>
    /// <paramref name="sums"/> (+)= the column sums of g[rows×cols] (the bias gradient), summed per part and the
    /// parts added in part order, so the bits depend on the thread count only.
    /// </summary>
    /// <remarks>
    /// The separate pass the training step used before the weight-gradient GEMM took these sums while packing dZ
    /// (<c>GemmEpilogue.ColumnSumsOfB</c>); kept as the profile's <c>layer_wgrad_separate</c> baseline.
    /// </remarks>
    public void ColumnSums(WorkerPool? pool, float[] g, int rows, int cols, Span<float> sums, bool accumulate)
    {
        _operation = Operation.ColumnSums;
        RunPartSums(pool, g, null, rows, cols, sums, accumulate);
    }

    /// <inheritdoc />
    public void Execute(int part, int partCount)
    {
        int r0 = (int)((long)_rows * part / partCount);
        int r1 = (int)((long)_rows * (part + 1) / partCount);
        int n = r1 - r0;
        if (_operation == Operation.ColumnSums)
        {
            Span<float> sums = _partSums.AsSpan(part * _cols, _cols);
            ActivationKernels.ColumnSums(_a.AsSpan(r0 * _cols, n * _cols), n, _cols, 0, _cols, sums, accumulate: false);
            return;
        }

        if (_operation == Operation.BackwardActivate)
        {
            Span<float> sums = _partSums.AsSpan(part * _cols, _cols);
            sums.Clear();
            if (n > 0)
            {
                ActivationKernels.BackwardActivate(_activation, _a.AsSpan(r0 * _cols, n * _cols), _b.AsSpan(r0 * _cols, n * _cols),
                    _b.AsSpan(r0 * _cols, n * _cols), n, _cols, sums);
            }

            return;
        }

        if (n <= 0)
        {
            return;
        }

        switch (_operation)
        {
            case Operation.BiasActivate:
                Span<float> derivative = _c is null ? default : _c.AsSpan(_cOffset + r0 * _cols, n * _cols);
                ActivationKernels.BiasActivate(_activation, _a.AsSpan(_aOffset + r0 * _cols, n * _cols), n, _cols,
                    _b.AsSpan(_bOffset, _cols), derivative, _beta);
                break;
            case Operation.ScaleTangents:
                ActivationKernels.ScaleTangents(_a.AsSpan(r0 * _probes * _cols, n * _probes * _cols),
                    _b.AsSpan(r0 * _cols, n * _cols), n, _probes, _cols);
                break;
        }
    }

    private void Run(WorkerPool? pool)
    {
        if (pool is null || pool.ThreadCount == 1)
        {
            Execute(0, 1);
        }
        else
        {
            pool.Run(this);
        }
    }
}
