namespace Microsoft.ML.LocalFlow.Tabular.Encoding;

/// <summary>User bounds for a numeric column (in the column's units; for DateTime, whole units since 1970-01-01).</summary>
/// <param name="Min">Smallest value a decoded cell may take.</param>
/// <param name="Max">Largest value a decoded cell may take.</param>
public readonly record struct ColumnBounds(double Min, double Max);
