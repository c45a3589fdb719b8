namespace Microsoft.ML.LocalFlow.Tabular.Encoding;

/// <summary>A table in the flow's continuous space.</summary>
/// <param name="Data">Row-major features, <paramref name="Rows"/> × <paramref name="Width"/> (label excluded).</param>
/// <param name="Rows">Number of rows.</param>
/// <param name="Width">Coordinates per row.</param>
/// <param name="Condition">Row-major label encoding, <paramref name="Rows"/> × <paramref name="ConditionWidth"/> (empty without a label).</param>
/// <param name="ConditionWidth">Coordinates of the condition per row (0 without a label).</param>
/// <param name="LogJacobian">
/// Per row, the term to add to the flow's log-density of the encoded row to get the row's log-likelihood in the
/// original units: Σ ln|dy/dv| over numeric cells, + ln(1 − 2ε) per dequantised cell, + (−ln N(y)) per missing numeric cell.
/// </param>
public sealed record EncodedTable(float[] Data, int Rows, int Width, float[] Condition, int ConditionWidth, double[] LogJacobian);
