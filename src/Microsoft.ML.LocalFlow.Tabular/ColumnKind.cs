namespace Microsoft.ML.LocalFlow.Tabular;

/// <summary>The statistical kind of a table column; it decides how the column is parsed, encoded and scored.</summary>
public enum ColumnKind
{
    /// <summary>Real numbers (a decimal point or exponent occurs in the text). Encoded by <see cref="Encoding.ContinuousEncoding"/>.</summary>
    Continuous,

    /// <summary>Whole numbers with an order (counts, grams, years). Dequantised with uniform noise in the unit cell, rounded on decode.</summary>
    Integer,

    /// <summary>A finite set of unordered levels, stored as text (numeric codes such as 0/1/2 keep their text).</summary>
    Categorical,

    /// <summary>Two truth values written as true/false or yes/no (any casing); encoded as a two-level categorical.</summary>
    Boolean,

    /// <summary>ISO-8601 dates or date-times; encoded as a whole number of the format's unit (day, minute, second, millisecond).</summary>
    DateTime,
}
