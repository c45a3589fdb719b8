namespace Microsoft.ML.LocalFlow;

/// <summary>How <c>mlContext.Generative.Sweep</c> searches: budget, objective, successive halving and the settings it does not search.</summary>
public sealed class LocalFlowSweepOptions
{
    /// <summary>
    /// Wall-clock budget. No trial starts after it has run out (a running trial finishes). Default 10 minutes.
    /// </summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Configurations drawn for the first rung (ML.NET AutoML: max models to explore). Default 9.</summary>
    public int MaxTrials { get; set; } = 9;

    /// <summary>Successive halving's η: each rung keeps the best 1/η of the trials and trains them η times longer. Default 3.</summary>
    public int ReductionFactor { get; set; } = 3;

    /// <summary>What the sweep minimises. Default validation NLL.</summary>
    public LocalFlowSweepObjective Objective { get; set; } = LocalFlowSweepObjective.ValidationNegativeLogLikelihood;

    /// <summary>Fraction of rows held out to score trials, in (0, 0.5]. Default 0.2.</summary>
    public double ValidationFraction { get; set; } = 0.2;

    /// <summary>Seed of the split and of the configurations drawn; <see langword="null"/> takes one from the <see cref="MLContext"/>.</summary>
    public int? Seed { get; set; }

    /// <summary>Refit the best configuration on all rows (training + validation) at the end. Default false (the best trial's model is returned).</summary>
    public bool RefitOnFullData { get; set; }

    /// <summary>
    /// Every setting that is not searched (columns, label, batch size, encoders, solvers…). Default <c>new LocalFlowMatchingOptions()</c>.
    /// Its step sizes, width, depth, learning rate and iterations are replaced by each trial's.
    /// </summary>
    public LocalFlowMatchingOptions BaseOptions { get; set; } = new();

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the parameter name is the property.</exception>
    /// <exception cref="ArgumentNullException"><see cref="BaseOptions"/> is null.</exception>
    public void Validate()
    {
        if (TimeBudget <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TimeBudget), TimeBudget, $"TimeBudget must be positive; it is {TimeBudget}.");
        }

        if (MaxTrials < 1 || MaxTrials > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTrials), MaxTrials, $"MaxTrials must be in [1, 10000]; it is {MaxTrials}.");
        }

        if (ReductionFactor < 2 || ReductionFactor > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(ReductionFactor), ReductionFactor, $"ReductionFactor must be in [2, 100]; it is {ReductionFactor}.");
        }

        if (!Enum.IsDefined(Objective))
        {
            throw new ArgumentOutOfRangeException(nameof(Objective), Objective, $"Objective {Objective} is not defined.");
        }

        if (!(ValidationFraction > 0 && ValidationFraction <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, $"ValidationFraction must be in (0, 0.5]; it is {ValidationFraction}.");
        }

        ArgumentNullException.ThrowIfNull(BaseOptions, nameof(BaseOptions));
        BaseOptions.Validate();
    }
}
