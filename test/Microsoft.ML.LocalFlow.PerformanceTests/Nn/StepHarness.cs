using Microsoft.ML.LocalFlow.Numerics.Nn;
using Microsoft.ML.LocalFlow.Numerics.Optim;
using Microsoft.ML.LocalFlow.Numerics.Random;
using Microsoft.ML.LocalFlow.Numerics.Threading;

namespace Microsoft.ML.LocalFlow.PerformanceTests.Nn;

/// <summary>
/// One LFM-style training step as the PyTorch reference times it: sample a batch (t ~ U(0,1), x_l from the data,
/// z ~ N(0, I), the trigonometric interpolant and its time derivative as target), forward, MSE, backward, Adam
/// with StepLR. The "data" is a fixed Gaussian table; ReLU and raw time, as the official code.
/// </summary>
public sealed class StepHarness : IDisposable
{
    private readonly StepCase _case;
    private readonly MlpRegressionStep _step;
    private readonly WorkerPool _pool;
    private readonly Rng _rng;
    private readonly float[] _data;
    private readonly float[] _t;
    private readonly float[] _xl;
    private readonly float[] _z;
    private readonly float[] _it;
    private readonly float[] _target;

    public StepHarness(StepCase stepCase, int threads)
    {
        _case = stepCase;
        var shape = new MlpShape(stepCase.D, stepCase.H, stepCase.K);
        var mlp = new Mlp(shape, 1234);
        _step = new MlpRegressionStep(mlp, new Adam(mlp.ParameterCount, new StepLearningRate(1e-3f, 1000, 0.9f)), stepCase.B);
        _pool = new WorkerPool(threads);
        _rng = new Rng(99);
        int dataRows = 20_000;
        _data = new float[dataRows * stepCase.D];
        _rng.FillGaussian(_data);
        _t = new float[stepCase.B];
        _xl = new float[stepCase.B * stepCase.D];
        _z = new float[_xl.Length];
        _it = new float[_xl.Length];
        _target = new float[_xl.Length];
        FlopsPerStep = 6.0 * stepCase.B * shape.SumInOut;
    }

    public double FlopsPerStep { get; }

    public float LastLoss { get; private set; }

    public void Step()
    {
        Sample();
        LastLoss = _step.Step(_t, _it, default, _target, _case.B, _pool);
    }

    /// <summary>The batch drawing and interpolation of a step alone (for the profile).</summary>
    public void Sample()
    {
        int d = _case.D;
        int dataRows = _data.Length / d;
        for (int r = 0; r < _case.B; r++)
        {
            _data.AsSpan(_rng.NextInt(dataRows) * d, d).CopyTo(_xl.AsSpan(r * d, d));
        }

        _rng.FillGaussian(_z);
        _rng.FillUniform(_t);
        const float HalfPi = MathF.PI / 2;
        for (int r = 0; r < _case.B; r++)
        {
            (float s, float c) = MathF.SinCos(HalfPi * _t[r]);
            for (int j = r * d; j < (r + 1) * d; j++)
            {
                _it[j] = c * _xl[j] + s * _z[j];
                _target[j] = -HalfPi * (_xl[j] * s - _z[j] * c);
            }
        }
    }

    public void Dispose() => _pool.Dispose();
}
