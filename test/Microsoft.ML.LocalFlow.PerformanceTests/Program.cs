using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Microsoft.ML.LocalFlow.Numerics.Gemm;
using GemmApi = Microsoft.ML.LocalFlow.Numerics.Gemm.Gemm;
using Microsoft.ML.LocalFlow.Numerics.Random;
using Microsoft.ML.LocalFlow.Numerics.Threading;
using Microsoft.ML.LocalFlow.PerformanceTests.Flow;
using Microsoft.ML.LocalFlow.PerformanceTests.Gemm;
using Microsoft.ML.LocalFlow.PerformanceTests.Nn;
using Microsoft.ML.LocalFlow.PerformanceTests.Tabular;

namespace Microsoft.ML.LocalFlow.PerformanceTests;

/// <summary>
/// `quick [--threads N] [--case NAME]... [--seconds S] [--profile]`: one JSON object per line, seconds per case;
/// --profile prints the time of each phase of a step instead.
/// `bdn [BenchmarkDotNet args]`: the BenchmarkDotNet suites of this assembly.
/// `ab DIR_A DIR_B CASE [--threads N] [--seconds S] [--per N]`: two builds' step (or one GEMM) alternated in one process.
/// </summary>
public static class Program
{
    private const string Usage = "usage: quick [--threads N] [--case NAME[,NAME]]... (NAME: power|miniboone|bsds|small|twod|gemm2048[.avx512|.avx2|.portable]|clock|rng|flow|distill[.ring|.gmm6|.faithful]|parity|parity.gmm|lfm_vs_fm|tabular.fidelity|tabular.scale|...) [--seconds S] [--profile] | bdn [BenchmarkDotNet args] | ab DIR_A DIR_B CASE|VARIANT:MxNxK [--threads N] [--seconds S] [--per N]";

    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "bdn")
        {
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..]);
            return 0;
        }

        if (args.Length > 3 && args[0] == "ab")
        {
            // Two builds alternated in one process (Nn/AbStep.cs).
            return AbStep.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "quick")
        {
            try
            {
                return Quick(args[1..]);
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                Console.Error.WriteLine(Usage);
                return 2;
            }
        }

        Console.Error.WriteLine(Usage);
        return 2;
    }

    private static int Quick(string[] args)
    {
        int threads = Environment.ProcessorCount;
        double seconds = 2.0;
        bool profile = false;
        var cases = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--profile")
            {
                profile = true;
                continue;
            }

            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--threads":
                    threads = int.Parse(value, CultureInfo.InvariantCulture);
                    i++;
                    break;
                case "--case":
                    cases.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    i++;
                    break;
                case "--seconds":
                    seconds = double.Parse(value, CultureInfo.InvariantCulture);
                    i++;
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        if (cases.Count == 0)
        {
            cases.AddRange(StepCase.All.Select(c => c.Name));
            cases.Add("gemm2048");
        }

        foreach (string name in cases)
        {
            if (name.Equals("rng", StringComparison.OrdinalIgnoreCase))
            {
                RngQuick.Run(seconds);
            }
            else if (name.Equals("gemm2048", StringComparison.OrdinalIgnoreCase))
            {
                QuickGemm(2048, threads, seconds);
            }
            else if (name.StartsWith("gemm2048.", StringComparison.OrdinalIgnoreCase))
            {
                // gemm2048.avx512 / gemm2048.avx2 / gemm2048.portable: one kernel path, median call (GemmQuick).
                var kind = Enum.Parse<GemmKernelKind>(name["gemm2048.".Length..], ignoreCase: true);
                double gflops = GemmQuick.MeasureGflops(2048, 2048, 2048, threads, kind, seconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{{\"case\": \"{name}\", \"gflops\": {gflops:F1}, \"threads\": {threads}}}"));
            }
            else if (name.Equals("clock", StringComparison.OrdinalIgnoreCase))
            {
                double ghz = GemmQuick.MeasureClockGhz(1, seconds / 2);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{{\"case\": \"clock\", \"ghz\": {ghz:F2}, \"peak512_gflops\": {Environment.ProcessorCount * 2 * 16 * 2 * ghz:F1}, \"peak256_gflops\": {Environment.ProcessorCount * 2 * 8 * 2 * ghz:F1}}}"));
            }
            else if (name.Equals("flow", StringComparison.OrdinalIgnoreCase))
            {
                FlowQuickBenchmark.Run(Console.Out, threads);
            }
            else if (name.Equals("distill", StringComparison.OrdinalIgnoreCase) || name.StartsWith("distill.", StringComparison.OrdinalIgnoreCase))
            {
                // The quality cost of distilling (ring, 6-D mixture, faithful) and the k-step trade-off (docs/perf/flow.md).
                DistillQuick.Run(Console.Out, FindDataDirectory(), threads, name.Length > "distill.".Length ? name["distill.".Length..] : "");
            }
            else if (name.Equals("parity", StringComparison.OrdinalIgnoreCase))
            {
                // Old Faithful test NLL on the PyTorch reference's exact split (docs/perf/parity.md).
                ParityQuick.RunParity(Console.Out, FindDataDirectory(), threads);
            }
            else if (name.Equals("parity.gmm", StringComparison.OrdinalIgnoreCase))
            {
                // The reference's own 6-D mixture, dumped by Flow/parity_dump_gmm.py (LFM_PARITY_TRAIN, LFM_PARITY_TEST).
                ParityQuick.RunParityCsv(Console.Out, threads);
            }
            else if (name.Equals("lfm_vs_fm", StringComparison.OrdinalIgnoreCase))
            {
                // LFM (4 blocks) against FM (one free block) at equal total iterations × batch.
                ParityQuick.RunLfmVsFm(Console.Out, threads);
            }
            else if (name.StartsWith("tabular.", StringComparison.OrdinalIgnoreCase))
            {
                // tabular.fidelity / tabular.encoding / tabular.scale / tabular.wide over the repository's data/ folder.
                TabularQuick.Run(Console.Out, FindDataDirectory(), name["tabular.".Length..], threads: threads);
            }
            else if (profile)
            {
                StepProfile.Run(StepCase.Find(name), threads, seconds);
            }
            else
            {
                QuickStep(StepCase.Find(name), threads, seconds);
            }
        }

        return 0;
    }

    private static void QuickStep(StepCase stepCase, int threads, double seconds)
    {
        using var harness = new StepHarness(stepCase, threads);

        // Warm-up: JIT tiers, page faults of the workspaces, worker threads spun up. At least 50 steps (up to 3 s): tiered
        // compilation promotes a method after 30 calls, and the per-step methods are called once per step, so 0.5 s of a
        // 28 ms step (twod: 17 steps) left them at tier 0 for the first second of the measurement (33.7–35.7 it/s
        // measured alone vs 36.2–37.2 with DOTNET_TieredCompilation=0 or after another case; third session, 17:36 UTC).
        var warm = Stopwatch.StartNew();
        for (int i = 0; i < 3 || warm.Elapsed.TotalSeconds < Math.Min(0.5, seconds / 4) || (i < 50 && warm.Elapsed.TotalSeconds < 3); i++)
        {
            harness.Step();
        }

        int iters = 0;
        var sw = Stopwatch.StartNew();
        do
        {
            harness.Step();
            iters++;
        }
        while (sw.Elapsed.TotalSeconds < seconds);
        double elapsed = sw.Elapsed.TotalSeconds;
        double perSecond = iters / elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"case\": \"{stepCase.Name}\", \"iters_per_s\": {perSecond:F2}, \"gflops\": {harness.FlopsPerStep * perSecond / 1e9:F1}, \"threads\": {threads}, \"iters\": {iters}, \"loss\": {harness.LastLoss:G4}}}"));
    }

    private static string FindDataDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Microsoft.ML.LocalFlow.sln")))
            {
                return Path.Combine(dir.FullName, "data");
            }
        }

        throw new DirectoryNotFoundException("The repository's data/ folder was not found above " + AppContext.BaseDirectory);
    }

    private static void QuickGemm(int n, int threads, double seconds)
    {
        // The kernel path chosen at start-up; GemmQuick times the median call after a warm-up.
        double gflops = GemmQuick.MeasureGflops(n, n, n, threads, kind: null, seconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"case\": \"gemm{n}\", \"gflops\": {gflops:F1}, \"kernel\": \"{GemmApi.Kernel}\", \"threads\": {threads}}}"));
    }
}
