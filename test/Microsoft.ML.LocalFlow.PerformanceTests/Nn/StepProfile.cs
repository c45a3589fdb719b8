using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.LocalFlow.Numerics.Gemm;
using Microsoft.ML.LocalFlow.Numerics.Nn;
using Microsoft.ML.LocalFlow.Numerics.Nn.Kernels;
using Microsoft.ML.LocalFlow.Numerics.Optim;
using Microsoft.ML.LocalFlow.Numerics.Random;
using Microsoft.ML.LocalFlow.Numerics.Threading;
using GemmApi = Microsoft.ML.LocalFlow.Numerics.Gemm.Gemm;

namespace Microsoft.ML.LocalFlow.PerformanceTests.Nn;

/// <summary>
/// `quick --profile`: where the time of one training step goes (ms per step for the GEMMs alone, the element-wise
/// kernels, Adam, batch sampling, and the whole step), to see what is left once the GEMM is fast.
/// </summary>
public static class StepProfile
{
    public static void Run(StepCase sc, int threads, double seconds)
    {
        using var pool = new WorkerPool(threads);
        var shape = new MlpShape(sc.D, sc.H, sc.K);
        var mlp = new Mlp(shape, 1);
        var ws = new MlpWorkspace(shape, sc.B);
        var rng = new Rng(3);
        var t = new float[sc.B];
        var x = new float[sc.B * sc.D];
        var o = new float[x.Length];
        var g = new float[mlp.ParameterCount];
        rng.FillUniform(t);
        rng.FillGaussian(x);
        var adam = new Adam(mlp.ParameterCount, 1e-6f);
        int h = sc.H;
        int b = sc.B;
        int in0 = shape.InputWidth;
        float[] big = new float[b * h];
        float[] big2 = new float[b * h];
        float[] w = new float[h * h];
        float[] bias = new float[h];
        rng.FillGaussian(big);
        rng.FillGaussian(w);
        var job = new ElementwiseJob();

        void Gemms()
        {
            // The products of one step: forward, weight gradient, input gradient per layer (no input gradient for layer 0).
            for (int i = 0; i < shape.LayerCount; i++)
            {
                int nin = shape.LayerInputWidth(i);
                int nout = shape.LayerOutputWidth(i);
                GemmApi.Multiply(MatrixOp.None, MatrixOp.None, b, nout, nin, 1f, big.AsSpan(0, b * nin), nin, w.AsSpan(0, nin * nout), nout, 0f, big2.AsSpan(0, b * nout), nout, pool);
                GemmApi.Multiply(MatrixOp.Transpose, MatrixOp.None, nin, nout, b, 1f, big.AsSpan(0, b * nin), nin, big2.AsSpan(0, b * nout), nout, 0f, w.AsSpan(0, nin * nout), nout, pool);
                if (i > 0)
                {
                    GemmApi.Multiply(MatrixOp.None, MatrixOp.Transpose, b, nin, nout, 1f, big2.AsSpan(0, b * nout), nout, w.AsSpan(0, nin * nout), nout, 0f, big.AsSpan(0, b * nin), nin, pool);
                }
            }
        }

        void Elementwise()
        {
            for (int i = 0; i < sc.K; i++)
            {
                job.BiasActivate(pool, Activation.Relu, big2, 0, b, h, bias, 0, null, 0, 1f);
                job.BackwardActivate(pool, Activation.Relu, big, big2, b, h, bias, false);
            }
        }

        var harness = new StepHarness(sc, threads);

        // Each product of one step on its own (A·B forward, Aᵀ·B weight gradient, A·Bᵀ input gradient), to see which
        // shape falls short of the GEMM's speed.
        for (int i = 0; i < shape.LayerCount; i++)
        {
            int nin = shape.LayerInputWidth(i);
            int nout = shape.LayerOutputWidth(i);
            Report(sc, $"L{i}.nn {b}x{nout}x{nin}", Time(() => GemmApi.Multiply(MatrixOp.None, MatrixOp.None, b, nout, nin, 1f, big.AsSpan(0, b * nin), nin, w.AsSpan(0, nin * nout), nout, 0f, big2.AsSpan(0, b * nout), nout, pool), seconds / 4));
            Report(sc, $"L{i}.tn {nin}x{nout}x{b}", Time(() => GemmApi.Multiply(MatrixOp.Transpose, MatrixOp.None, nin, nout, b, 1f, big.AsSpan(0, b * nin), nin, big2.AsSpan(0, b * nout), nout, 0f, w.AsSpan(0, nin * nout), nout, pool), seconds / 4));
            Report(sc, $"L{i}.nt {b}x{nin}x{nout}", Time(() => GemmApi.Multiply(MatrixOp.None, MatrixOp.Transpose, b, nin, nout, 1f, big2.AsSpan(0, b * nout), nout, w.AsSpan(0, nin * nout), nout, 0f, big.AsSpan(0, b * nin), nin, pool), seconds / 4));
        }

        // One hidden layer's forward and backward element-wise work, separate passes vs fused into the GEMM epilogue,
        // alternated in one process so that a shared machine's noise hits both alike.
        float[] act = new float[b * h];
        rng.FillGaussian(act);
        void ForwardSeparate()
        {
            GemmApi.Multiply(MatrixOp.None, MatrixOp.None, b, h, h, 1f, big, h, w, h, 0f, big2, h, pool);
            job.BiasActivate(pool, Activation.Relu, big2, 0, b, h, bias, 0, null, 0, 1f);
        }

        void ForwardFused() => GemmApi.Multiply(MatrixOp.None, MatrixOp.None, b, h, h, 1f, big, h, w, h, 0f, big2, h, pool,
            GemmEpilogue.BiasActivation(bias, Activation.Relu, 1f));
        void BackwardSeparate()
        {
            GemmApi.Multiply(MatrixOp.None, MatrixOp.Transpose, b, h, h, 1f, big, h, w, h, 0f, big2, h, pool);
            job.BackwardActivate(pool, Activation.Relu, big2, act, b, h, bias, false);
        }

        void BackwardFused()
        {
            GemmApi.Multiply(MatrixOp.None, MatrixOp.Transpose, b, h, h, 1f, big, h, w, h, 0f, big2, h, pool,
                GemmEpilogue.ActivationGradient(Activation.Relu, act));
            job.ColumnSums(pool, big2, b, h, bias, false);
        }

        unsafe void EpilogueTiles()
        {
            fixed (float* pc = big2)
            fixed (float* ps = act)
            {
                var e = new GemmEpiloguePointers(GemmEpilogueKind.ActivationGradient, Activation.Relu, null, null, ps, 1f);
                for (int jr = 0; jr < h; jr += 32)
                {
                    for (int ir = 0; ir < b; ir += 8)
                    {
                        GemmEpilogueKernels.Apply(e, pc + ir * h + jr, h, ir, jr, 8, 32);
                    }
                }
            }
        }

        for (int round = 0; round < 3; round++)
        {
            Report(sc, "layer_epilogue_tiles_only", Time(EpilogueTiles, seconds / 4));
            Report(sc, "layer_fwd_separate", Time(ForwardSeparate, seconds / 4));
            Report(sc, "layer_fwd_fused", Time(ForwardFused, seconds / 4));
            Report(sc, "layer_bwd_separate", Time(BackwardSeparate, seconds / 4));
            Report(sc, "layer_bwd_fused", Time(BackwardFused, seconds / 4));
            Report(sc, "layer_bwd_gemm_plain", Time(() => GemmApi.Multiply(MatrixOp.None, MatrixOp.Transpose, b, h, h, 1f, big, h, w, h, 0f, big2, h, pool), seconds / 4));
            Report(sc, "layer_bwd_gemm_epilogue", Time(() => GemmApi.Multiply(MatrixOp.None, MatrixOp.Transpose, b, h, h, 1f, big, h, w, h, 0f, big2, h, pool,
                GemmEpilogue.ActivationGradient(Activation.Relu, act)), seconds / 4));
            Report(sc, "layer_column_sums", Time(() => job.ColumnSums(pool, big2, b, h, bias, false), seconds / 4));

            // The weight gradient dW = Xᵀ·dZ with its bias gradient db = Σ_rows dZ: a separate column-sum pass (the
            // second session's backward) vs the sums taken while the GEMM packs dZ (GemmEpilogue.ColumnSumsOfB).
            Report(sc, "layer_wgrad_separate", Time(() =>
            {
                GemmApi.Multiply(MatrixOp.Transpose, MatrixOp.None, h, h, b, 1f, big, h, big2, h, 0f, w, h, pool);
                job.ColumnSums(pool, big2, b, h, bias, false);
            }, seconds / 4));
            Report(sc, "layer_wgrad_fused", Time(() => GemmApi.Multiply(MatrixOp.Transpose, MatrixOp.None, h, h, b, 1f, big, h, big2, h, 0f, w, h, pool,
                GemmEpilogue.ColumnSumsOfB(bias)), seconds / 4));
        }

        Report(sc, "gemms", Time(Gemms, seconds));
        Report(sc, "elementwise_relu", Time(Elementwise, seconds));
        Report(sc, "adam", Time(() => adam.Step(mlp.Parameters, g, pool), seconds));
        Report(sc, "forward", Time(() => mlp.Forward(t, x, default, b, o, ws, pool), seconds));
        Report(sc, "backward", Time(() => mlp.Backward(o, ws, g, default, pool), seconds));
        Report(sc, "sample", Time(harness.Sample, seconds));
        Report(sc, "step", Time(harness.Step, seconds));
        harness.Dispose();
    }

    /// <summary>Wall ms per call, and the process's CPU ms per call (less sensitive to a shared machine with one thread).</summary>
    private static (double Wall, double Cpu) Time(Action action, double seconds)
    {
        action();
        action();
        int n = 0;
        using var process = Process.GetCurrentProcess();
        TimeSpan cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        do
        {
            action();
            n++;
        }
        while (sw.Elapsed.TotalSeconds < seconds);
        double wall = sw.Elapsed.TotalMilliseconds / n;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu0).TotalMilliseconds / n);
    }

    private static void Report(StepCase sc, string phase, (double Wall, double Cpu) ms) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"case\": \"{sc.Name}\", \"phase\": \"{phase}\", \"ms\": {ms.Wall:F3}, \"cpu_ms\": {ms.Cpu:F3}}}"));
}
