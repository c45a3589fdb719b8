using Microsoft.ML.LocalFlow.Cli.Parsing;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary>
/// The parsed <c>lfm fit</c> command line. A null value means "not given": the preset's (measured) default applies,
/// which the modelling layer chooses, not the CLI.
/// </summary>
internal sealed record FitSettings
{
    /// <summary>The training CSV.</summary>
    public required string DataPath { get; init; }

    /// <summary>Where the model goes.</summary>
    public required string ModelPath { get; init; }

    /// <summary><c>--preset</c>; null for the layer's default preset.</summary>
    public string? Preset { get; init; }

    /// <summary><c>--blocks</c>.</summary>
    public int? Blocks { get; init; }

    /// <summary><c>--step-sizes</c>.</summary>
    public StepSizeList? StepSizes { get; init; }

    /// <summary><c>--hidden</c>: width of each hidden layer.</summary>
    public int? Hidden { get; init; }

    /// <summary><c>--layers</c>: number of hidden layers.</summary>
    public int? Layers { get; init; }

    /// <summary><c>--iterations</c>: training iterations per block.</summary>
    public int? Iterations { get; init; }

    /// <summary><c>--batch</c>: rows per training batch.</summary>
    public int? Batch { get; init; }

    /// <summary><c>--lr</c>: Adam learning rate.</summary>
    public double? LearningRate { get; init; }

    /// <summary><c>--seed</c>.</summary>
    public int? Seed { get; init; }

    /// <summary><c>--threads</c>.</summary>
    public int? Threads { get; init; }

    /// <summary><c>--validation-fraction</c>: the share of rows held out for per-block early stopping.</summary>
    public double? ValidationFraction { get; init; }

    /// <summary><c>--patience</c>: validation checks without improvement before a block stops early.</summary>
    public int? Patience { get; init; }

    /// <summary><c>--smoothing</c>: the training-row smoothing bandwidth; null = chosen from the row count.</summary>
    public double? Smoothing { get; init; }

    /// <summary><c>--baseline-fm</c>: plain flow matching (a single free block) instead of LFM.</summary>
    public bool BaselineFm { get; init; }

    /// <summary><c>--label</c>: the column generation can be conditioned on.</summary>
    public string? Label { get; init; }

    /// <summary><c>--column-kind</c>: user overrides of inferred column kinds.</summary>
    public IReadOnlyList<ColumnAssignment> ColumnKinds { get; init; } = [];

    /// <summary><c>--skip-bad-rows</c>: drop rows with a bad cell instead of failing.</summary>
    public bool SkipBadRows { get; init; }

    /// <summary><c>--resume</c>: continue from the checkpoint of an interrupted fit with the same settings.</summary>
    public bool Resume { get; init; }

    /// <summary><c>--quiet</c>: no progress display.</summary>
    public bool Quiet { get; init; }
}
