namespace Microsoft.ML.LocalFlow.PerformanceTests.Nn;

/// <summary>A training-step shape from the issue: data dims d, K hidden layers of width H, batch B (time input included).</summary>
public sealed record StepCase(string Name, int D, int H, int K, int B)
{
    public static IReadOnlyList<StepCase> All { get; } =
    [
        new("power", 6, 256, 4, 4096),
        new("miniboone", 43, 362, 4, 1000),
        new("bsds", 63, 512, 4, 500),
        new("small", 8, 128, 3, 512),
        new("twod", 2, 256, 3, 10000),
    ];

    public static StepCase Find(string name) =>
        All.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown case '{name}'; known: {string.Join(", ", All.Select(c => c.Name))}, gemm2048.", nameof(name));

    public override string ToString() => Name;
}
