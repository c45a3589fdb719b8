using BenchmarkDotNet.Attributes;
using Microsoft.ML.LocalFlow.Numerics.Gemm;
using Microsoft.ML.LocalFlow.Numerics.Threading;
using GemmApi = Microsoft.ML.LocalFlow.Numerics.Gemm.Gemm;

namespace Microsoft.ML.LocalFlow.PerformanceTests.Gemm;

/// <summary>
/// GEMM at the paper's MLP shapes (batch × width × width for power, miniboone and bsds), at 2048³ for the
/// fraction-of-peak figure, and at the thin input/output layers that take the unpacked path; for each variant
/// backprop uses, each kernel path the machine runs, and one or two threads.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project test/Microsoft.ML.LocalFlow.PerformanceTests -- bdn --filter *GemmBenchmarks*</c>.
/// GFLOP/s = 2·m·n·k / mean time. The kernel path is an explicit parameter (an internal hook of the GEMM), so
/// both the Vector512 and the Vector256 path are measured in one run on an AVX-512 machine.
/// </remarks>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];
    private WorkerPool? _pool;
    private int _m, _n, _k, _lda, _ldb;

    /// <summary>m×n×k: power (4096×256×256), miniboone (1000×362×362), bsds (500×512×512), 2048³, and the
    /// power input (k = 7) and output (n = 6) layers.</summary>
    [Params("4096x256x256", "1000x362x362", "500x512x512", "2048x2048x2048", "4096x256x7", "4096x6x256")]
    public string Shape { get; set; } = "4096x256x256";

    /// <summary>NN = X·W (forward), NT = dY·Wᵀ (input gradient), TN = Xᵀ·dY (weight gradient).</summary>
    [Params("NN", "NT", "TN")]
    public string Variant { get; set; } = "NN";

    [ParamsSource(nameof(Kernels))]
    public GemmKernelKind Kernel { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    public static IEnumerable<GemmKernelKind> Kernels => Enum.GetValues<GemmKernelKind>()
        .Where(k => k != GemmKernelKind.Portable && GemmApi.IsSupported(k));

    private MatrixOp OpA => Variant[0] == 'T' ? MatrixOp.Transpose : MatrixOp.None;

    private MatrixOp OpB => Variant[1] == 'T' ? MatrixOp.Transpose : MatrixOp.None;

    [GlobalSetup]
    public void Setup()
    {
        int[] dims = [.. Shape.Split('x').Select(int.Parse)];
        (_m, _n, _k) = (dims[0], dims[1], dims[2]);
        _lda = OpA == MatrixOp.None ? _k : _m;
        _ldb = OpB == MatrixOp.None ? _n : _k;
        var rng = new Random(42);
        _a = [.. Enumerable.Range(0, _m * _k).Select(_ => (float)rng.NextDouble() - 0.5f)];
        _b = [.. Enumerable.Range(0, _k * _n).Select(_ => (float)rng.NextDouble() - 0.5f)];
        _c = new float[_m * _n];
        _pool = new WorkerPool(Threads);
    }

    [GlobalCleanup]
    public void Cleanup() => _pool?.Dispose();

    [Benchmark]
    public void Multiply()
        => GemmApi.Multiply(OpA, OpB, _m, _n, _k, 1f, _a, _lda, _b, _ldb, 0f, _c, _n, _pool, Kernel, GemmAlgorithm.Auto);
}
