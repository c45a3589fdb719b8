using Spectre.Console;

namespace Microsoft.ML.LocalFlow.Cli.Rendering;

/// <summary>Table styling shared by the commands: rounded borders on a terminal, ASCII in logs and pipes.</summary>
internal static class Tables
{
    /// <summary>A table with the given column headers, styled for <paramref name="interactive"/>.</summary>
    public static Table Create(bool interactive, string? title, params string[] headers)
    {
        var table = new Table { Border = interactive ? TableBorder.Rounded : TableBorder.Ascii };
        if (title is not null)
        {
            table.Title = new TableTitle(Markup.Escape(title));
        }

        foreach (string header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        }

        return table;
    }

    /// <summary>Adds a row of plain (escaped) texts.</summary>
    public static void AddRow(Table table, params string[] cells) => table.AddRow(cells.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c)).ToArray());
}
