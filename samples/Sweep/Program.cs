// Sweep: search the number of blocks, step sizes, width, depth and learning rate of Local Flow Matching on the wine table,
// AutoML-style: 9 random configurations at a third of a ninth of the iterations, the best third at a third, the best one at
// the full count (successive halving), all under a time budget and scored on held-out rows.
// Run: dotnet run --project samples/Sweep [-- seconds]
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.LocalFlow;

var mlContext = new MLContext(seed: 1);
string path = FindData("wine.csv");
IDataView wine = mlContext.Data.LoadFromTextFile(path, new TextLoader.Options
{
    HasHeader = true,
    Separators = [','],
    Columns =
    [
        new TextLoader.Column("alcohol", DataKind.Single, 0),
        new TextLoader.Column("malic_acid", DataKind.Single, 1),
        new TextLoader.Column("ash", DataKind.Single, 2),
        new TextLoader.Column("magnesium", DataKind.Single, 4),
        new TextLoader.Column("flavanoids", DataKind.Single, 6),
        new TextLoader.Column("color_intensity", DataKind.Single, 9),
        new TextLoader.Column("proline", DataKind.Single, 12),
    ],
});

var searchSpace = new LocalFlowSearchSpace
{
    NumberOfBlocks = [1, 2, 4],
    FirstStepSize = new SearchRange(0.1, 0.6, LogScale: true),
    HiddenWidth = [32, 64, 128],
    HiddenLayers = [2, 3],
    LearningRate = new SearchRange(1e-3, 1e-2, LogScale: true),
    IterationsPerBlock = [900],
};
var baseOptions = LocalFlowMatchingOptions.FromPreset(LocalFlowMatchingPreset.Fast);
baseOptions.NumberOfThreads = 2;
var sweepOptions = new LocalFlowSweepOptions
{
    MaxTrials = 9,
    ReductionFactor = 3,
    TimeBudget = TimeSpan.FromSeconds(args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 120),
    Objective = LocalFlowSweepObjective.ValidationNegativeLogLikelihood,
    BaseOptions = baseOptions,
    Seed = 3,
};

LocalFlowSweepResult result = mlContext.Generative.Sweep(wine, searchSpace, sweepOptions);
Console.WriteLine(result); // the trials table; '*' marks the best run
Console.WriteLine($"Best: {result.BestRun.Parameters}");
Console.WriteLine(FormattableString.Invariant($"Validation NLL {result.BestRun.Metric:F3} nats per row, after {result.Trials.Sum(t => t.DurationInMilliseconds) / 1000:F1} s of trials."));

// The best model is an ordinary LocalFlowMatchingTransformer.
var report = mlContext.Generative.Evaluate(wine, result.BestModel.Generate(178, seed: 1));
Console.WriteLine(FormattableString.Invariant($"Its Quality Score against the real wines: {report.QualityScore:F3}"));

static string FindData(string file)
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        string candidate = Path.Combine(dir.FullName, "data", file);
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new FileNotFoundException($"Could not find data/{file} above {AppContext.BaseDirectory}.");
}
