using System.Globalization;

namespace Microsoft.ML.LocalFlow.Tabular;

/// <summary>
/// Turns rows of cell texts into a typed <see cref="Table"/>: infers or applies column kinds (rules on
/// <see cref="SchemaOptions"/>), parses cells, and reports every bad cell by data row, file line and column.
/// </summary>
internal static class TextTableBuilder
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-ddTHH:mm",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-ddTHH:mm:ss'Z'",
        "yyyy-MM-ddTHH:mm:ss.fff",
        "yyyy-MM-dd HH:mm:ss.fff",
        "yyyy-MM-ddTHH:mm:ss.fff'Z'",
    ];

    /// <summary>Builds the table.</summary>
    /// <param name="header">Column names.</param>
    /// <param name="rows">Cell texts, each row as long as <paramref name="header"/>.</param>
    /// <param name="fileLines">1-based file line of each row's start.</param>
    /// <param name="dataRows">1-based data row number of each row (rows skipped earlier keep their numbers).</param>
    /// <param name="options">Inference rules and overrides.</param>
    /// <param name="filePath">For messages; null for in-memory input.</param>
    /// <param name="skipped">Receives (data row, file line, column, reason) of each skipped row when skipping is on.</param>
    public static Table Build(string[] header, IReadOnlyList<string[]> rows, IReadOnlyList<int> fileLines, IReadOnlyList<int> dataRows, SchemaOptions options, string? filePath, List<SkippedRow> skipped)
    {
        var names = new HashSet<string>(header, StringComparer.Ordinal);
        foreach (string name in options.Kinds.Keys.Concat(options.DateTimeFormats.Keys))
        {
            if (!names.Contains(name))
            {
                throw new TableFormatException(
                    $"a kind or format was declared for column '{name}', which is not in the header; the columns are: {string.Join(", ", header)}.",
                    null, 1, name, filePath);
            }
        }

        int n = rows.Count;
        var bad = new string?[n];
        var badColumn = new string?[n];
        var columns = new TableColumn[header.Length];
        for (int j = 0; j < header.Length; j++)
        {
            var ctx = new ColumnContext(header[j], j, rows, fileLines, dataRows, options, filePath, bad, badColumn);
            columns[j] = BuildColumn(ctx);
        }

        var table = new Table(columns);
        if (!bad.Any(b => b is not null))
        {
            return table;
        }

        var keep = new List<int>(n);
        for (int i = 0; i < n; i++)
        {
            if (bad[i] is null)
            {
                keep.Add(i);
            }
            else
            {
                skipped.Add(new SkippedRow(dataRows[i], fileLines[i], badColumn[i], bad[i]!));
            }
        }

        if (keep.Count == 0)
        {
            throw new TableFormatException($"every one of the {n} data rows has a bad cell; nothing is left after skipping them (first: {skipped[0]}).", null, null, null, filePath);
        }

        return CompactLevels(table.SelectRows(keep.ToArray()), filePath);
    }

    private static Table CompactLevels(Table t, string? filePath)
    {
        var cols = new TableColumn[t.ColumnCount];
        for (int j = 0; j < cols.Length; j++)
        {
            if (t[j].MissingCount == t.RowCount)
            {
                throw new TableFormatException("the column is entirely empty after skipping bad rows.", null, null, t[j].Name, filePath);
            }

            if (t[j] is CategoricalColumn c)
            {
                var used = new bool[c.Levels.Count];
                foreach (int code in c.Codes)
                {
                    if (code >= 0)
                    {
                        used[code] = true;
                    }
                }

                var map = new int[used.Length];
                var levels = new List<string>();
                for (int k = 0; k < used.Length; k++)
                {
                    map[k] = used[k] ? levels.Count : -1;
                    if (used[k])
                    {
                        levels.Add(c.Levels[k]);
                    }
                }

                var codes = new int[c.RowCount];
                for (int i = 0; i < codes.Length; i++)
                {
                    codes[i] = c[i] < 0 ? -1 : map[c[i]];
                }

                cols[j] = new CategoricalColumn(c.Name, c.Kind, levels.ToArray(), codes);
            }
            else
            {
                cols[j] = t[j];
            }
        }

        return new Table(cols);
    }

    private static TableColumn BuildColumn(ColumnContext ctx)
    {
        int n = ctx.Rows.Count;
        int nonMissing = 0;
        for (int i = 0; i < n; i++)
        {
            if (!ctx.IsMissing(i))
            {
                nonMissing++;
            }
        }

        if (nonMissing == 0)
        {
            int last = n == 0 ? 1 : ctx.FileLines[n - 1];
            throw new TableFormatException(
                $"the column is entirely empty (all {n} data rows, file lines 2..{last}); remove it or fill it in.",
                null, null, ctx.Name, ctx.FilePath);
        }

        if (ctx.Options.Kinds.TryGetValue(ctx.Name, out ColumnKind declared))
        {
            return declared switch
            {
                ColumnKind.Continuous or ColumnKind.Integer => BuildNumeric(ctx, declared),
                ColumnKind.Categorical => BuildCategorical(ctx, ColumnKind.Categorical, declared: true),
                ColumnKind.Boolean => BuildBoolean(ctx, declared: true),
                ColumnKind.DateTime => BuildDateTime(ctx),
                _ => throw new TableFormatException($"unknown declared kind {declared}.", null, null, ctx.Name, ctx.FilePath),
            };
        }

        if (ctx.Options.DateTimeFormats.ContainsKey(ctx.Name))
        {
            return BuildDateTime(ctx);
        }

        // Inference, in the order documented on SchemaOptions.
        int booleans = 0, numbers = 0, integral = 0, dates = 0;
        string? dateFormat = null;
        for (int i = 0; i < n; i++)
        {
            if (ctx.IsMissing(i))
            {
                continue;
            }

            string s = ctx.Cell(i).Trim();
            if (IsBooleanToken(s, strict: true, out _))
            {
                booleans++;
            }

            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                numbers++;
                if (s.AsSpan().IndexOfAny('.', 'e', 'E') < 0 && double.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                {
                    integral++;
                }
            }
            else
            {
                dateFormat ??= DetectDateFormat(s);
                if (dateFormat is not null && TryParseDate(s, dateFormat, out _))
                {
                    dates++;
                }
            }
        }

        if (booleans == nonMissing)
        {
            return BuildBoolean(ctx, declared: false);
        }

        if (numbers == nonMissing)
        {
            if (integral == nonMissing)
            {
                NumericColumn ints = BuildNumeric(ctx, ColumnKind.Integer);
                return IsCodeColumn(ints, ctx.Options.MaxCodeLevels) ? BuildCategorical(ctx, ColumnKind.Categorical, declared: true) : ints;
            }

            return BuildNumeric(ctx, ColumnKind.Continuous);
        }

        if (2 * numbers > nonMissing)
        {
            // Mostly numbers: parse as numbers so the first non-numeric cell is reported (or its row skipped).
            return BuildNumeric(ctx, integral == numbers ? ColumnKind.Integer : ColumnKind.Continuous, inferredHint: true);
        }

        if (dates == nonMissing || 2 * dates > nonMissing)
        {
            return BuildDateTime(ctx, dateFormat);
        }

        return BuildCategorical(ctx, ColumnKind.Categorical, declared: false);
    }

    private static bool IsCodeColumn(NumericColumn c, int maxCodeLevels)
    {
        var distinct = new SortedSet<double>();
        foreach (double v in c.Values)
        {
            if (!double.IsNaN(v))
            {
                distinct.Add(v);
                if (distinct.Count > maxCodeLevels)
                {
                    return false;
                }
            }
        }

        int k = distinct.Count;
        if (k < 2)
        {
            return false;
        }

        double lo = distinct.Min;
        return (lo == 0 || lo == 1) && distinct.Max == lo + k - 1;
    }

    private static NumericColumn BuildNumeric(ColumnContext ctx, ColumnKind kind, bool inferredHint = false)
    {
        int n = ctx.Rows.Count;
        var values = new double[n];
        var format = new NumericTextFormat.Builder();
        for (int i = 0; i < n; i++)
        {
            values[i] = double.NaN;
            if (ctx.IsMissing(i))
            {
                continue;
            }

            string s = ctx.Cell(i).Trim();
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            {
                string why = inferredHint
                    ? $"'{s}' is not a number, but most cells of this column are numbers; fix the cell, leave it empty for a missing value, or declare the column Categorical."
                    : $"'{s}' is not a number (the column is {kind}); use '.' as the decimal point and no thousands separators, leave the cell empty for a missing value, or declare the column Categorical.";
                ctx.Fail(i, why);
                continue;
            }

            if (!double.IsFinite(v))
            {
                ctx.Fail(i, $"'{s}' is not a finite number; NaN and infinities are not accepted here; leave the cell empty for a missing value.");
                continue;
            }

            if (kind == ColumnKind.Integer && v != Math.Floor(v))
            {
                ctx.Fail(i, $"'{s}' is not a whole number but the column is Integer; declare it Continuous.");
                continue;
            }

            values[i] = v;
            format.Observe(s);
        }

        return new NumericColumn(ctx.Name, kind, values, format.Build());
    }

    private static CategoricalColumn BuildCategorical(ColumnContext ctx, ColumnKind kind, bool declared)
    {
        int n = ctx.Rows.Count;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var raw = new int[n];
        int nonMissing = 0;
        for (int i = 0; i < n; i++)
        {
            if (ctx.IsMissing(i))
            {
                raw[i] = -1;
                continue;
            }

            nonMissing++;
            string s = ctx.Cell(i);
            if (!index.TryGetValue(s, out int code))
            {
                code = index.Count;
                index.Add(s, code);
            }

            raw[i] = code;
        }

        int k = index.Count;
        if (!declared)
        {
            SchemaOptions o = ctx.Options;
            bool ok = k <= o.MaxCategoricalLevels && (k <= o.AlwaysCategoricalLevels || k <= o.MaxLevelRatio * nonMissing);
            if (!ok)
            {
                string what = k == nonMissing ? "a different value in every row (an identifier or free text?)" : $"{k} distinct values in {nonMissing} non-empty cells";
                throw new TableFormatException(
                    $"this text column has {what}, too many levels to be inferred as categorical (limit: {o.MaxCategoricalLevels} levels, and at most {o.MaxLevelRatio:0.##} x rows above {o.AlwaysCategoricalLevels}); "
                    + "remove the column from the file, or declare it Categorical to keep it (every level then comes only from the training data).",
                    null, null, ctx.Name, ctx.FilePath);
            }
        }

        // Levels in a stable order: numerically when every level is a number (codes 0,1,2,10), else ordinal.
        string[] levels = index.Keys.ToArray();
        bool allNumbers = levels.All(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        string[] sorted = allNumbers
            ? levels.OrderBy(l => double.Parse(l, NumberStyles.Float, CultureInfo.InvariantCulture)).ThenBy(l => l, StringComparer.Ordinal).ToArray()
            : levels.OrderBy(l => l, StringComparer.Ordinal).ToArray();
        if (kind == ColumnKind.Boolean)
        {
            sorted = levels.OrderBy(l => IsBooleanToken(l.Trim(), strict: false, out bool t) && t).ThenBy(l => l, StringComparer.Ordinal).ToArray();
        }

        var map = new int[k];
        for (int r = 0; r < sorted.Length; r++)
        {
            map[index[sorted[r]]] = r;
        }

        var codes = new int[n];
        for (int i = 0; i < n; i++)
        {
            codes[i] = raw[i] < 0 ? -1 : map[raw[i]];
        }

        return new CategoricalColumn(ctx.Name, kind, sorted, codes);
    }

    private static CategoricalColumn BuildBoolean(ColumnContext ctx, bool declared)
    {
        for (int i = 0; i < ctx.Rows.Count; i++)
        {
            if (!ctx.IsMissing(i) && !IsBooleanToken(ctx.Cell(i).Trim(), strict: !declared, out _))
            {
                ctx.Fail(i, $"'{ctx.Cell(i)}' is not a boolean (true/false, yes/no, t/f, y/n, 1/0); declare the column Categorical instead.");
            }
        }

        // Bad cells (when skipping) are made missing here; their rows are dropped afterwards.
        return BuildCategorical(ctx.WithSkipAware(), ColumnKind.Boolean, declared: true);
    }

    private static DateTimeColumn BuildDateTime(ColumnContext ctx, string? detected = null)
    {
        int n = ctx.Rows.Count;
        string? format = ctx.Options.DateTimeFormats.TryGetValue(ctx.Name, out string? f) ? f : detected;
        if (format is null)
        {
            for (int i = 0; i < n && format is null; i++)
            {
                if (!ctx.IsMissing(i))
                {
                    format = DetectDateFormat(ctx.Cell(i).Trim());
                    if (format is null)
                    {
                        ctx.Fail(i, $"'{ctx.Cell(i)}' is not an ISO-8601 date or date-time (e.g. 2024-03-01 or 2024-03-01T13:45:00); give the column's format in the options or fix the cell.");
                    }
                }
            }
        }

        format ??= IsoFormats[0];
        DateTimeUnit unit = UnitOf(format);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = double.NaN;
            if (ctx.IsMissing(i) || ctx.IsBad(i))
            {
                continue;
            }

            string s = ctx.Cell(i).Trim();
            if (!TryParseDate(s, format, out DateTime d))
            {
                ctx.Fail(i, $"'{s}' does not parse as a date-time in the column's format '{format}'; fix the cell or leave it empty for a missing value.");
                continue;
            }

            values[i] = DateTimeColumn.FromDateTime(d, unit);
        }

        return new DateTimeColumn(ctx.Name, format, unit, values);
    }

    private static DateTimeUnit UnitOf(string format) =>
        format.Contains('f', StringComparison.Ordinal) ? DateTimeUnit.Millisecond
        : format.Contains('s', StringComparison.Ordinal) ? DateTimeUnit.Second
        : format.Contains('m', StringComparison.Ordinal) || format.Contains('H', StringComparison.Ordinal) || format.Contains('h', StringComparison.Ordinal) ? DateTimeUnit.Minute
        : DateTimeUnit.Day;

    private static string? DetectDateFormat(string s)
    {
        foreach (string f in IsoFormats)
        {
            if (TryParseDate(s, f, out _))
            {
                return f;
            }
        }

        return null;
    }

    private static bool TryParseDate(string s, string format, out DateTime value) =>
        DateTime.TryParseExact(s, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>Recognises boolean words. Strict (inference): true/false/yes/no. Declared: also t/f/y/n/1/0.</summary>
    internal static bool IsBooleanToken(string s, bool strict, out bool value)
    {
        switch (s.ToLowerInvariant())
        {
            case "true" or "yes":
                value = true;
                return true;
            case "false" or "no":
                value = false;
                return true;
            case "t" or "y" or "1" when !strict:
                value = true;
                return true;
            case "f" or "n" or "0" when !strict:
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>One column's view of the rows, with the skip/fail policy.</summary>
    private sealed class ColumnContext(
        string name, int index, IReadOnlyList<string[]> rows, IReadOnlyList<int> fileLines, IReadOnlyList<int> dataRows, SchemaOptions options, string? filePath, string?[] bad, string?[] badColumn)
    {
        private bool _treatBadAsMissing;

        public string Name => name;

        public IReadOnlyList<string[]> Rows => rows;

        public IReadOnlyList<int> FileLines => fileLines;

        public SchemaOptions Options => options;

        public string? FilePath => filePath;

        public string Cell(int row) => rows[row][index];

        public bool IsMissing(int row)
        {
            string s = rows[row][index];
            return string.IsNullOrWhiteSpace(s) || options.MissingTokens.Contains(s) || (_treatBadAsMissing && bad[row] is not null);
        }

        public bool IsBad(int row) => bad[row] is not null;

        public ColumnContext WithSkipAware()
        {
            _treatBadAsMissing = true;
            return this;
        }

        public void Fail(int row, string reason)
        {
            if (!options.SkipBadRows)
            {
                throw new TableFormatException(reason, dataRows[row], fileLines[row], name, filePath);
            }

            if (bad[row] is null)
            {
                bad[row] = reason;
                badColumn[row] = name;
            }
        }
    }
}
