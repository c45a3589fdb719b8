using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Schedules;

namespace Microsoft.ML.LocalFlow.Tests.Flow;

internal static class FlowTestData
{
    /// <summary>A small 3-D correlated data set.</summary>
    public static float[] Small(int rows, int seed)
    {
        var rng = new System.Random(seed);
        var x = new float[rows * 3];
        for (int r = 0; r < rows; r++)
        {
            double u = Gauss(rng), v = Gauss(rng), w = Gauss(rng);
            x[r * 3] = (float)(10 + (2 * u));
            x[(r * 3) + 1] = (float)(u + (0.5 * v * v));
            x[(r * 3) + 2] = (float)(-3 + (0.1 * w) + (0.5 * u));
        }

        return x;
    }

    public static double Gauss(System.Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    public static LocalFlowOptions TinyOptions(int threads = 2) => new()
    {
        Schedule = StepSizeSchedule.Explicit([0.2, 0.4], lastFree: true),
        HiddenWidth = 32,
        HiddenLayers = 2,
        IterationsPerBlock = 60,
        BatchSize = 128,
        LearningRate = 3e-3,
        Threads = threads,
        Seed = 42,
    };

    private static LocalFlowModel? _tiny;

    /// <summary>A tiny trained model, shared by tests (read-only).</summary>
    public static LocalFlowModel Tiny
    {
        get
        {
            if (_tiny is null)
            {
                float[] x = Small(2000, 1);
                _tiny = LocalFlowTrainer.Fit(x, 2000, 3, TinyOptions());
            }

            return _tiny;
        }
    }
}
