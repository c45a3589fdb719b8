using System.Globalization;
using System.Text;

namespace Microsoft.ML.LocalFlow;

/// <summary>The outcome of <c>mlContext.Generative.Sweep</c>: every trial, the best run and its model.</summary>
public sealed class LocalFlowSweepResult
{
    internal LocalFlowSweepResult(LocalFlowSweepObjective objective, IReadOnlyList<LocalFlowTrialResult> trials, LocalFlowTrialResult bestRun,
        LocalFlowMatchingTransformer bestModel)
    {
        Objective = objective;
        Trials = trials;
        BestRun = bestRun;
        BestModel = bestModel;
    }

    /// <summary>What was minimised.</summary>
    public LocalFlowSweepObjective Objective { get; }

    /// <summary>Every trial, in the order it ran (the trials table).</summary>
    public IReadOnlyList<LocalFlowTrialResult> Trials { get; }

    /// <summary>The trial with the lowest loss. All trials are scored on the same held-out rows, so this may be an earlier rung's.</summary>
    public LocalFlowTrialResult BestRun { get; }

    /// <summary>The best model: <see cref="BestRun"/>'s, or its configuration refitted on all rows when <see cref="LocalFlowSweepOptions.RefitOnFullData"/>.</summary>
    public LocalFlowMatchingTransformer BestModel { get; }

    /// <summary>The trials table as fixed-width text, best run marked with '*'.</summary>
    /// <returns>The table.</returns>
    public override string ToString()
    {
        var s = new StringBuilder();
        string metric = Objective == LocalFlowSweepObjective.QualityScore ? "Quality" : "ValNLL";
        s.AppendLine(CultureInfo.InvariantCulture, $"{"Trial",5} {"Cfg",4} {"Rung",4} {metric,10} {"ms",8}  Parameters");
        foreach (LocalFlowTrialResult t in Trials)
        {
            s.AppendLine(CultureInfo.InvariantCulture,
                $"{t.TrialId,5} {t.ConfigurationId,4} {t.Rung,4} {t.Metric,10:F4} {t.DurationInMilliseconds,8:F0}{(ReferenceEquals(t, BestRun) ? " *" : "  ")}{t.Parameters}");
        }

        return s.ToString();
    }
}
