using System.Diagnostics;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.Loader;

namespace Microsoft.ML.LocalFlow.PerformanceTests.Nn;

/// <summary>
/// `ab DIR_A DIR_B CASE [--threads N] [--seconds S] [--per N]`: two builds of this benchmark (their output folders)
/// loaded side by side into one process, each in its own AssemblyLoadContext, and timed in alternating blocks of N
/// calls (the order flipped every round), so that a shared machine's noise hits both alike. CASE is a training-step
/// case (twod, power, ...) or one GEMM as VARIANT:MxNxK (nn, nt, tn, tt; e.g. tn:256x256x10000; α = 1, β = 0).
/// Prints ms per call for each build (min, p25, median) and the median and p25 of the per-round ratio A/B
/// (above 1: B is faster). Only the public API of each build is used, so any two commits can be compared.
/// </summary>
public static class AbStep
{
    public static int Run(string[] args)
    {
        string dirA = Path.GetFullPath(args[0]);
        string dirB = Path.GetFullPath(args[1]);
        string name = args[2];
        int threads = 2;
        double seconds = 20;
        int per = 3;
        for (int i = 3; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--threads": threads = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--per": per = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        Action[] calls = [Load(dirA, name, threads), Load(dirB, name, threads)];
        for (int w = 0; w < 5; w++)
        {
            calls[0]();
            calls[1]();
        }

        var times = new List<double>[] { [], [] };
        var total = Stopwatch.StartNew();
        for (int round = 0; total.Elapsed.TotalSeconds < seconds; round++)
        {
            for (int o = 0; o < 2; o++)
            {
                int s = (round + o) % 2;
                Thread.Sleep(2); // lets the other build's pool workers stop spinning
                var sw = Stopwatch.StartNew();
                for (int i = 0; i < per; i++)
                {
                    calls[s]();
                }

                times[s].Add(sw.Elapsed.TotalMilliseconds / per);
            }
        }

        var ratios = times[0].Zip(times[1], (a, b) => a / b).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"case\": \"{name}\", \"rounds\": {ratios.Count}, \"a_ms\": [{times[0].Min():F3}, {Quantile(times[0], 0.25):F3}, {Quantile(times[0], 0.5):F3}], \"b_ms\": [{times[1].Min():F3}, {Quantile(times[1], 0.25):F3}, {Quantile(times[1], 0.5):F3}], \"a_over_b_median\": {Quantile(ratios, 0.5):F3}, \"a_over_b_p25\": {Quantile(ratios, 0.25):F3}}}"));
        return 0;
    }

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)(q * (sorted.Length - 1))];
    }

    private static Action Load(string dir, string name, int threads)
    {
        var context = new FolderLoadContext(dir);
        if (name.Contains(':', StringComparison.Ordinal))
        {
            return GemmCall(context.LoadFromAssemblyPath(Path.Combine(dir, "Microsoft.ML.LocalFlow.Numerics.dll")), name, threads);
        }

        Assembly bench = context.LoadFromAssemblyPath(Path.Combine(dir, "Microsoft.ML.LocalFlow.PerformanceTests.dll"));
        Type caseType = bench.GetType("Microsoft.ML.LocalFlow.PerformanceTests.Nn.StepCase", throwOnError: true)!;
        object stepCase = caseType.GetMethod("Find")!.Invoke(null, [name])!;
        Type harnessType = bench.GetType("Microsoft.ML.LocalFlow.PerformanceTests.Nn.StepHarness", throwOnError: true)!;
        object harness = Activator.CreateInstance(harnessType, stepCase, threads)!;
        return harness.GetType().GetMethod("Step")!.CreateDelegate<Action>(harness);
    }

    /// <summary>Gemm.Multiply of the loaded build on a WorkerPool of its own (spans built by an expression tree).</summary>
    private static Action GemmCall(Assembly numerics, string spec, int threads)
    {
        string[] parts = spec.Split(':');
        int[] dims = parts[1].Split('x').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        (int m, int n, int k) = (dims[0], dims[1], dims[2]);
        bool ta = parts[0][0] == 't', tb = parts[0][1] == 't';
        var rng = new System.Random(1);
        float[] a = Enumerable.Range(0, m * k).Select(_ => (float)rng.NextDouble()).ToArray();
        float[] b = Enumerable.Range(0, k * n).Select(_ => (float)rng.NextDouble()).ToArray();
        float[] c = new float[m * n];
        Type opType = numerics.GetType("Microsoft.ML.LocalFlow.Numerics.Gemm.MatrixOp", throwOnError: true)!;
        Type poolType = numerics.GetType("Microsoft.ML.LocalFlow.Numerics.Threading.WorkerPool", throwOnError: true)!;
        object pool = Activator.CreateInstance(poolType, threads)!;
        MethodInfo multiply = numerics.GetType("Microsoft.ML.LocalFlow.Numerics.Gemm.Gemm", throwOnError: true)!
            .GetMethods().Single(x => x.Name == "Multiply" && x.IsPublic && x.GetParameters().Length == 14);
        Type ro = typeof(ReadOnlySpan<float>), rw = typeof(Span<float>);
        Expression call = Expression.Call(multiply,
            Expression.Constant(Enum.ToObject(opType, ta ? 1 : 0)), Expression.Constant(Enum.ToObject(opType, tb ? 1 : 0)),
            Expression.Constant(m), Expression.Constant(n), Expression.Constant(k), Expression.Constant(1f),
            Expression.New(ro.GetConstructor([typeof(float[])])!, Expression.Constant(a)), Expression.Constant(ta ? m : k),
            Expression.New(ro.GetConstructor([typeof(float[])])!, Expression.Constant(b)), Expression.Constant(tb ? k : n),
            Expression.Constant(0f), Expression.New(rw.GetConstructor([typeof(float[])])!, Expression.Constant(c)),
            Expression.Constant(n), Expression.Constant(pool, poolType));
        return Expression.Lambda<Action>(call).Compile();
    }

    private sealed class FolderLoadContext(string dir) : AssemblyLoadContext(isCollectible: false)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string path = Path.Combine(dir, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
