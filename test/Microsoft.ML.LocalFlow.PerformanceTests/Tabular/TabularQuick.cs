using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Schedules;
using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Csv;
using Microsoft.ML.LocalFlow.Tabular.Encoding;
using Microsoft.ML.LocalFlow.Tabular.Metrics;

namespace Microsoft.ML.LocalFlow.PerformanceTests.Tabular;

/// <summary>
/// Fidelity and scale benchmarks for tables, printing one JSON object per line. For each dataset: 80/20 train/holdout
/// split (seed 0), fit on train, generate as many rows as train, evaluate against train with the holdout for DCR; the
/// same for the two baselines. Cases: "fidelity" (all datasets or the named ones), "encoding" (quantile vs standardize),
/// "scale" (diamonds fit time and peak working set), "wide" (1M rows with a 1000-level categorical: encode/decode memory).
/// </summary>
public static class TabularQuick
{
    public static int Run(TextWriter output, string dataDirectory, string caseName = "fidelity", IReadOnlyList<string>? datasets = null,
        int iterationsPerBlock = 0, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        datasets ??= ["iris", "penguins", "wine", "breast_cancer", "faithful", "diamonds"];
        switch (caseName)
        {
            case "fidelity":
                foreach (string name in datasets)
                {
                    Fidelity(output, dataDirectory, name, iterationsPerBlock, threads);
                }

                return 0;
            case "encoding":
                foreach (string name in datasets)
                {
                    foreach (ContinuousEncoding ce in new[] { ContinuousEncoding.Quantile, ContinuousEncoding.Standardize })
                    {
                        Fidelity(output, dataDirectory, name, iterationsPerBlock, threads, ce, baselines: false);
                    }
                }

                return 0;
            case "sweep":
                Sweep(output, dataDirectory, threads);
                return 0;
            case "scale":
                Scale(output, dataDirectory, iterationsPerBlock, threads);
                return 0;
            case "wide":
                Wide(output);
                return 0;
            case "encoderfit":
                EncoderFit(output);
                return 0;
            default:
                Console.Error.WriteLine($"unknown tabular case '{caseName}' (fidelity | encoding | sweep | scale | wide | encoderfit)");
                return 2;
        }
    }

    public static LocalFlowOptions Preset(int iterationsPerBlock, int threads) => new()
    {
        IterationsPerBlock = iterationsPerBlock > 0 ? iterationsPerBlock : 1000,
        Threads = threads,
        Seed = 1,
    };

    private static void Fidelity(TextWriter output, string dir, string name, int iterations, int threads, ContinuousEncoding encoding = ContinuousEncoding.Quantile, bool baselines = true)
    {
        Table all = TableCsv.Read(Path.Combine(dir, name + ".csv"));
        (Table train, Table holdout) = all.Split(0.8, seed: 0);
        var qo = new QualityOptions { DetectionMaxRows = 1000, DcrMaxRows = 1000, DcrMaxReferenceRows = 2000 };
        string? label = name switch { "iris" => "species", "penguins" => "species", "wine" => "cultivar", "breast_cancer" => "diagnosis", _ => null };

        var sw = Stopwatch.StartNew();
        var options = new TabularSynthesizerOptions { Flow = Preset(iterations, threads), LabelColumn = label };
        options.Encoder.Continuous = encoding;
        TabularSynthesizer s = TabularSynthesizer.Fit(train, options);
        double fit = sw.Elapsed.TotalSeconds;
        sw.Restart();
        Table syn = s.Generate(train.RowCount, seed: 7);
        double sample = sw.Elapsed.TotalSeconds;
        Emit(output, name, "lfm" + (encoding == ContinuousEncoding.Quantile ? string.Empty : "-standardize"), QualityMetrics.Evaluate(train, syn, qo, holdout), fit, sample, label);
        if (!baselines)
        {
            return;
        }

        sw.Restart();
        Table ind = IndependentMarginalsBaseline.Sample(train, train.RowCount, 7);
        Emit(output, name, "independent", QualityMetrics.Evaluate(train, ind, qo, holdout), 0, sw.Elapsed.TotalSeconds, null);
        sw.Restart();
        Table cop = GaussianCopulaBaseline.Sample(train, train.RowCount, 7);
        Emit(output, name, "copula", QualityMetrics.Evaluate(train, cop, qo, holdout), 0, sw.Elapsed.TotalSeconds, null);
        sw.Restart();
        Emit(output, name, "holdout-as-synthetic", QualityMetrics.Evaluate(train, holdout, qo, holdout), 0, 0, null);
    }

