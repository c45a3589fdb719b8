namespace Microsoft.ML.LocalFlow.Tabular.Encoding;

/// <summary>Where one column lives in a row of the encoded matrix.</summary>
/// <param name="Column">The column name.</param>
/// <param name="Kind">The column kind.</param>
/// <param name="Encoding">How the values are encoded.</param>
/// <param name="Offset">First coordinate of the column in a row (the missingness indicator, when present, comes first).</param>
/// <param name="Width">Number of coordinates, indicator included.</param>
/// <param name="HasMissingIndicator">
/// Numeric columns with missing cells get one indicator coordinate (−1 present, +1 missing, plus U(−½, ½) noise) at
/// <paramref name="Offset"/>; categorical columns with missing cells get an extra "missing" level instead (false here).
/// </param>
/// <param name="Levels">The observed levels (categorical and boolean columns; the missing level not included), else empty.</param>
public sealed record EncodedColumnLayout(string Column, ColumnKind Kind, ColumnEncodingKind Encoding, int Offset, int Width, bool HasMissingIndicator, IReadOnlyList<string> Levels);
