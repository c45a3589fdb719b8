namespace Microsoft.ML.Data;

/// <summary>
/// Splits one line into fields. With quoting, a field that starts with '"' runs to the closing quote; inside it,
/// <c>EscapeChar</c> followed by '"' stands for a quote (with the default escape '"', that is a doubled quote).
/// </summary>
internal static class LineSplitter
{
    /// <summary>Fills <paramref name="fields"/>; returns false when a quoted field is not closed (its text runs to the line end).</summary>
    internal static bool Split(string line, TextLoader.Options options, List<ReadOnlyMemory<char>> fields)
    {
        fields.Clear();
        var separators = options.Separators;
        bool ok = true;
        int i = 0, n = line.Length;
        while (true)
        {
            int start = i;
            if (options.TrimWhitespace)
            {
                while (i < n && line[i] == ' ' && !IsSeparator(line[i], separators))
                    i++;
            }
            if (options.AllowQuoting && i < n && line[i] == '"')
            {
                i++;
                System.Text.StringBuilder? sb = null;
                int segment = i;
                bool closed = false;
                while (i < n)
                {
                    char c = line[i];
                    if (c == options.EscapeChar && i + 1 < n && line[i + 1] == '"')
                    {
                        sb ??= new System.Text.StringBuilder();
                        sb.Append(line, segment, i - segment).Append('"');
                        i += 2;
                        segment = i;
                        continue;
                    }
                    if (c == '"')
                    {
                        closed = true;
                        break;
                    }
                    i++;
                }
                ReadOnlyMemory<char> value = sb is null
                    ? line.AsMemory(segment, i - segment)
                    : sb.Append(line, segment, i - segment).ToString().AsMemory();
                ok &= closed;
                if (closed)
                    i++; // the closing quote
                // Anything between the closing quote and the next separator is dropped.
                while (i < n && !IsSeparator(line[i], separators))
                    i++;
                fields.Add(value);
            }
            else
            {
                while (i < n && !IsSeparator(line[i], separators))
                    i++;
                var value = line.AsMemory(start, i - start);
                if (options.TrimWhitespace)
                    value = Trim(value);
                fields.Add(value);
            }
            if (i >= n)
                return ok;
            i++; // the separator
        }
    }

    private static bool IsSeparator(char c, char[] separators)
    {
        foreach (char s in separators)
        {
            if (s == c)
                return true;
        }
        return false;
    }

    private static ReadOnlyMemory<char> Trim(ReadOnlyMemory<char> value)
    {
        var span = value.Span;
        int a = 0, b = span.Length;
        while (a < b && span[a] == ' ')
            a++;
        while (b > a && span[b - 1] == ' ')
            b--;
        return value.Slice(a, b - a);
    }
}
