using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.LocalFlow;

/// <summary>
/// Random search with successive halving. Configurations are drawn by Latin hypercube (each choice value and each stratum of
/// each range used about equally often), all trained at the first rung's share of their iterations, the best 1/η kept and
/// retrained η times longer, until the last rung trains the full iterations. Trials are scored on a held-out split.
/// </summary>
internal static class LocalFlowSweeper
{
    internal static LocalFlowSweepResult Run(MLContext mlContext, IDataView data, LocalFlowSearchSpace space, LocalFlowSweepOptions options)
    {
        space.Validate();
        options.Validate();
        IHostEnvironment env = mlContext;
        int seed = options.Seed ?? env.Register("LocalFlowSweep").Rand.Next();
        var clock = Stopwatch.StartNew();
        using IChannel channel = env.Start("LocalFlowSweep");

        LocalFlowMatchingOptions baseOptions = options.BaseOptions.Clone();
        var visible = data.Schema.Where(c => !c.IsHidden).Select(c => (c.Name, c.Type)).ToArray();
        ColumnBinding[] bindings = ColumnBinding.Resolve(visible, baseOptions);
        Table all = TableBuilder.Read(data, bindings, baseOptions.CancellationToken);
        if (all.RowCount < 10)
        {
            throw new ArgumentException($"A sweep needs at least 10 rows to hold some out for validation; the data has {all.RowCount}.", nameof(data));
        }

        (Table validation, Table train) = all.Split(options.ValidationFraction, seed);
        validation = KnownLevelsOnly(validation, train);

        var configurations = Draw(space, options.MaxTrials, seed);
        int rungs = 0;
        for (long n = options.MaxTrials; n >= options.ReductionFactor; n /= options.ReductionFactor)
        {
            rungs++;
        }

        var trials = new List<LocalFlowTrialResult>();
        var alive = Enumerable.Range(0, configurations.Count).ToList();
        for (int rung = 0; rung <= rungs && alive.Count > 0; rung++)
        {
            double share = Math.Pow(options.ReductionFactor, rung - rungs);
            var scored = new List<(int Config, double Loss)>();
            foreach (int c in alive)
            {
                if (clock.Elapsed >= options.TimeBudget && trials.Count > 0)
                {
                    break;
                }

                var (schedule, width, layers, rate, iterations) = configurations[c];
                var parameters = new LocalFlowTrialParameters(schedule, width, layers, rate, Math.Max(1, (int)Math.Round(iterations * share)));
                LocalFlowTrialResult trial = RunTrial(env, trials.Count, c, rung, parameters, baseOptions, bindings, train, validation, options, seed);
                trials.Add(trial);
                scored.Add((c, trial.Loss));
                channel.Info(MessageSensitivity.None, trial.ToString());
            }

            int keep = Math.Max(1, scored.Count / options.ReductionFactor);
            alive = [.. scored.OrderBy(s => s.Loss).Take(keep).Select(s => s.Config)];
            if (clock.Elapsed >= options.TimeBudget)
            {
                channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
                    $"Time budget {options.TimeBudget} used after rung {rung}; {trials.Count} trials ran."));
                break;
            }
        }

        // Every trial is scored on the same held-out rows, so losses compare across rungs: a shorter run that scored better
        // (e.g. before a small table over-fits) is the better model.
        LocalFlowTrialResult best = trials.OrderBy(t => t.Loss).ThenByDescending(t => t.Rung).First();
        LocalFlowMatchingTransformer bestModel = best.Model;
        if (options.RefitOnFullData)
        {
            LocalFlowMatchingOptions o = best.Parameters.ApplyTo(baseOptions);
            Synthesizer full = Synthesizer.Fit(all, o, seed, o.Progress, o.CancellationToken);
            bestModel = new LocalFlowMatchingTransformer(env, full, bindings, o.SyntheticRowCount, o.ChunkRows, seed);
        }

        return new LocalFlowSweepResult(options.Objective, trials, best, bestModel);
    }

    private static LocalFlowTrialResult RunTrial(IHostEnvironment env, int trialId, int configurationId, int rung, LocalFlowTrialParameters parameters,
        LocalFlowMatchingOptions baseOptions, ColumnBinding[] bindings, Table train, Table validation, LocalFlowSweepOptions options, int seed)
    {
        var clock = Stopwatch.StartNew();
        LocalFlowMatchingOptions o = parameters.ApplyTo(baseOptions);
        Synthesizer synthesizer = Synthesizer.Fit(train, o, seed, o.Progress, o.CancellationToken);
        double metric, loss;
        if (options.Objective == LocalFlowSweepObjective.QualityScore)
        {
            Table generated = Table.Concat([.. synthesizer.GenerateChunks(validation.RowCount, unchecked((ulong)(uint)seed), null, validation.RowCount)]);
            metric = SweepMetrics.QualityScore(validation, generated);
            loss = 1 - metric;
        }
        else
        {
            double[] logp = synthesizer.ScoreLogLikelihood(validation);
            metric = -logp.Average();
            loss = double.IsFinite(metric) ? metric : double.PositiveInfinity;
        }

        var model = new LocalFlowMatchingTransformer(env, synthesizer, bindings, o.SyntheticRowCount, o.ChunkRows, seed);
        return new LocalFlowTrialResult(trialId, configurationId, rung, parameters, metric, loss, clock.Elapsed.TotalMilliseconds, model);
    }

    /// <summary>Configurations by Latin hypercube: per dimension, a shuffled stratification of n draws.</summary>
    private static List<(Flow.Schedules.StepSizeSchedule, int, int, double, int)> Draw(LocalFlowSearchSpace space, int n, int seed)
    {
        var rng = new Random(seed);
        int[] Choice(int[] values)
        {
            var picks = new int[n];
            for (int i = 0; i < n; i++)
            {
                picks[i] = values[i % values.Length];
            }

            rng.Shuffle(picks);
            return picks;
        }

        double[] Range(SearchRange range)
        {
            var u = new double[n];
            for (int i = 0; i < n; i++)
            {
                u[i] = range.At((i + rng.NextDouble()) / n);
            }

            rng.Shuffle(u);
            return u;
        }

        int[] blocks = Choice(space.NumberOfBlocks), widths = Choice(space.HiddenWidth), depths = Choice(space.HiddenLayers), iterations = Choice(space.IterationsPerBlock);
        double[] first = Range(space.FirstStepSize), growth = Range(space.StepSizeGrowth), rates = Range(space.LearningRate);
        var result = new List<(Flow.Schedules.StepSizeSchedule, int, int, double, int)>(n);
        for (int i = 0; i < n; i++)
        {
            result.Add((GenerativeCatalog.Chain(blocks[i], first[i], growth[i]), widths[i], depths[i], rates[i], iterations[i]));
        }

        return result;
    }

    /// <summary>Validation rows the model can score: categories seen in training, and no missing cell where training had none.</summary>
    private static Table KnownLevelsOnly(Table validation, Table train)
    {
        var keep = new List<int>();
        for (int r = 0; r < validation.RowCount; r++)
        {
            bool known = true;
            for (int j = 0; j < validation.ColumnCount && known; j++)
            {
                if (validation[j].IsMissing(r))
                {
                    known = train[j].IsNullable;
                }
                else if (validation[j] is CategoricalColumn v)
                {
                    known = ((CategoricalColumn)train[j]).IndexOfLevel(v.Levels[v[r]]) >= 0;
                }
            }

            if (known)
            {
                keep.Add(r);
            }
        }

        return keep.Count == validation.RowCount ? validation : validation.SelectRows(keep.ToArray());
    }
}
