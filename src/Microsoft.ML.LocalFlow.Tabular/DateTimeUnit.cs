namespace Microsoft.ML.LocalFlow.Tabular;

/// <summary>The resolution of a <see cref="ColumnKind.DateTime"/> column, taken from its text format.</summary>
public enum DateTimeUnit
{
    /// <summary>Whole days (date-only formats such as yyyy-MM-dd).</summary>
    Day,

    /// <summary>Whole minutes (yyyy-MM-ddTHH:mm).</summary>
    Minute,

    /// <summary>Whole seconds (yyyy-MM-ddTHH:mm:ss).</summary>
    Second,

    /// <summary>Whole milliseconds (yyyy-MM-ddTHH:mm:ss.fff).</summary>
    Millisecond,
}
