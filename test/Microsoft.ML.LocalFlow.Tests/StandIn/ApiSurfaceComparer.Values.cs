using System.Globalization;
using System.Reflection;

namespace Microsoft.ML.LocalFlow.Tests.StandIn;

internal sealed partial class ApiSurfaceComparer
{
    /// <summary>Enum member values: explicit literals and simple expressions (|, &amp;, &lt;&lt;, ~, -, names); long.MinValue = unknown.</summary>
    internal static Dictionary<string, long> EvaluateEnum(ApiType doc)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        long next = 0;
        foreach (var member in doc.Members.Where(m => m.Kind == ApiMemberKind.EnumValue))
        {
            long value = member.ValueText is null ? next : Evaluate(member.ValueText, values);
            values[member.Name] = value;
            next = value == long.MinValue ? long.MinValue : value + 1;
        }
        return values;
    }

    private static long Evaluate(string text, Dictionary<string, long> names)
    {
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int pos = 0;
        try
        {
            long v = Or();
            return pos == tokens.Length ? v : long.MinValue;
        }
        catch (FormatException)
        {
            return long.MinValue;
        }

        long Or()
        {
            long v = And();
            while (pos < tokens.Length && tokens[pos] == "|")
            {
                pos++;
                v |= And();
            }
            return v;
        }

        long And()
        {
            long v = Shift();
            while (pos < tokens.Length && tokens[pos] == "&")
            {
                pos++;
                v &= Shift();
            }
            return v;
        }

        long Shift()
        {
            long v = Unary();
            while (pos < tokens.Length && tokens[pos] == "<<")
            {
                pos++;
                v <<= (int)Unary();
            }
            return v;
        }

        long Unary()
        {
            if (pos >= tokens.Length)
                throw new FormatException();
            string t = tokens[pos++];
            if (t == "~")
                return ~Unary();
            if (t == "-")
                return -Unary();
            if (t == "(")
            {
                long v = Or();
                if (pos >= tokens.Length || tokens[pos++] != ")")
                    throw new FormatException();
                return v;
            }
            if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
                return long.Parse(t[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n))
                return n;
            if (names.TryGetValue(t, out long named) && named != long.MinValue)
                return named;
            throw new FormatException();
        }
    }

    /// <summary>Compares a declared default (token text) with a parameter's default; unknown forms compare equal.</summary>
    private static bool DefaultsEqual(string docText, ParameterInfo p)
    {
        string text = docText.Replace(" ", "", StringComparison.Ordinal);
        object? ours = p.HasDefaultValue ? p.DefaultValue : null;
        var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
        if (text == "null" || text == "default" || text.StartsWith("default(", StringComparison.Ordinal))
            return ours is null || (type.IsValueType && Equals(ours, Activator.CreateInstance(type)));
        if (ours is null)
            return false;
        if (text is "true" or "false")
            return ours is bool b && b == (text == "true");
        if (text.StartsWith('\''))
            return ours is char c && c == Unescape(text.Trim('\''))[0];
        if (text.StartsWith('"'))
            return ours is string s && s == Unescape(text[1..^1]);
        if (type.IsEnum)
        {
            string member = text[(text.LastIndexOf('.') + 1)..];
            return Enum.ToObject(type, ours).ToString() == member;
        }
        double? expected = text switch
        {
            "double.NegativeInfinity" or "float.NegativeInfinity" => double.NegativeInfinity,
            "double.PositiveInfinity" or "float.PositiveInfinity" => double.PositiveInfinity,
            "double.MaxValue" => double.MaxValue,
            "int.MaxValue" => int.MaxValue,
            "long.MaxValue" => long.MaxValue,
            _ => double.TryParse(text.TrimEnd('f', 'F', 'd', 'D', 'm', 'M', 'L', 'l', 'u', 'U'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
        };
        if (expected is null)
            return true; // a form this comparer does not evaluate
        return ours is IConvertible && Convert.ToDouble(ours, CultureInfo.InvariantCulture).Equals(expected.Value);
    }

    private static string Unescape(string s) => s.Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal)
        .Replace("\\r", "\r", StringComparison.Ordinal).Replace("\\0", "\0", StringComparison.Ordinal).Replace("\\'", "'", StringComparison.Ordinal)
        .Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
}
