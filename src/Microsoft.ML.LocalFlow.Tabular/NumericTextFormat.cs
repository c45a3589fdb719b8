using System.Globalization;

namespace Microsoft.ML.LocalFlow.Tabular;

/// <summary>
/// How the numbers of one column were written in the input, so that synthetic values are written the same way.
/// Plain notation keeps <see cref="Decimals"/> digits after the point (trailing zeros kept only when every input cell had
/// exactly that many: <see cref="FixedDecimals"/>); exponent notation keeps <see cref="SignificantDigits"/> digits.
/// </summary>
public sealed class NumericTextFormat : IEquatable<NumericTextFormat>
{
    /// <summary>Largest number of digits that .NET rounding supports after the point.</summary>
    public const int MaxDecimals = 15;

    /// <summary>The format of whole numbers written without a point ("3750").</summary>
    public static NumericTextFormat Integer { get; } = new(0, false, 0);

    /// <summary>Creates a format.</summary>
    /// <param name="decimals">Digits after the point, 0..15.</param>
    /// <param name="fixedDecimals">Write exactly <paramref name="decimals"/> digits (keep trailing zeros).</param>
    /// <param name="significantDigits">0 for plain notation; otherwise 1..17 significant digits in exponent notation.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public NumericTextFormat(int decimals, bool fixedDecimals, int significantDigits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, MaxDecimals);
        ArgumentOutOfRangeException.ThrowIfNegative(significantDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(significantDigits, 17);
        Decimals = decimals;
        FixedDecimals = fixedDecimals && decimals > 0;
        SignificantDigits = significantDigits;
    }

    /// <summary>Largest number of digits after the point seen in a plain-notation cell.</summary>
    public int Decimals { get; }

    /// <summary>True when every cell had exactly <see cref="Decimals"/> digits after the point, so trailing zeros are written.</summary>
    public bool FixedDecimals { get; }

    /// <summary>Significant digits when some cell used exponent notation (1.5e-05); 0 for plain notation.</summary>
    public int SignificantDigits { get; }

    /// <summary>True when the column is written in exponent notation.</summary>
    public bool UsesExponent => SignificantDigits > 0;

    /// <summary>The lattice step of plain notation, 10^-<see cref="Decimals"/>; 0 for exponent notation (no lattice).</summary>
    public double Resolution => UsesExponent ? 0 : Pow10(-Decimals);

    /// <summary>Rounds <paramref name="value"/> to what this format can write (so that Format(Round(v)) == Format(v)).</summary>
    public double Round(double value)
    {
        if (!double.IsFinite(value))
        {
            return value;
        }

        double r = UsesExponent
            ? double.Parse(value.ToString("E" + (SignificantDigits - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : Math.Round(value, Decimals, MidpointRounding.ToEven);
        return r == 0 ? 0.0 : r; // no negative zero: "-0" would be a new text form
    }

    /// <summary>Writes <paramref name="value"/> in this format with the invariant culture.</summary>
    public string Format(double value)
    {
        double r = Round(value);
        if (UsesExponent)
        {
            return r.ToString("R", CultureInfo.InvariantCulture);
        }

        if (Decimals == 0)
        {
            return r.ToString("0", CultureInfo.InvariantCulture);
        }

        string pattern = FixedDecimals ? "F" + Decimals.ToString(CultureInfo.InvariantCulture) : "0." + new string('#', Decimals);
        return r.ToString(pattern, CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public bool Equals(NumericTextFormat? other) =>
        other is not null && other.Decimals == Decimals && other.FixedDecimals == FixedDecimals && other.SignificantDigits == SignificantDigits;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NumericTextFormat);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Decimals, FixedDecimals, SignificantDigits);

    /// <inheritdoc/>
    public override string ToString() =>
        UsesExponent ? $"exponent, {SignificantDigits} significant digits" : $"{Decimals} decimals{(FixedDecimals ? " (fixed)" : string.Empty)}";

    internal static double Pow10(int e) => Math.Pow(10, e);

    /// <summary>Collects the format of a column cell by cell.</summary>
    internal sealed class Builder
    {
        private int _maxDecimals;
        private int _minDecimals = int.MaxValue;
        private int _maxSignificant;
        private bool _anyExponent;
        private bool _any;

        /// <summary>Looks at one non-empty numeric cell's text.</summary>
        public void Observe(ReadOnlySpan<char> text)
        {
            text = text.Trim();
            _any = true;
            int e = text.IndexOfAny('e', 'E');
            ReadOnlySpan<char> mantissa = e >= 0 ? text[..e] : text;
            int dot = mantissa.IndexOf('.');
            int decimals = dot >= 0 ? mantissa.Length - dot - 1 : 0;
            if (e >= 0)
            {
                _anyExponent = true;
                int digits = 0;
                bool leading = true;
                foreach (char c in mantissa)
                {
                    if (c is >= '0' and <= '9')
                    {
                        if (c != '0' || !leading)
                        {
                            digits++;
                            leading = false;
                        }
                    }
                }

                _maxSignificant = Math.Max(_maxSignificant, Math.Max(1, digits));
            }
            else
            {
                _maxDecimals = Math.Max(_maxDecimals, decimals);
                _minDecimals = Math.Min(_minDecimals, decimals);
                int digits = 0;
                bool leading = true;
                foreach (char c in mantissa)
                {
                    if (c is >= '0' and <= '9' && (c != '0' || !leading))
                    {
                        digits++;
                        leading = false;
                    }
                }

                _maxSignificant = Math.Max(_maxSignificant, digits);
            }
        }

        /// <summary>The format that writes every observed cell back as it was (as far as the rules above allow).</summary>
        public NumericTextFormat Build()
        {
            if (!_any)
            {
                return Integer;
            }

            if (_anyExponent || _maxDecimals > MaxDecimals)
            {
                return new NumericTextFormat(0, false, Math.Clamp(_maxSignificant, 1, 17));
            }

            return new NumericTextFormat(_maxDecimals, _minDecimals == _maxDecimals, 0);
        }
    }
}
