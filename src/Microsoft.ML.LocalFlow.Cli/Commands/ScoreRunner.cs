using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.ML.LocalFlow.Cli.Infrastructure;
using Microsoft.ML.LocalFlow.Cli.Rendering;
using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Csv;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary>Executes <c>lfm score</c>: exact log-likelihood per row through the tabular layer, written as a one-column CSV.</summary>
internal static class ScoreRunner
{
    /// <summary>The name of the scores CSV's only column.</summary>
    public const string ColumnName = "log_likelihood";

    /// <summary>Runs the command.</summary>
    public static ExitCode Execute(string modelPath, string dataPath, string outputPath, int? threads, bool json, CliContext context)
    {
        AtomicFile.CheckTarget(outputPath);
        TabularSynthesizer synthesizer = ModelFiles.Load(modelPath);
        // Read the rows with the model's column kinds, so that inference on a few rows cannot disagree with training.
        var schema = new SchemaOptions();
        foreach (ColumnSchema column in synthesizer.Schema)
        {
            schema.Kinds[column.Name] = column.Kind;
        }

        Table table = DataFiles.Read(dataPath, "data", schema, context).Table;
        var options = LikelihoodOptions.Default with { Threads = threads ?? 0 };
        var clock = Stopwatch.StartNew();
        double[] logLikelihood = synthesizer.ScoreLogLikelihood(table, options: options, cancellationToken: context.CancellationToken);
        clock.Stop();

        var scores = new Table([new NumericColumn(ColumnName, ColumnKind.Continuous, logLikelihood)]);
        AtomicFile.WriteViaTemporaryPath(outputPath, temporary => TableCsv.Write(scores, temporary));

        double meanNll = -logLikelihood.Average();
        int dimension = synthesizer.Schema.Count;
        double bitsPerDimension = LocalFlowLikelihood.BitsPerDimension(meanNll, dimension);
        if (json)
        {
            JsonOutput.Write(
                new JsonObject
                {
                    ["rows"] = table.RowCount,
                    ["columns"] = dimension,
                    ["mean_nll_nats"] = meanNll,
                    ["bits_per_dimension"] = bitsPerDimension,
                    ["seconds"] = clock.Elapsed.TotalSeconds,
                    ["scores"] = outputPath,
                },
                context.Stdout);
        }
        else
        {
            context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"mean NLL {meanNll:F4} nats ({bitsPerDimension:F4} bits per column) over {table.RowCount:N0} rows; wrote '{outputPath}' in {clock.Elapsed.TotalSeconds:F2} s"));
        }

        return ExitCode.Success;
    }
}
