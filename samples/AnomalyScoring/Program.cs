// Anomaly scoring: fit Local Flow Matching on the Old Faithful eruptions (two clusters: short eruptions after short waits,
// long after long), then score every row's log-likelihood, plus three made-up eruptions that break the pattern. The rows
// the model finds least likely are the anomalies.
// Run: dotnet run --project samples/AnomalyScoring
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.LocalFlow;
using Microsoft.ML.LocalFlow.Tabular.Encoding;

var mlContext = new MLContext(seed: 1);
string path = args.Length > 0 ? args[0] : FindData("faithful.csv");
IDataView eruptions = mlContext.Data.LoadFromTextFile<Eruption>(path, separatorChar: ',', hasHeader: true);

var options = LocalFlowMatchingOptions.FromPreset(LocalFlowMatchingPreset.Fast);
options.IterationsPerBlock = 800;
options.NumberOfThreads = 2;
// Standardisation gives a smooth density in the columns' own units, which scores unseen values (even outside the
// training range) sensibly; the default quantile encoding is tuned for generation instead.
options.ContinuousEncoding = ContinuousEncoding.Standardize;
LocalFlowMatchingTransformer model = mlContext.Generative.LocalFlowMatching(options).Fit(eruptions);

// Real rows plus three odd ones: a long eruption after a short wait, a short one after a long wait, and a very long one.
var odd = new[]
{
    new NotedEruption { Duration = 4.8f, Waiting = 50, Note = "made up: long eruption, short wait" },
    new NotedEruption { Duration = 1.8f, Waiting = 88, Note = "made up: short eruption, long wait" },
    new NotedEruption { Duration = 6.5f, Waiting = 96, Note = "made up: longer than any real one" },
};
var rows = mlContext.Data.CreateEnumerable<NotedEruption>(eruptions, reuseRowObject: false, ignoreMissingColumns: true).Concat(odd).ToList();
IDataView scored = model.ScoreLogLikelihood(mlContext.Data.LoadFromEnumerable(rows));

// LogLikelihood is a Double column added to the input rows, one score per row, in nats.
var ranked = mlContext.Data.CreateEnumerable<ScoredEruption>(scored, reuseRowObject: false).OrderBy(r => r.LogLikelihood).ToList();
Console.WriteLine($"Scored {ranked.Count} rows. The eight least likely:");
foreach (var r in ranked.Take(8))
{
    Console.WriteLine(FormattableString.Invariant($"  log-likelihood {r.LogLikelihood,7:F2}   eruption {r.Duration:F2} min after {r.Waiting:F0} min   {r.Note}"));
}

double threshold = ranked[(int)(0.01 * ranked.Count)].LogLikelihood; // flag the lowest 1 %
Console.WriteLine(FormattableString.Invariant($"Median log-likelihood {ranked[ranked.Count / 2].LogLikelihood:F2}; 1 % threshold {threshold:F2}."));
Console.WriteLine($"Made-up rows flagged at 1 %: {ranked.Count(r => r.Note.Length > 0 && r.LogLikelihood <= threshold)} of {odd.Length}.");

// Output of one run on the development machine (2 threads; the numbers move a little with the CPU and the layers' versions):
//   Scored 275 rows. The eight least likely:
//     log-likelihood  -31.80   eruption 6.50 min after 96 min   made up: longer than any real one
//     log-likelihood  -23.93   eruption 4.80 min after 50 min   made up: long eruption, short wait
//     log-likelihood  -17.66   eruption 1.80 min after 88 min   made up: short eruption, long wait
//     log-likelihood   -7.22   eruption 5.10 min after 96 min
//     log-likelihood   -7.08   eruption 3.83 min after 64 min
//     log-likelihood   -6.94   eruption 2.38 min after 71 min
//     log-likelihood   -6.67   eruption 3.50 min after 87 min
//     log-likelihood   -6.67   eruption 2.88 min after 55 min
//   Median log-likelihood -3.82; 1 % threshold -17.66.
//   Made-up rows flagged at 1 %: 3 of 3.

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

    throw new FileNotFoundException($"Could not find data/{file} above {AppContext.BaseDirectory}; pass the path as the first argument.");
}

/// <summary>One row of data/faithful.csv: eruption length and the wait before it, in minutes.</summary>
public class Eruption
{
    [LoadColumn(0)] public float Duration { get; set; }

    [LoadColumn(1)] public float Waiting { get; set; }
}

/// <summary>An eruption with a note (empty for real rows): columns the model did not see pass through scoring unchanged.</summary>
public class NotedEruption : Eruption
{
    public string Note { get; set; } = string.Empty;
}

/// <summary>A scored row.</summary>
public sealed class ScoredEruption : NotedEruption
{
    public double LogLikelihood { get; set; }
}
