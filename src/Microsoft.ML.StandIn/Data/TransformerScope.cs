namespace Microsoft.ML.Data;

/// <summary>Which uses a transformer in a chain takes part in.</summary>
[Flags]
public enum TransformerScope
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>Training.</summary>
    Training = 1 << 0,

    /// <summary>Testing.</summary>
    Testing = 1 << 1,

    /// <summary>Scoring.</summary>
    Scoring = 1 << 2,

    /// <summary>Training and testing.</summary>
    TrainTest = Training | Testing,

    /// <summary>All uses.</summary>
    Everything = Training | Testing | Scoring,
}
