namespace Microsoft.ML.LocalFlow.Tabular;

/// <summary>
/// How column kinds are inferred from text, and the user's overrides. The inference rules, in order, for a column's
/// non-empty cells:
/// <list type="number">
/// <item>all cells are true/false or yes/no (any casing) → <see cref="ColumnKind.Boolean"/>;</item>
/// <item>all cells are numbers: with a point or exponent in some cell → <see cref="ColumnKind.Continuous"/>; else whole numbers whose
/// distinct values are exactly 0..K-1 or 1..K with 2 ≤ K ≤ <see cref="MaxCodeLevels"/> (class codes such as 0/1/2) →
/// <see cref="ColumnKind.Categorical"/>; else → <see cref="ColumnKind.Integer"/> (so years 2007..2009 stay Integer);</item>
/// <item>all cells parse as one ISO-8601 format (yyyy-MM-dd, yyyy-MM-ddTHH:mm[:ss[.fff]], with 'T' or a space, optional Z) →
/// <see cref="ColumnKind.DateTime"/>;</item>
/// <item>otherwise text: <see cref="ColumnKind.Categorical"/> when it has at most <see cref="MaxCategoricalLevels"/> levels and
/// (at most <see cref="AlwaysCategoricalLevels"/> levels, or at most <see cref="MaxLevelRatio"/> × non-empty cells); else an error
/// that suggests declaring the column (an identifier or free text is not a category).</item>
/// </list>
/// A column whose cells are mostly (more than half) numbers or dates but not all is an error naming the first bad cell:
/// a typo is far likelier than a text column of numbers. NaN and ±Infinity texts are errors where numbers are expected.
/// Only empty cells (or cells of blanks) are missing, unless <see cref="MissingTokens"/> adds more.
/// </summary>
public sealed class SchemaOptions
{
    /// <summary>Kinds declared by the user, by column name (ordinal). Unknown names are an error.</summary>
    public IDictionary<string, ColumnKind> Kinds { get; } = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);

    /// <summary>Explicit .NET date-time formats for DateTime columns, by column name (otherwise the ISO formats are tried).</summary>
    public IDictionary<string, string> DateTimeFormats { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Extra cell texts that mean "missing" besides the empty cell, e.g. "NA" (matched exactly).</summary>
    public ISet<string> MissingTokens { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Most levels an inferred text column may have to be categorical (default 1000).</summary>
    public int MaxCategoricalLevels { get; set; } = 1000;

    /// <summary>A text column with at most this many levels is categorical whatever the row count (default 20).</summary>
    public int AlwaysCategoricalLevels { get; set; } = 20;

    /// <summary>Otherwise levels must be at most this share of the non-empty cells (default 0.5; a level per row fails).</summary>
    public double MaxLevelRatio { get; set; } = 0.5;

    /// <summary>Whole-number columns coded 0..K-1 or 1..K with K at most this are categorical codes (default 10).</summary>
    public int MaxCodeLevels { get; set; } = 10;

    /// <summary>
    /// Options that read another file with the kinds of <paramref name="schema"/> (e.g. a synthetic CSV to compare with the
    /// real table it imitates); columns of the file not in the schema are still inferred.
    /// </summary>
    public static SchemaOptions FromSchema(TableSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var o = new SchemaOptions();
        foreach (ColumnSchema c in schema)
        {
            o.Kinds[c.Name] = c.Kind;
        }

        return o;
    }

    /// <summary>Drop rows with a bad cell (ragged, unparsable) instead of failing; the count is reported. Default false.</summary>
    public bool SkipBadRows { get; set; }
}
