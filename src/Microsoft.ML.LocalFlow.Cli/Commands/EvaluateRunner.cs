using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.ML.LocalFlow.Cli.Infrastructure;
using Microsoft.ML.LocalFlow.Cli.Rendering;
using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Csv;
using Microsoft.ML.LocalFlow.Tabular.Metrics;
using Spectre.Console;
using Table = Microsoft.ML.LocalFlow.Tabular.Table;
using SpectreTable = Spectre.Console.Table;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary>
/// Executes <c>lfm evaluate</c>: reads both tables (the synthetic one with the real one's column kinds), calls
/// <see cref="QualityMetrics.Evaluate"/> (per label class too, with <c>--label</c>) and renders the report.
/// </summary>
internal static class EvaluateRunner
{
    /// <summary>Runs the command.</summary>
    public static ExitCode Execute(string realPath, string syntheticPath, string? holdoutPath, string? label, bool json, int? seed, CliContext context)
    {
        Table real = DataFiles.Read(realPath, "real data", null, context).Table;
        Table synthetic = ReadLike(syntheticPath, "synthetic data", real, context);
        Table? holdout = holdoutPath is null ? null : ReadLike(holdoutPath, "holdout data", real, context);
        var options = new QualityOptions { Seed = seed ?? 0 };

        CategoricalColumn? realLabel = null;
        CategoricalColumn? syntheticLabel = null;
        if (label is not null)
        {
            realLabel = LabelColumn(real, label, realPath);
            syntheticLabel = LabelColumn(synthetic, label, syntheticPath);
        }

        context.CancellationToken.ThrowIfCancellationRequested();
        QualityReport report;
        try
        {
            report = QualityMetrics.Evaluate(real, synthetic, options, holdout);
        }
        catch (ArgumentException mismatch) when (mismatch.ParamName is "synthetic" or "holdout")
        {
            // The tables do not match (a column absent or of another kind): say which file.
            string path = mismatch.ParamName == "synthetic" ? syntheticPath : holdoutPath!;
            throw CliException.BadInput($"'{path}': {mismatch.Message.Replace($" (Parameter '{mismatch.ParamName}')", "", StringComparison.Ordinal)}", mismatch);
        }
        List<(string Level, int RealRows, int SyntheticRows, QualityReport? Report)> perClass = [];
        if (realLabel is not null && syntheticLabel is not null)
        {
            foreach (string level in realLabel.Levels)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                int[] realRows = RowsWithLevel(realLabel, level);
                int[] syntheticRows = RowsWithLevel(syntheticLabel, level);
                // A class absent from either side has no distribution to compare: its row counts still show the imbalance.
                QualityReport? classReport = realRows.Length >= 2 && syntheticRows.Length >= 2
                    ? QualityMetrics.Evaluate(real.SelectRows(realRows), synthetic.SelectRows(syntheticRows), options)
                    : null;
                perClass.Add((level, realRows.Length, syntheticRows.Length, classReport));
            }
        }

        if (json)
        {
            JsonNode node = JsonOutput.ToNode(report);
            if (label is not null)
            {
                var classes = new JsonArray();
                foreach (var c in perClass)
                {
                    classes.Add(new JsonObject
                    {
                        ["class"] = c.Level,
                        ["real_rows"] = c.RealRows,
                        ["synthetic_rows"] = c.SyntheticRows,
                        ["quality_score"] = c.Report is null ? null : JsonValue.Create(c.Report.QualityScore),
                        ["detection_score"] = c.Report?.DetectionScore is double d ? JsonValue.Create(d) : null,
                    });
                }

                node["label"] = label;
                node["per_class"] = classes;
            }

            JsonOutput.Write(node, context.Stdout);
            return ExitCode.Success;
        }

