using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Schedules;
using Microsoft.ML.LocalFlow.Numerics.Ode;

namespace Microsoft.ML.LocalFlow.PerformanceTests.Flow;

/// <summary>
/// Quick figures for the flow layer, one JSON object per line, in the shapes of the PyTorch reference's POWER run
/// (6-D, 256×4, 4 blocks 0.15/0.2/0.26/free, batch 4096, 100k rows, push and sampling RK4×10, NLL Euler×50).
/// Call <see cref="Run"/> from Program.cs (e.g. `quick --case flow`).
/// </summary>
public static class FlowQuickBenchmark
{
    /// <summary>Runs the flow cases and writes one JSON line per case.</summary>
    /// <param name="output">Where the lines go.</param>
    /// <param name="threads">Threads for every phase.</param>
    /// <param name="rows">Training rows (100,000 in the target).</param>
    /// <param name="iterationsPerBlock">Iterations per block.</param>
    /// <param name="sampleRows">Rows for the sampling cases.</param>
    /// <param name="nllRows">Rows for the exact-NLL case.</param>
    public static void Run(TextWriter output, int threads, int rows = 100_000, int iterationsPerBlock = 100, int sampleRows = 100_000, int nllRows = 2_000)
    {
        float[] data = Mixture6(rows, 1);
        float[] test = Mixture6(nllRows, 2);
        var options = new LocalFlowOptions
        {
            Schedule = StepSizeSchedule.Power,
            HiddenWidth = 256,
            HiddenLayers = 4,
            BatchSize = 4096,
            IterationsPerBlock = iterationsPerBlock,
            LearningRate = 5e-3,
            LearningRateSchedule = LearningRateScheduleKind.Step,
            Threads = threads,
            Seed = 1,
        };
        double trainSeconds = 0, pushSeconds = 0;
        var phase = Stopwatch.StartNew();
        LocalFlowPhase last = LocalFlowPhase.Training;
        var progress = new SyncProgress(p =>
        {
            if (p.Phase == LocalFlowPhase.PushForward && last == LocalFlowPhase.Training)
            {
                trainSeconds += phase.Elapsed.TotalSeconds;
                phase.Restart();
            }
            else if (p.Phase == LocalFlowPhase.BlockCompleted)
            {
                if (last == LocalFlowPhase.PushForward)
                {
                    pushSeconds += phase.Elapsed.TotalSeconds;
                }
                else
                {
                    trainSeconds += phase.Elapsed.TotalSeconds;
                }

                phase.Restart();
            }

            last = p.Phase;
        });
        var total = Stopwatch.StartNew();
        LocalFlowModel model = LocalFlowTrainer.Fit(data, rows, 6, options, progress);
        double fit = total.Elapsed.TotalSeconds;
        int iters = iterationsPerBlock * 4;
        Line(output, "flow_power_fit", ("seconds", fit), ("train_seconds", trainSeconds), ("it_per_s", iters / trainSeconds),
            ("gflops", 6.0 * 4096 * model.Blocks[0].Network.Shape.SumInOut * iters / trainSeconds / 1e9),
            ("push_rows_per_s", 3.0 * rows / pushSeconds), ("threads", threads));

        var dst = new float[sampleRows * 6];
        FlowResult s = LocalFlowSampler.Sample(model, sampleRows, 7, default, new SamplingOptions { Threads = threads }, dst);
        Line(output, "flow_sample_rk4x10", ("rows_per_s", s.RowsPerSecond), ("nfe", s.FunctionEvaluations), ("threads", threads));

        var lp = new double[nllRows];
        FlowResult l = LocalFlowLikelihood.LogLikelihood(model, test, nllRows, default,
            new LikelihoodOptions { Solver = OdeSolverOptions.Fixed(OdeSolverKind.Euler, 50), Threads = threads }, lp);
        Line(output, "flow_nll_euler50", ("rows_per_s", l.RowsPerSecond), ("nll", -lp.Average()), ("threads", threads));
        l = LocalFlowLikelihood.LogLikelihood(model, test, nllRows, default,
            new LikelihoodOptions { Solver = OdeSolverOptions.Fixed(OdeSolverKind.Rk4, 10), Threads = threads }, lp);
        Line(output, "flow_nll_rk4x10", ("rows_per_s", l.RowsPerSecond), ("nll", -lp.Average()), ("threads", threads));

        var dsw = Stopwatch.StartNew();
        LocalFlowModel distilled = LocalFlowDistiller.Distill(model, new DistillationOptions { Pairs = 20_000, Iterations = 300, Threads = threads });
        double distillSeconds = dsw.Elapsed.TotalSeconds;
        FlowResult sd = LocalFlowSampler.Sample(distilled, sampleRows, 7, default, new SamplingOptions { Threads = threads, UseDistilled = true }, dst);
        Line(output, "flow_sample_distilled", ("rows_per_s", sd.RowsPerSecond), ("nfe", sd.FunctionEvaluations),
            ("speedup", sd.RowsPerSecond / s.RowsPerSecond), ("distill_seconds", distillSeconds), ("threads", threads));
    }

    private static void Line(TextWriter w, string name, params (string Key, double Value)[] fields)
    {
        var parts = new List<string> { $"\"case\": \"{name}\"" };
        foreach ((string k, double v) in fields)
        {
            parts.Add($"\"{k}\": {v.ToString("G6", CultureInfo.InvariantCulture)}");
        }

        w.WriteLine("{" + string.Join(", ", parts) + "}");
    }

    /// <summary>A fixed 8-component 6-D Gaussian mixture (diagonal covariances), seeded.</summary>
    internal static float[] Mixture6(int rows, int seed)
    {
        var mrng = new System.Random(1234);
        var means = new double[8, 6];
        var sds = new double[8, 6];
        for (int m = 0; m < 8; m++)
        {
            for (int j = 0; j < 6; j++)
            {
                means[m, j] = 3 * Gauss(mrng);
                sds[m, j] = 0.3 + mrng.NextDouble();
            }
        }

        var rng = new System.Random(seed);
        var x = new float[rows * 6];
        for (int r = 0; r < rows; r++)
        {
            int m = rng.Next(8);
            for (int j = 0; j < 6; j++)
            {
                x[(r * 6) + j] = (float)(means[m, j] + (sds[m, j] * Gauss(rng)));
            }
        }

        return x;
    }

    private static double Gauss(System.Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    private sealed class SyncProgress(Action<LocalFlowProgress> report) : IProgress<LocalFlowProgress>
    {
        public void Report(LocalFlowProgress value) => report(value);
    }
}