    /// <summary>
    /// Candidate configurations on the fidelity protocol. LFM_TQ_DATASETS: comma-separated datasets (default all);
    /// LFM_TQ_SPECS: semicolon-separated specs "name:key=value,..." with keys w (hidden width), l (layers), it (iterations
    /// per block), b (batch), lr, chain (power|fast), val (validation fraction), pat (patience), k (smoothing neighbours), nolabel (fit without the label), enc (continuous encoding), qk (quantile knots), qb (quantile bandwidth); every spec starts from
    /// the Balanced preset. LFM_TQ_BASELINES=0 skips the baselines; LFM_TQ_SPLITS lists the 80/20 split seeds (default 0).
    /// </summary>
    private static void Sweep(TextWriter output, string dir, int threads)
    {
        string[] datasets = (Environment.GetEnvironmentVariable("LFM_TQ_DATASETS") ?? "iris,penguins,wine,breast_cancer,faithful,diamonds").Split(',', StringSplitOptions.RemoveEmptyEntries);
        string[] specs = (Environment.GetEnvironmentVariable("LFM_TQ_SPECS") ?? "balanced:").Split(';', StringSplitOptions.RemoveEmptyEntries);
        bool baselines = Environment.GetEnvironmentVariable("LFM_TQ_BASELINES") != "0";
        // LFM_TQ_SPLITS: split seeds (default "0"); a 30-row holdout's DCR median moves by a third between splits, so
        // privacy comparisons on small tables are made over several.
        int[] splits = [.. (Environment.GetEnvironmentVariable("LFM_TQ_SPLITS") ?? "0").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture))];
        foreach (string name in datasets)
        foreach (int split in splits)
        {
            Table all = TableCsv.Read(Path.Combine(dir, name + ".csv"));
            (Table train, Table holdout) = all.Split(0.8, seed: split);
            var qo = new QualityOptions { DetectionMaxRows = 1000, DcrMaxRows = 1000, DcrMaxReferenceRows = 2000 };
            string? label = LabelOf(name);
            foreach (string spec in specs)
            {
                string[] parts = spec.Split(':', 2);
                TabularSynthesizerOptions options = SweepOptions(parts.Length > 1 ? parts[1] : string.Empty, threads);
                bool noLabel = spec.Contains("nolabel", StringComparison.Ordinal);
                options.LabelColumn = noLabel ? null : label;
                var sw = Stopwatch.StartNew();
                TabularSynthesizer s = TabularSynthesizer.Fit(train, options);
                double fit = sw.Elapsed.TotalSeconds;
                sw.Restart();
                Table syn = s.Generate(train.RowCount, seed: 7);
                double sample = sw.Elapsed.TotalSeconds;
                LocalFlowOptions f = s.Model.Options;
                Emit(output, name, $"{parts[0]} split{split} [{f.Schedule.Count}b {f.HiddenWidth}x{f.HiddenLayers} it{f.IterationsPerBlock} b{f.BatchSize} val{f.ValidationFraction} sm{s.FitSettings!.Smoothing:0.###} cp{s.FitSettings.DequantizationCopies} k{options.SmoothingNeighbours} d{s.Encoder.Width}]", QualityMetrics.Evaluate(train, syn, qo, holdout), fit, sample, options.LabelColumn);
            }

            if (baselines)
            {
                Emit(output, name, "independent", QualityMetrics.Evaluate(train, IndependentMarginalsBaseline.Sample(train, train.RowCount, 7), qo, holdout), 0, 0, null);
                Emit(output, name, "copula", QualityMetrics.Evaluate(train, GaussianCopulaBaseline.Sample(train, train.RowCount, 7), qo, holdout), 0, 0, null);
            }
        }
    }

    private static string? LabelOf(string name) => name switch { "iris" => "species", "penguins" => "species", "wine" => "cultivar", "breast_cancer" => "diagnosis", _ => null };

    private static TabularSynthesizerOptions SweepOptions(string spec, int threads)
    {
        var options = TabularSynthesizerOptions.FromPreset(SynthesisPreset.Balanced);
        LocalFlowOptions f = options.Flow;
        f.Threads = threads;
        f.Seed = 1;
        options.Smoothing = 0; // the pre-rule behaviour unless the spec says "auto" or sets sm
        options.DequantizationCopies = 1;
        foreach (string kv in spec.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] p = kv.Split('=', 2);
            string v = p[1];
            switch (p[0])
            {
                case "w": f.HiddenWidth = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "l": f.HiddenLayers = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "it": f.IterationsPerBlock = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "b": f.BatchSize = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "lr": f.LearningRate = double.Parse(v, CultureInfo.InvariantCulture); break;
                case "chain": f.Schedule = v == "fast" ? StepSizeSchedule.Explicit([0.5], lastFree: true) : StepSizeSchedule.Power; break;
                case "val": f.ValidationFraction = double.Parse(v, CultureInfo.InvariantCulture); break;
                case "pat": f.EarlyStoppingPatience = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "auto": options.Smoothing = null; options.DequantizationCopies = null; break;
                case "sm": options.Smoothing = double.Parse(v, CultureInfo.InvariantCulture); break;
                case "cp": options.DequantizationCopies = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "k": options.SmoothingNeighbours = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "nolabel": break; // read by Sweep: fit without the dataset's label column
                case "enc": options.Encoder.Continuous = Enum.Parse<ContinuousEncoding>(v, ignoreCase: true); break;
                case "qk": options.Encoder.MaxQuantileKnots = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "qb": options.Encoder.QuantileBandwidth = double.Parse(v, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown sweep key '{p[0]}' in '{spec}'", nameof(spec));
            }
        }

        return options;
    }

    private static void Emit(TextWriter output, string dataset, string method, QualityReport q, double fitSeconds, double sampleSeconds, string? label)
    {
        var line = new Dictionary<string, object?>
        {
            ["case"] = "tabular.fidelity",
            ["dataset"] = dataset,
            ["method"] = method,
            ["label"] = label,
            ["quality"] = Round(q.QualityScore),
            ["shapes"] = Round(q.ColumnShapes),
            ["pairs"] = q.ColumnPairTrends is null ? null : Round(q.ColumnPairTrends.Value),
            ["pairs_thr"] = q.ColumnPairTrendsMeetingThreshold is null ? null : Round(q.ColumnPairTrendsMeetingThreshold.Value),
            ["detection"] = q.DetectionScore is null ? null : Round(q.DetectionScore.Value),
            ["dcr_syn_median"] = q.Dcr is null ? null : Round(q.Dcr.SyntheticToTrainMedian),
            ["dcr_syn_p5"] = q.Dcr is null ? null : Round(q.Dcr.SyntheticToTrainP5),
            ["dcr_holdout_median"] = q.Dcr is null ? null : Round(q.Dcr.HoldoutToTrainMedian),
            ["dcr_holdout_p5"] = q.Dcr is null ? null : Round(q.Dcr.HoldoutToTrainP5),
            ["share_closer_to_train"] = q.Dcr is null ? null : Round(q.Dcr.ShareCloserToTrain),
            ["expected_share"] = q.Dcr is null ? null : Round(q.Dcr.ExpectedShare),
            ["max_missing_rate_diff"] = Round(q.MissingRates.Max(m => Math.Abs(m.Difference))),
            ["fit_s"] = Round(fitSeconds),
            ["sample_s"] = Round(sampleSeconds),
        };
        output.WriteLine(JsonSerializer.Serialize(line));
        output.Flush();
    }

    private static double Round(double v) => Math.Round(v, 4);

    private static void Scale(TextWriter output, string dir, int iterations, int threads)
    {
        Table d = TableCsv.Read(Path.Combine(dir, "diamonds.csv"));
        var sw = Stopwatch.StartNew();
        TabularSynthesizer s = TabularSynthesizer.Fit(d, new TabularSynthesizerOptions { Flow = Preset(iterations, threads) });
        double fit = sw.Elapsed.TotalSeconds;
        sw.Restart();
        Table syn = s.Generate(d.RowCount, seed: 3);
        double sample = sw.Elapsed.TotalSeconds;
        QualityReport q = QualityMetrics.Evaluate(d, syn, new QualityOptions { Detection = true, DetectionMaxRows = 1000 });
        Process.GetCurrentProcess().Refresh();
        output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["case"] = "tabular.scale",
            ["dataset"] = "diamonds",
            ["rows"] = d.RowCount,
            ["width"] = s.Encoder.Width,
            ["iterations_per_block"] = Preset(iterations, threads).IterationsPerBlock,
            ["threads"] = Preset(iterations, threads).EffectiveThreads,
            ["fit_s"] = Round(fit),
            ["sample_s"] = Round(sample),
            ["peak_working_set_mib"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1),
            ["quality"] = Round(q.QualityScore),
            ["detection"] = Round(q.DetectionScore ?? double.NaN),
        }));
    }

    /// <summary>
    /// Encoder fit time on 20,000 rows × 10 continuous columns of distinct 5-decimal values (bimodal Gaussians): the
    /// empirical quantile map against the kernel-smoothed one (the largest table the size rule smooths).
    /// </summary>
    private static void EncoderFit(TextWriter output)
    {
        var rng = new System.Random(1);
        var columns = new List<TableColumn>();
        for (int j = 0; j < 10; j++)
        {
            double[] v = new double[20_000];
            for (int i = 0; i < v.Length; i++)
            {
                double z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                v[i] = Math.Round(z * (j + 1) + (rng.Next(2) == 0 ? 0 : 5), 5);
            }

            columns.Add(new NumericColumn($"c{j}", ColumnKind.Continuous, v, new NumericTextFormat(5, false, 0)));
        }

        var table = new Table(columns);
        foreach (double qb in new[] { 0.0, 1.0 })
        {
            TabularEncoder.Fit(table, new TabularEncoderOptions { QuantileBandwidth = qb }); // warm-up
            var sw = Stopwatch.StartNew();
            TabularEncoder.Fit(table, new TabularEncoderOptions { QuantileBandwidth = qb });
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"case\": \"tabular.encoderfit\", \"rows\": 20000, \"columns\": 10, \"quantile_bandwidth\": {qb}, \"seconds\": {sw.Elapsed.TotalSeconds:F3}}}"));
        }
    }

    private static void Wide(TextWriter output)
    {
        const int rows = 1_000_000, levels = 1000;
        var rng = new Random(1);
        var codes = new int[rows];
        var values = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            codes[i] = (int)Math.Min(levels - 1, -Math.Log(1 - rng.NextDouble()) * 150); // skewed level frequencies
            values[i] = Math.Round(rng.NextDouble() * 100, 2);
        }

        string[] names = Enumerable.Range(0, levels).Select(k => "level_" + k.ToString(CultureInfo.InvariantCulture)).ToArray();
        var used = new bool[levels];
        foreach (int c in codes)
        {
            used[c] = true;
        }

        var table = new Table([new CategoricalColumn("c", ColumnKind.Categorical, names, codes), new NumericColumn("v", ColumnKind.Continuous, values, new NumericTextFormat(2, false, 0))]);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var sw = Stopwatch.StartNew();
        var enc = TabularEncoder.Fit(table);
        EncodedTable e = enc.Encode(table, 1);
        double encodeS = sw.Elapsed.TotalSeconds;
        long afterEncode = GC.GetTotalMemory(false);
        sw.Restart();
        Table back = enc.Decode(e.Data, e.Rows);
        double decodeS = sw.Elapsed.TotalSeconds;
        Process.GetCurrentProcess().Refresh();
        output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["case"] = "tabular.wide",
            ["rows"] = rows,
            ["levels"] = used.Count(u => u),
            ["encoded_width"] = enc.Width,
            ["one_hot_width_would_be"] = used.Count(u => u) + 1,
            ["encoded_mib"] = Math.Round(e.Data.Length * 4 / 1048576.0, 1),
            ["managed_growth_mib"] = Math.Round((afterEncode - before) / 1048576.0, 1),
            ["encode_s"] = Round(encodeS),
            ["decode_s"] = Round(decodeS),
            ["peak_working_set_mib"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1),
            ["round_trip_rows_equal"] = back.RowCount == rows,
        }));
    }
}
