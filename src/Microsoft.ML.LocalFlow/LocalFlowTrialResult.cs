namespace Microsoft.ML.LocalFlow;

/// <summary>One trained and scored configuration of a sweep (ML.NET AutoML's <c>TrialResult</c>, for LocalFlowMatching).</summary>
public sealed class LocalFlowTrialResult
{
    internal LocalFlowTrialResult(int trialId, int configurationId, int rung, LocalFlowTrialParameters parameters, double metric, double loss,
        double durationInMilliseconds, LocalFlowMatchingTransformer model)
    {
        TrialId = trialId;
        ConfigurationId = configurationId;
        Rung = rung;
        Parameters = parameters;
        Metric = metric;
        Loss = loss;
        DurationInMilliseconds = durationInMilliseconds;
        Model = model;
    }

    /// <summary>Running number of the trial, from 0.</summary>
    public int TrialId { get; }

    /// <summary>The configuration drawn (the same across the rungs it survives), from 0.</summary>
    public int ConfigurationId { get; }

    /// <summary>The successive-halving rung, from 0 (shortest training).</summary>
    public int Rung { get; }

    /// <summary>The searched settings.</summary>
    public LocalFlowTrialParameters Parameters { get; }

    /// <summary>The objective's value: validation NLL in nats per row, or the Quality Score in [0, 1].</summary>
    public double Metric { get; }

    /// <summary>What the sweep minimises: the NLL, or 1 − Quality Score.</summary>
    public double Loss { get; }

    /// <summary>Training plus scoring time.</summary>
    public double DurationInMilliseconds { get; }

    /// <summary>The fitted model (on the training share of the rows).</summary>
    public LocalFlowMatchingTransformer Model { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        FormattableString.Invariant($"trial {TrialId} (config {ConfigurationId}, rung {Rung}): loss {Loss:G5}, metric {Metric:G5}, {DurationInMilliseconds:F0} ms, {Parameters}");
}
