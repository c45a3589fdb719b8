using BenchmarkDotNet.Attributes;

namespace Microsoft.ML.LocalFlow.PerformanceTests.Nn;

/// <summary>BenchmarkDotNet timing of one full training step per issue shape (`bdn --filter *MlpStep*`).</summary>
[MemoryDiagnoser]
public class MlpStepBenchmarks
{
    private StepHarness? _harness;

    [ParamsSource(nameof(CaseNames))]
    public string Case { get; set; } = "small";

    [Params(2)]
    public int Threads { get; set; }

    public static IEnumerable<string> CaseNames => StepCase.All.Select(c => c.Name);

    [GlobalSetup]
    public void Setup()
    {
        _harness = new StepHarness(StepCase.Find(Case), Threads);
        _harness.Step();
    }

    [GlobalCleanup]
    public void Cleanup() => _harness?.Dispose();

    [Benchmark]
    public void TrainingStep() => _harness!.Step();
}
