using System.Globalization;

namespace Microsoft.ML.LocalFlow.Tabular;

/// <summary>
/// A <see cref="ColumnKind.DateTime"/> column. Each cell is a whole number of <see cref="Unit"/>s since 1970-01-01T00:00
/// (kept as a double, exact up to 2^53), NaN when missing; cells are written with <see cref="Format"/>.
/// </summary>
public sealed class DateTimeColumn : TableColumn
{
    private readonly double[] _values;

    /// <summary>Creates a date-time column; the array is taken as is.</summary>
    /// <param name="name">Column name.</param>
    /// <param name="format">A .NET custom date-time format string (invariant culture), e.g. "yyyy-MM-dd".</param>
    /// <param name="unit">The resolution of <paramref name="values"/>.</param>
    /// <param name="values">Whole numbers of <paramref name="unit"/> since the Unix epoch; NaN = missing.</param>
    /// <exception cref="ArgumentException">A value is not whole or is outside the DateTime range.</exception>
    public DateTimeColumn(string name, string format, DateTimeUnit unit, double[] values)
        : base(name, ColumnKind.DateTime, values?.Length ?? 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(format);
        ArgumentNullException.ThrowIfNull(values);
        double lo = (DateTime.MinValue - DateTime.UnixEpoch).Ticks / (double)TicksPerUnit(unit);
        double hi = (DateTime.MaxValue - DateTime.UnixEpoch).Ticks / (double)TicksPerUnit(unit);
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (!double.IsNaN(v) && (v != Math.Floor(v) || v < lo || v > hi))
            {
                throw new ArgumentException($"DateTime column '{name}': value {v} at row {i + 1} is not a whole number of {unit}s in the DateTime range.", nameof(values));
            }
        }

        Format = format;
        Unit = unit;
        _values = values;
    }

    /// <summary>The text format of the cells.</summary>
    public string Format { get; }

    /// <summary>The resolution of the values.</summary>
    public DateTimeUnit Unit { get; }

    /// <summary>Whole <see cref="Unit"/>s since 1970-01-01, NaN = missing.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The value of cell <paramref name="row"/> in units since the epoch, NaN when missing.</summary>
    public double this[int row] => _values[row];

    /// <summary>The cell as a <see cref="DateTime"/> (kind Unspecified), or null when missing.</summary>
    public DateTime? GetDateTime(int row) => double.IsNaN(_values[row]) ? null : ToDateTime(_values[row], Unit);

    /// <inheritdoc/>
    public override bool IsMissing(int row) => double.IsNaN(_values[row]);

    /// <inheritdoc/>
    public override string? FormatCell(int row) =>
        double.IsNaN(_values[row]) ? null : ToDateTime(_values[row], Unit).ToString(Format, CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override TableColumn SelectRows(ReadOnlySpan<int> rows)
    {
        var v = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            v[i] = _values[rows[i]];
        }

        return new DateTimeColumn(Name, Format, Unit, v);
    }

    /// <inheritdoc/>
    public override TableColumn Rename(string name) => new DateTimeColumn(name, Format, Unit, _values);

    /// <summary>Ticks (100 ns) per unit.</summary>
    public static long TicksPerUnit(DateTimeUnit unit) => unit switch
    {
        DateTimeUnit.Day => TimeSpan.TicksPerDay,
        DateTimeUnit.Minute => TimeSpan.TicksPerMinute,
        DateTimeUnit.Second => TimeSpan.TicksPerSecond,
        DateTimeUnit.Millisecond => TimeSpan.TicksPerMillisecond,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown DateTimeUnit."),
    };

    /// <summary>Whole units since the epoch for <paramref name="value"/> (truncated toward the past).</summary>
    public static double FromDateTime(DateTime value, DateTimeUnit unit) =>
        Math.Floor((value.Ticks - DateTime.UnixEpoch.Ticks) / (double)TicksPerUnit(unit));

    /// <summary>The DateTime for whole <paramref name="units"/> since the epoch.</summary>
    public static DateTime ToDateTime(double units, DateTimeUnit unit) =>
        new(DateTime.UnixEpoch.Ticks + (long)units * TicksPerUnit(unit), DateTimeKind.Unspecified);
}
