namespace Microsoft.ML.LocalFlow.Tabular;

/// <summary>A <see cref="ColumnKind.Continuous"/> or <see cref="ColumnKind.Integer"/> column; NaN marks a missing cell.</summary>
public sealed class NumericColumn : TableColumn
{
    private readonly double[] _values;

    /// <summary>Creates a numeric column; the array is taken as is (not copied).</summary>
    /// <param name="name">Column name.</param>
    /// <param name="kind"><see cref="ColumnKind.Continuous"/> or <see cref="ColumnKind.Integer"/>.</param>
    /// <param name="values">Cell values; NaN = missing; ±Infinity is not allowed; Integer values must be whole.</param>
    /// <param name="format">How values are written; null picks whole numbers for Integer and 6 trimmed decimals for Continuous.</param>
    /// <exception cref="ArgumentException">Wrong kind, an infinite value, or a fractional value in an Integer column.</exception>
    public NumericColumn(string name, ColumnKind kind, double[] values, NumericTextFormat? format = null)
        : base(name, kind, values?.Length ?? 0)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (kind is not (ColumnKind.Continuous or ColumnKind.Integer))
        {
            throw new ArgumentException($"A NumericColumn is Continuous or Integer, not {kind}.", nameof(kind));
        }

        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (double.IsInfinity(v))
            {
                throw new ArgumentException($"Column '{name}': value {v} at row {i + 1} is infinite.", nameof(values));
            }

            if (kind == ColumnKind.Integer && !double.IsNaN(v) && v != Math.Floor(v))
            {
                throw new ArgumentException($"Integer column '{name}': value {v} at row {i + 1} is not whole.", nameof(values));
            }
        }

        _values = values;
        Format = format ?? (kind == ColumnKind.Integer ? NumericTextFormat.Integer : new NumericTextFormat(6, false, 0));
    }

    /// <summary>The cell values, NaN = missing.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>How values are written.</summary>
    public NumericTextFormat Format { get; }

    /// <summary>The value of cell <paramref name="row"/>, NaN when missing.</summary>
    public double this[int row] => _values[row];

    /// <inheritdoc/>
    public override bool IsMissing(int row) => double.IsNaN(_values[row]);

    /// <inheritdoc/>
    public override string? FormatCell(int row) => double.IsNaN(_values[row]) ? null : Format.Format(_values[row]);

    /// <inheritdoc/>
    public override TableColumn SelectRows(ReadOnlySpan<int> rows)
    {
        var v = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            v[i] = _values[rows[i]];
        }

        return new NumericColumn(Name, Kind, v, Format);
    }

    /// <inheritdoc/>
    public override TableColumn Rename(string name) => new NumericColumn(name, Kind, _values, Format);
}
