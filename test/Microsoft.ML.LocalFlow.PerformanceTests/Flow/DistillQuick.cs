using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Schedules;
using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Csv;
using Microsoft.ML.LocalFlow.Tabular.Metrics;
using Microsoft.ML.LocalFlow.Tests.Flow;
using TabularQuick = Microsoft.ML.LocalFlow.PerformanceTests.Tabular.TabularQuick;

namespace Microsoft.ML.LocalFlow.PerformanceTests.Flow;

/// <summary>
/// `quick --case distill[.ring|.gmm6|.faithful]`: the quality cost of distilling, one JSON line per model.
/// A k-step student is not invertible, so it has no exact likelihood; the figures are those defined for both:
/// <list type="bullet">
/// <item>nll / kl_gap: the TEACHER's exact NLL of held-out true rows and its gap to the true entropy (unchanged by distillation);</item>
/// <item>reverse_ce: E_{x~model}[−log p_true(x)], with reverse_ce_gap = reverse_ce − H(p_true) (H estimated on held-out true rows).
///   It is not a KL (that would need log q); a blurred model raises it, a mode-seeking one can lower it, so read it with:</item>
/// <item>energy: the energy distance D² between 4000 model rows and 4000 held-out true rows (in data units; 0 for equal laws),
///   next to energy_floor = D² between two independent true samples of the same size (the estimator's noise);</item>
/// <item>teacher_ce: E_{x~model}[−log q_teacher(x)] (exact teacher likelihood of the model's samples): a student that adds
///   off-manifold mass shows a higher value than the teacher's own samples do (for the teacher it is its entropy);</item>
/// <item>rows_per_s and nfe: sampling speed and network evaluations per row (teacher: RK4 × 10 per block, the sampling default).</item>
/// </list>
/// Real table (faithful): Quality Score, detection, teacher NLL of the holdout, and teacher_ce / energy on standardised columns.
/// Budget knobs (environment): LFM_DISTILL_STEPS (default "1,2,4"; empty = teachers only), LFM_DISTILL_PAIRS, LFM_DISTILL_ITERS (default: the
/// DistillationOptions defaults), LFM_DISTILL_SPEED_ROWS (default 50,000).
/// </summary>
public static class DistillQuick
{
    private const int QualityRows = 20_000; // reverse cross-entropy rows: standard error ≈ 0.01 nats
    private const int DistanceRows = 4_000; // energy-distance rows per side
    private const int NllRows = 2_000; // exact-likelihood rows (teacher NLL of held-out data, teacher_ce of samples)

