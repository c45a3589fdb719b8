using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.LocalFlow.Numerics.Random;

namespace Microsoft.ML.LocalFlow.PerformanceTests.Nn;

/// <summary>`quick --case rng`: single-thread throughput of the bulk fills, in millions of floats per second.</summary>
public static class RngQuick
{
    public static void Run(double seconds)
    {
        var rng = new Rng(1);
        var buffer = new float[1 << 16];
        Report("uniform", Measure(() => rng.FillUniform(buffer), buffer.Length, seconds));
        Report("gaussian", Measure(() => rng.FillGaussian(buffer), buffer.Length, seconds));
        Report("beta_2_5", Measure(() => rng.FillBeta(buffer.AsSpan(0, 4096), 2, 5), 4096, seconds));
    }

    private static double Measure(Action fill, int count, double seconds)
    {
        // Warm up long enough for tiered JIT to reach optimised code (the loops start at tier 0).
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < Math.Min(0.5, seconds))
        {
            fill();
        }

        long n = 0;
        var sw = Stopwatch.StartNew();
        do
        {
            fill();
            n += count;
        }
        while (sw.Elapsed.TotalSeconds < seconds);
        return n / sw.Elapsed.TotalSeconds / 1e6;
    }

    private static void Report(string kind, double millionsPerSecond) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"case\": \"rng_{kind}\", \"mfloats_per_s\": {millionsPerSecond:F1}}}"));
}
