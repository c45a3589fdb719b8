namespace Microsoft.ML.LocalFlow.Tabular;

/// <summary>
/// A <see cref="ColumnKind.Categorical"/> or <see cref="ColumnKind.Boolean"/> column: each cell is a code into
/// <see cref="Levels"/> (the levels' original text), or -1 when missing.
/// </summary>
public sealed class CategoricalColumn : TableColumn
{
    private readonly int[] _codes;
    private readonly string[] _levels;
    private Dictionary<string, int>? _levelIndex;

    /// <summary>Creates a categorical column; the arrays are taken as they are (not copied).</summary>
    /// <param name="name">Column name.</param>
    /// <param name="kind"><see cref="ColumnKind.Categorical"/> or <see cref="ColumnKind.Boolean"/>.</param>
    /// <param name="levels">Distinct, non-empty level texts.</param>
    /// <param name="codes">Per cell: index into <paramref name="levels"/>, or -1 for missing.</param>
    /// <exception cref="ArgumentException">Wrong kind, duplicate or empty levels, or a code out of range.</exception>
    public CategoricalColumn(string name, ColumnKind kind, string[] levels, int[] codes)
        : base(name, kind, codes?.Length ?? 0)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(codes);
        if (kind is not (ColumnKind.Categorical or ColumnKind.Boolean))
        {
            throw new ArgumentException($"A CategoricalColumn is Categorical or Boolean, not {kind}.", nameof(kind));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string l in levels)
        {
            if (string.IsNullOrEmpty(l) || !seen.Add(l))
            {
                throw new ArgumentException($"Column '{name}': level '{l}' is empty or repeated.", nameof(levels));
            }
        }

        for (int i = 0; i < codes.Length; i++)
        {
            if (codes[i] < -1 || codes[i] >= levels.Length)
            {
                throw new ArgumentException($"Column '{name}': code {codes[i]} at row {i + 1} is outside -1..{levels.Length - 1}.", nameof(codes));
            }
        }

        _levels = levels;
        _codes = codes;
    }

    /// <summary>The level texts; a code indexes this list.</summary>
    public IReadOnlyList<string> Levels => _levels;

    /// <summary>Per cell: index into <see cref="Levels"/>, -1 = missing.</summary>
    public ReadOnlySpan<int> Codes => _codes;

    /// <summary>The code of cell <paramref name="row"/>, -1 when missing.</summary>
    public int this[int row] => _codes[row];

    /// <summary>Index of level <paramref name="level"/> or -1 when it is not a level.</summary>
    public int IndexOfLevel(string level)
    {
        _levelIndex ??= _levels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        return _levelIndex.TryGetValue(level, out int i) ? i : -1;
    }

    /// <inheritdoc/>
    public override bool IsMissing(int row) => _codes[row] < 0;

    /// <inheritdoc/>
    public override string? FormatCell(int row) => _codes[row] < 0 ? null : _levels[_codes[row]];

    /// <inheritdoc/>
    public override TableColumn SelectRows(ReadOnlySpan<int> rows)
    {
        var c = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            c[i] = _codes[rows[i]];
        }

        return new CategoricalColumn(Name, Kind, _levels, c);
    }

    /// <inheritdoc/>
    public override TableColumn Rename(string name) => new CategoricalColumn(name, Kind, _levels, _codes);
}
