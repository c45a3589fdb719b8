using Microsoft.ML.LocalFlow.Cli.Parsing;
using Microsoft.ML.LocalFlow.Numerics.Ode;

namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary>The parsed <c>lfm sample</c> command line; null means "the model's default".</summary>
internal sealed record SampleSettings
{
    /// <summary>The model file.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Number of synthetic rows (&gt; 0).</summary>
    public required int Rows { get; init; }

    /// <summary>The synthetic CSV to write.</summary>
    public required string OutputPath { get; init; }

    /// <summary><c>--seed</c>.</summary>
    public int? Seed { get; init; }

    /// <summary><c>--solver</c>.</summary>
    public OdeSolverKind? Solver { get; init; }

    /// <summary><c>--steps</c>: solver steps per block.</summary>
    public int? Steps { get; init; }

    /// <summary><c>--distilled</c>: use the distilled one-step maps.</summary>
    public bool Distilled { get; init; }

    /// <summary><c>--where</c>: the label condition.</summary>
    public ColumnAssignment? Where { get; init; }

    /// <summary><c>--threads</c>.</summary>
    public int? Threads { get; init; }
}
