using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.ML.LocalFlow.Cli.Infrastructure;
using Microsoft.ML.LocalFlow.Cli.Rendering;
using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Serialization;
using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Encoding;
using Spectre.Console;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary>Executes <c>lfm info</c>: what a model file holds (format, options, blocks, columns).</summary>
internal static class InfoRunner
{
    /// <summary>Runs the command.</summary>
    public static ExitCode Execute(string modelPath, bool json, CliContext context)
    {
        TabularSynthesizer synthesizer = ModelFiles.Load(modelPath);
        LocalFlowModel model = synthesizer.Model;
        LocalFlowOptions o = model.Options;
        long bytes = new FileInfo(modelPath).Length;
        // Values keep their type for --json (numbers, booleans) and are printed invariantly in the table.
        var options = new (string Name, JsonNode? Value)[]
        {
            ("schedule", o.Schedule.ToString()),
            ("hidden_width", o.HiddenWidth),
            ("hidden_layers", o.HiddenLayers),
            ("activation", o.Activation.ToString()),
            ("time_encoding", o.TimeEncoding.ToString()),
            ("iterations_per_block", o.IterationsPerBlock),
            ("batch_size", o.BatchSize),
            ("learning_rate", o.LearningRate),
            ("learning_rate_schedule", o.LearningRateSchedule.ToString()),
            ("optimizer", o.Optimizer.ToString()),
            ("warm_start", o.WarmStart),
            ("interpolant", o.Interpolant.ToString()),
            ("validation_fraction", o.ValidationFraction),
            ("push_forward", $"{o.PushForward.Kind} x {o.PushForward.Steps}"),
            ("seed", o.Seed),
        };

        if (json)
        {
            var optionsNode = new JsonObject();
            foreach ((string name, JsonNode? value) in options)
            {
                optionsNode[name] = value?.DeepClone();
            }

            var blocks = new JsonArray();
            for (int i = 0; i < model.Blocks.Count; i++)
            {
                LocalFlowBlock b = model.Blocks[i];
                blocks.Add(new JsonObject
                {
                    ["block"] = i + 1,
                    ["gamma"] = b.Step.ToString(),
                    ["student_steps"] = b.Student?.Steps,
                });
            }

            var columns = new JsonArray();
            foreach (EncodedColumnLayout layout in synthesizer.Encoder.Layout)
            {
                columns.Add(JsonOutput.ToNode(layout));
            }

            JsonOutput.Write(
                new JsonObject
                {
                    ["path"] = modelPath,
                    ["bytes"] = bytes,
                    ["format_version"] = ModelFile.FormatVersion,
                    ["columns_in"] = synthesizer.Schema.Count,
                    ["encoded_width"] = synthesizer.Encoder.Width,
                    ["label_column"] = synthesizer.LabelColumn,
                    ["label_levels"] = new JsonArray([.. synthesizer.LabelLevels.Select(l => (JsonNode?)JsonValue.Create(l))]),
                    ["distilled"] = model.IsDistilled,
                    ["options"] = optionsNode,
                    ["fit"] = FitNode(synthesizer.FitSettings),
                    ["blocks"] = blocks,
                    ["schema"] = new JsonArray([.. synthesizer.Schema.Select(c => (JsonNode?)new JsonObject
                    {
                        ["name"] = c.Name,
                        ["kind"] = c.Kind.ToString().ToLowerInvariant(),
                        ["nullable"] = c.IsNullable,
                    })]),
                    ["encoding"] = columns,
                },
                context.Stdout);
            return ExitCode.Success;
        }

        IAnsiConsole console = context.Out;
        bool interactive = context.Interactive;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model '{modelPath}': {bytes:N0} bytes, format version {ModelFile.FormatVersion}, {model.Blocks.Count} blocks{(model.IsDistilled ? " (distilled)" : "")}, encoded width {synthesizer.Encoder.Width}"));
        if (synthesizer.LabelColumn is not null)
        {
            string levels = synthesizer.LabelLevels.Count == 0
                ? "numeric"
                : string.Join(", ", synthesizer.LabelLevels.Select((l, k) => $"{l} ({synthesizer.LabelCounts[k]})"));
            console.WriteLine($"label column '{synthesizer.LabelColumn}': {levels}");
        }

        console.WriteLine(DescribeFit(synthesizer.FitSettings));
        Spectre.Console.Table optionTable = Tables.Create(interactive, "Options", "Option", "Value");
        foreach ((string name, JsonNode? value) in options)
        {
            Tables.AddRow(optionTable, name, value is null ? "-" : value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString());
        }

        console.Write(optionTable);

        Spectre.Console.Table blockTable = Tables.Create(interactive, "Blocks", "Block", "Step size (gamma)", "Network", "Student steps");
        for (int i = 0; i < model.Blocks.Count; i++)
        {
            LocalFlowBlock b = model.Blocks[i];
            Tables.AddRow(blockTable, Invariant(i + 1), b.Step.ToString(), $"{o.HiddenWidth} x {o.HiddenLayers}", b.Student is null ? "-" : Invariant(b.Student.Steps));
        }

        console.Write(blockTable);

        Spectre.Console.Table columnTable = Tables.Create(interactive, "Columns", "Column", "Kind", "Nullable", "Encoding");
        foreach (ColumnSchema c in synthesizer.Schema)
        {
            EncodedColumnLayout? layout = synthesizer.Encoder.Layout.FirstOrDefault(l => l.Column == c.Name);
            Tables.AddRow(columnTable, c.Name, c.Kind.ToString().ToLowerInvariant(), c.IsNullable ? "yes" : "no", layout is null ? "(label: the condition)" : Describe(layout));
        }

        console.Write(columnTable);
        return ExitCode.Success;
    }

    /// <summary>The model's <c>tabular.fit</c> section for --json; null for a model written before the section existed.</summary>
    private static JsonObject? FitNode(TabularFitSettings? fit) => fit is null ? null : new JsonObject
    {
        ["training_rows"] = fit.TrainingRows,
        ["smoothing"] = fit.Smoothing,
        ["dequantization_copies"] = fit.DequantizationCopies,
        ["smoothing_chosen_from_rows"] = fit.ChosenFromRowCount,
        ["smoothing_neighbours"] = fit.SmoothingNeighbours,
    };

    /// <summary>One line: the training-row smoothing and copies the fit used, and whether the size rule chose them.</summary>
    internal static string DescribeFit(TabularFitSettings? fit) => fit is null
        ? "fit settings: not recorded (the model was written before they were saved)"
        : string.Create(CultureInfo.InvariantCulture,
            $"fit settings: {fit.TrainingRows} training rows, smoothing σ {fit.Smoothing:0.###} {(fit.ChosenFromRowCount ? "(chosen from the row count)" : "(as given)")}{Kernel(fit)}, {fit.DequantizationCopies} noisy cop{(fit.DequantizationCopies == 1 ? "y" : "ies")}");

    private static string Kernel(TabularFitSettings fit) => fit.Smoothing == 0 ? string.Empty
        : fit.SmoothingNeighbours > 0 ? string.Create(CultureInfo.InvariantCulture, $" with a {fit.SmoothingNeighbours}-nearest-neighbour kernel")
        : " with the label level's covariance";

    private static string Describe(EncodedColumnLayout layout) => string.Create(CultureInfo.InvariantCulture,
        $"{layout.Encoding}, width {layout.Width}{(layout.HasMissingIndicator ? " + missing indicator" : "")}{(layout.Levels.Count > 0 ? $", {layout.Levels.Count} levels" : "")}");

    private static string Invariant<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);
}
