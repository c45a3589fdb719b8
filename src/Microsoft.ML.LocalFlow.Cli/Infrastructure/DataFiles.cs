using Microsoft.ML.LocalFlow.Cli.Parsing;
using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Csv;

namespace Microsoft.ML.LocalFlow.Cli.Infrastructure;

/// <summary>Reads the CSV inputs of the commands through the tabular layer and turns the CLI's options into its settings.</summary>
internal static class DataFiles
{
    /// <summary>The kind names <c>--column-kind</c> accepts, lower-case.</summary>
    public static IEnumerable<string> KindNames => Enum.GetNames<ColumnKind>().Select(n => n.ToLowerInvariant());

    /// <summary>Builds the tabular layer's schema options from <c>--column-kind</c> and <c>--skip-bad-rows</c>.</summary>
    /// <param name="columnKinds">The <c>COLUMN=KIND</c> overrides.</param>
    /// <param name="skipBadRows">Drop rows with a bad cell instead of failing (the count is reported).</param>
    /// <exception cref="CliException">A kind name is unknown (exit code 2).</exception>
    public static SchemaOptions SchemaOptionsFor(IEnumerable<ColumnAssignment> columnKinds, bool skipBadRows)
    {
        var options = new SchemaOptions { SkipBadRows = skipBadRows };
        foreach (ColumnAssignment assignment in columnKinds)
        {
            // Enum.TryParse also accepts digits ("2"): only names are meaningful on a command line.
            if (!Enum.TryParse(assignment.Value, ignoreCase: true, out ColumnKind kind)
                || !Enum.IsDefined(kind)
                || assignment.Value.Length == 0
                || char.IsDigit(assignment.Value[0]))
            {
                throw CliException.Usage($"--column-kind '{assignment}': '{assignment.Value}' is not one of {string.Join(", ", KindNames)}");
            }

            options.Kinds[assignment.Column] = kind;
        }

        return options;
    }

    /// <summary>Reads a CSV table, reporting skipped rows (if the user allowed skipping) on stderr.</summary>
    /// <param name="path">The file as the user typed it.</param>
    /// <param name="role">What it is ("data", "real data"), for messages.</param>
    /// <param name="options">Schema options; null for inference with the defaults.</param>
    /// <param name="context">Where the skipped-row note goes.</param>
    /// <returns>The table and how it was read (BOM, line ending: the synthetic CSV copies them).</returns>
    /// <exception cref="CliException">The file does not exist.</exception>
    /// <exception cref="TableFormatException">The content is bad; the message names the row, line and column.</exception>
    public static CsvReadResult Read(string path, string role, SchemaOptions? options, CliContext context)
    {
        InputFiles.RequireFile(path, role);
        CsvReadResult result = TableCsv.ReadDetailed(path, options);
        if (result.SkippedRows.Count > 0)
        {
            // Skipping was asked for explicitly; it is never silent.
            context.Stderr.WriteLine($"lfm: skipped {result.SkippedRows.Count} bad row(s) of '{path}' (--skip-bad-rows); first: {result.SkippedRows[0]}");
        }

        return result;
    }
}