    /// <summary>Runs the named sub-case ("" = all three).</summary>
    public static void Run(TextWriter output, string dataDirectory, int threads, string which)
    {
        int[] steps = [.. (Environment.GetEnvironmentVariable("LFM_DISTILL_STEPS") ?? "1,2,4").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
        DistillationOptions d = DistillationOptions.Default;
        d = d with
        {
            Pairs = Env("LFM_DISTILL_PAIRS", d.Pairs),
            Iterations = Env("LFM_DISTILL_ITERS", d.Iterations),
            Threads = threads,
        };
        int speedRows = Env("LFM_DISTILL_SPEED_ROWS", 50_000);
        if (which is "" or "ring")
        {
            // The known-density test's ring configuration (Flow/LocalFlowQualityTests.Ring8KlGapIsSmall).
            var o = new LocalFlowOptions
            {
                Schedule = StepSizeSchedule.Explicit([0.3, 0.5], lastFree: true),
                HiddenWidth = 96,
                HiddenLayers = 3,
                IterationsPerBlock = 1000,
                BatchSize = 512,
                Threads = threads,
                Seed = 3,
                LearningRate = 6e-3,
            };
            Known(output, "ring8", GaussianMixture.Ring8(), o, d, steps, speedRows, threads);
        }

        if (which is "" or "gmm6")
        {
            // The known-density test's 6-D mixture configuration (Mixture6DKlGapIsSmall).
            var o = new LocalFlowOptions
            {
                Schedule = StepSizeSchedule.Explicit([0.15, 0.2, 0.26], lastFree: true),
                HiddenWidth = 128,
                HiddenLayers = 3,
                IterationsPerBlock = 600,
                BatchSize = 512,
                LearningRate = 6e-3,
                Threads = threads,
                Seed = 4,
            };
            Known(output, "gmm6", GaussianMixture.Random(6, 8, 1234), o, d, steps, speedRows, threads);
        }

        if (which is "" or "faithful")
        {
            Faithful(output, dataDirectory, d, steps, speedRows, threads);
        }
    }

    private static void Known(TextWriter output, string name, GaussianMixture mix, LocalFlowOptions options, DistillationOptions distill, int[] steps,
        int speedRows, int threads)
    {
        int dim = mix.Dimension;
        float[] train = mix.Sample(20_000, 1);
        float[] test = mix.Sample(DistanceRows, 2); // the first NllRows rows are the tests' held-out set
        float[] reference = mix.Sample(QualityRows, 3); // H(p_true) for the reverse cross-entropy gap; its first rows give the energy floor
        var sw = Stopwatch.StartNew();
        LocalFlowModel teacher = LocalFlowTrainer.Fit(train, 20_000, dim, options);
        double fitSeconds = sw.Elapsed.TotalSeconds;
        var likelihood = new LikelihoodOptions { Threads = threads };
        double entropyTest = mix.MeanNegativeLogPdf(test, NllRows); // paired with the NLL on the same rows (lower noise)
        double entropy = mix.MeanNegativeLogPdf(reference, QualityRows);
        double nll = LocalFlowLikelihood.MeanNegativeLogLikelihood(teacher, test.AsSpan(0, NllRows * dim), NllRows, default, likelihood);
        double floor = EnergyDistance.Squared(reference, DistanceRows, test, DistanceRows, dim);
        Line(output, name, "truth", ("entropy", entropy), ("entropy_test", entropyTest), ("energy", floor), ("rows", QualityRows));
        Line(output, name, "teacher", [.. Measure(mix, teacher, test, entropy, speedRows, useDistilled: false, threads, likelihood),
            ("nll", nll), ("kl_gap", nll - entropyTest), ("energy_floor", floor), ("fit_s", fitSeconds)]);
        foreach (int k in steps)
        {
            sw.Restart();
            LocalFlowModel student = LocalFlowDistiller.Distill(teacher, distill with { Steps = k });
            double distillSeconds = sw.Elapsed.TotalSeconds;
            Line(output, name, $"student_k{k}", [.. Measure(mix, student, test, entropy, speedRows, useDistilled: true, threads, likelihood),
                ("steps", k), ("distill_s", distillSeconds), ("pairs", distill.Pairs), ("iterations", distill.Iterations)]);
        }
    }

    private static List<(string, double)> Measure(GaussianMixture mix, LocalFlowModel model, float[] test, double entropy, int speedRows,
        bool useDistilled, int threads, LikelihoodOptions likelihood)
    {
        int dim = mix.Dimension;
        var sampling = new SamplingOptions { UseDistilled = useDistilled, Threads = threads };
        var x = new float[(long)Math.Max(speedRows, QualityRows) * dim];
        FlowResult r = LocalFlowSampler.Sample(model, Math.Max(speedRows, QualityRows), 7, default, sampling, x);
        double reverse = mix.MeanNegativeLogPdf(x, QualityRows);
        double energy = EnergyDistance.Squared(x, DistanceRows, test, DistanceRows, dim);
        // The teacher's exact likelihood of the model's own samples (the flow section holds the teacher in both cases).
        double teacherCe = LocalFlowLikelihood.MeanNegativeLogLikelihood(model, x.AsSpan(0, NllRows * dim), NllRows, default, likelihood);
        return
        [
            ("nfe", r.FunctionEvaluations), ("rows_per_s", r.RowsPerSecond), ("reverse_ce", reverse), ("reverse_ce_gap", reverse - entropy),
            ("energy", energy), ("teacher_ce", teacherCe), ("threads", threads),
        ];
    }

    private static void Faithful(TextWriter output, string dataDirectory, DistillationOptions distill, int[] steps, int speedRows, int threads)
    {
        Table all = TableCsv.Read(Path.Combine(dataDirectory, "faithful.csv"));
        (Table train, Table holdout) = all.Split(0.8, seed: 0);
        var sw = Stopwatch.StartNew();
        // The tabular fidelity benchmark's configuration (TabularQuick.Preset: flow defaults, 1000 iterations per block, seed 1).
        TabularSynthesizer teacher = TabularSynthesizer.Fit(train, new TabularSynthesizerOptions { Flow = TabularQuick.Preset(0, threads) });
        double fitSeconds = sw.Elapsed.TotalSeconds;
        var likelihood = new LikelihoodOptions { Threads = threads };
        double nll = -teacher.ScoreLogLikelihood(holdout, options: likelihood).Average();
        (double[] mean, double[] sd) = Moments(train);
        var qo = new QualityOptions { DetectionMaxRows = 1000, DcrMaxRows = 1000, DcrMaxReferenceRows = 2000 };
        // Reference: the holdout as if it were synthetic (Quality Score, detection, the teacher's NLL of real rows), and the
        // energy distance between the training rows and the holdout (real vs real: what "as close as real data" means here).
        List<(string, double)> reference = Tabular(teacher, train, holdout, holdout, mean, sd, qo, likelihood);
        reference.RemoveAll(f => f.Item1 == "energy");
        float[] trainX = Standardised(train, mean, sd), holdoutX = Standardised(holdout, mean, sd);
        Line(output, "faithful", "holdout", [.. reference, ("energy", EnergyDistance.Squared(trainX, train.RowCount, holdoutX, holdout.RowCount, mean.Length)),
            ("rows", holdout.RowCount)]);
        Line(output, "faithful", "teacher", [.. TabularModel(teacher, train, holdout, mean, sd, qo, likelihood, speedRows, useDistilled: false, threads),
            ("nll", nll), ("fit_s", fitSeconds)]);
        foreach (int k in steps)
        {
            sw.Restart();
            TabularSynthesizer student = teacher.Distill(distill with { Steps = k });
            double distillSeconds = sw.Elapsed.TotalSeconds;
            Line(output, "faithful", $"student_k{k}", [.. TabularModel(student, train, holdout, mean, sd, qo, likelihood, speedRows, useDistilled: true, threads),
                ("steps", k), ("distill_s", distillSeconds), ("pairs", distill.Pairs), ("iterations", distill.Iterations)]);
        }
    }

    private static List<(string, double)> TabularModel(TabularSynthesizer s, Table train, Table holdout, double[] mean, double[] sd, QualityOptions qo,
        LikelihoodOptions likelihood, int speedRows, bool useDistilled, int threads)
    {
        var sampling = new SamplingOptions { UseDistilled = useDistilled, Threads = threads };
        var sw = Stopwatch.StartNew();
        Table big = s.Generate(speedRows, seed: 7, sampling: sampling);
        double rate = speedRows / sw.Elapsed.TotalSeconds;
        Table syn = big.Slice(0, train.RowCount);
        int nfe = useDistilled ? s.Model.Blocks.Sum(b => b.Student!.Steps) : s.Model.Blocks.Count * 10 * 4;
        return [.. Tabular(s, train, syn, holdout, mean, sd, qo, likelihood), ("nfe", nfe), ("rows_per_s", rate), ("threads", threads)];
    }

    /// <summary>Quality Score and detection of <paramref name="syn"/> against the training table; teacher_ce and energy against the holdout.</summary>
    private static List<(string, double)> Tabular(TabularSynthesizer s, Table train, Table syn, Table holdout, double[] mean, double[] sd,
        QualityOptions qo, LikelihoodOptions likelihood)
    {
        QualityReport q = QualityMetrics.Evaluate(train, syn, qo, holdout);
        double teacherCe = -s.ScoreLogLikelihood(syn, options: likelihood).Average();
        float[] a = Standardised(syn, mean, sd), b = Standardised(holdout, mean, sd);
        return
        [
            ("quality", q.QualityScore), ("detection", q.DetectionScore ?? double.NaN), ("teacher_ce", teacherCe),
            ("energy", EnergyDistance.Squared(a, syn.RowCount, b, holdout.RowCount, mean.Length)),
        ];
    }

    private static (double[] Mean, double[] Sd) Moments(Table t)
    {
        int c = t.ColumnCount;
        var mean = new double[c];
        var sd = new double[c];
        for (int j = 0; j < c; j++)
        {
            ReadOnlySpan<double> v = ((NumericColumn)t[j]).Values;
            double m = 0, s = 0;
            foreach (double x in v)
            {
                m += x / v.Length;
            }

            foreach (double x in v)
            {
                s += (x - m) * (x - m) / (v.Length - 1);
            }

            mean[j] = m;
            sd[j] = Math.Sqrt(s);
        }

        return (mean, sd);
    }

    private static float[] Standardised(Table t, double[] mean, double[] sd)
    {
        int c = t.ColumnCount, n = t.RowCount;
        var x = new float[n * c];
        for (int j = 0; j < c; j++)
        {
            ReadOnlySpan<double> v = ((NumericColumn)t[j]).Values;
            for (int r = 0; r < n; r++)
            {
                x[(r * c) + j] = (float)((v[r] - mean[j]) / sd[j]);
            }
        }

        return x;
    }

    private static int Env(string name, int value) => int.TryParse(Environment.GetEnvironmentVariable(name), out int v) ? v : value;

    private static void Line(TextWriter w, string dataset, string model, params (string Key, double Value)[] fields)
    {
        var parts = new List<string> { "\"case\": \"distill\"", $"\"dataset\": \"{dataset}\"", $"\"model\": \"{model}\"" };
        foreach ((string k, double v) in fields)
        {
            parts.Add($"\"{k}\": {(double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "null")}");
        }

        w.WriteLine("{" + string.Join(", ", parts) + "}");
        w.Flush();
    }
}