        Render(report, perClass, label, context);
        return ExitCode.Success;
    }

    private static Table ReadLike(string path, string role, Table real, CliContext context)
    {
        Table table = DataFiles.Read(path, role, null, context).Table;
        // Inference on a small synthetic table can pick another kind (e.g. integer codes seen as categorical):
        // read it again with the real table's kinds so that the metrics compare like with like.
        var kinds = new SchemaOptions();
        bool differs = false;
        foreach (ColumnSchema column in real.Schema)
        {
            int i = table.Schema.IndexOf(column.Name);
            if (i >= 0)
            {
                kinds.Kinds[column.Name] = column.Kind;
                differs |= table.Schema[i].Kind != column.Kind;
            }
        }

        return differs ? TableCsv.Read(path, kinds) : table;
    }

    private static CategoricalColumn LabelColumn(Table table, string label, string path)
    {
        int index = table.Schema.IndexOf(label);
        if (index < 0)
        {
            throw CliException.BadInput($"--label '{label}': '{path}' has no such column (columns: {string.Join(", ", table.Schema.Select(c => c.Name))})");
        }

        return table[index] as CategoricalColumn
            ?? throw CliException.BadInput($"--label '{label}': column '{label}' of '{path}' is {table[index].Kind}, but a label must be categorical or boolean");
    }

    private static int[] RowsWithLevel(CategoricalColumn column, string level)
    {
        int code = column.IndexOfLevel(level);
        if (code < 0)
        {
            return [];
        }

        var rows = new List<int>();
        ReadOnlySpan<int> codes = column.Codes;
        for (int i = 0; i < codes.Length; i++)
        {
            if (codes[i] == code)
            {
                rows.Add(i);
            }
        }

        return [.. rows];
    }

    private static void Render(QualityReport report, List<(string Level, int RealRows, int SyntheticRows, QualityReport? Report)> perClass, string? label, CliContext context)
    {
        IAnsiConsole console = context.Out;
        bool interactive = context.Interactive;

        SpectreTable summary = Tables.Create(interactive, $"Quality report ({report.RealRows} real rows, {report.SyntheticRows} synthetic rows)", "Metric", "Score", "Meaning");
        Tables.AddRow(summary, "Quality Score", Score(report.QualityScore), "mean of Column Shapes and Column Pair Trends; 1 = identical");
        Tables.AddRow(summary, "Column Shapes", Score(report.ColumnShapes), "mean of 1 - KS (numeric, dates) and 1 - TVD (categories)");
        Tables.AddRow(summary, "Column Pair Trends", Score(report.ColumnPairTrends), "correlation or contingency similarity, all pairs");
        Tables.AddRow(summary, "  pairs with a real trend", Score(report.ColumnPairTrendsMeetingThreshold), "same, pairs with |rho| > 0.5 or V > 0.3 in the real data");
        Tables.AddRow(summary, "Detection", Score(report.DetectionScore), $"1 - accuracy gap of a k-NN real/synthetic classifier (accuracy {Score(report.DetectionAccuracy)})");
        if (report.Dcr is DcrSummary dcr)
        {
            Tables.AddRow(summary, "DCR protection", Score(dcr.OverfittingProtection), $"median DCR synthetic {Score(dcr.SyntheticToTrainMedian)} vs holdout {Score(dcr.HoldoutToTrainMedian)} (1 = no copying)");
        }
        else
        {
            Tables.AddRow(summary, "DCR", "-", "needs held-out real rows: --holdout HOLDOUT.csv");
        }

        summary.Columns[1].RightAligned();
        console.Write(summary);

        SpectreTable columns = Tables.Create(interactive, "Columns", "Column", "Shape metric", "Score", "Missing real", "Missing synthetic");
        foreach (ColumnShapeScore shape in report.Shapes)
        {
            MissingRateDifference? missing = report.MissingRates.FirstOrDefault(m => m.Column == shape.Column);
            Tables.AddRow(
                columns,
                shape.Column,
                shape.Metric == ShapeMetric.KSComplement ? "1 - KS" : "1 - TVD",
                Score(shape.Score),
                missing is null ? "-" : Percent(missing.RealRate),
                missing is null ? "-" : Percent(missing.SyntheticRate));
        }

        for (int i = 2; i < 5; i++)
        {
            columns.Columns[i].RightAligned();
        }

        console.Write(columns);

        if (report.PairTrends.Count > 0)
        {
            SpectreTable pairs = Tables.Create(interactive, "Weakest column pairs", "Pair", "Metric", "Score", "Real trend");
            foreach (ColumnPairTrendScore pair in report.PairTrends.OrderBy(p => p.Score).Take(5))
            {
                Tables.AddRow(pairs, $"{pair.ColumnA} x {pair.ColumnB}", pair.Metric == PairMetric.CorrelationSimilarity ? "correlation" : "contingency", Score(pair.Score), Score(pair.RealTrend));
            }

            pairs.Columns[2].RightAligned();
            pairs.Columns[3].RightAligned();
            console.Write(pairs);
        }

        if (label is not null)
        {
            SpectreTable classes = Tables.Create(interactive, $"Per class of '{label}'", "Class", "Real rows", "Synthetic rows", "Quality Score", "Detection");
            foreach (var c in perClass)
            {
                Tables.AddRow(classes, c.Level, c.RealRows.ToString(CultureInfo.InvariantCulture), c.SyntheticRows.ToString(CultureInfo.InvariantCulture), Score(c.Report?.QualityScore), Score(c.Report?.DetectionScore));
            }

            for (int i = 1; i < 5; i++)
            {
                classes.Columns[i].RightAligned();
            }

            console.Write(classes);
        }
    }

    private static string Score(double? value) => value is double v && double.IsFinite(v) ? v.ToString("F3", CultureInfo.InvariantCulture) : "-";

    private static string Percent(double value) => (100 * value).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
