namespace Microsoft.ML.LocalFlow.Tabular;

/// <summary>Name, kind and nullability of one column.</summary>
/// <param name="Name">The column name as written in the header.</param>
/// <param name="Kind">The statistical kind.</param>
/// <param name="IsNullable">True when the column has at least one missing (empty) cell.</param>
public sealed record ColumnSchema(string Name, ColumnKind Kind, bool IsNullable);
