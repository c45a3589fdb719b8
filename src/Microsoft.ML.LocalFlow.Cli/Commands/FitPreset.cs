namespace Microsoft.ML.LocalFlow.Cli.Commands;

/// <summary>The starting configurations of <c>lfm fit --preset</c>.</summary>
internal enum FitPreset
{
    /// <summary>Half the iterations of <see cref="Balanced"/>: a quick first look.</summary>
    Fast,

    /// <summary>The flow and tabular layers' defaults, unchanged (docs/flow.md, docs/tabular.md).</summary>
    Balanced,

    /// <summary>Twice the iterations of <see cref="Balanced"/>.</summary>
    Quality,
}
