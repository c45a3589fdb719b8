namespace Microsoft.ML.Data;

/// <summary>What a <see cref="FilterDataView"/> predicate decides for the current source row.</summary>
internal enum RowVerdict
{
    /// <summary>Emit the row.</summary>
    Keep,

    /// <summary>Skip the row.</summary>
    Skip,

    /// <summary>Skip the row and end the pass.</summary>
    Stop,
}
