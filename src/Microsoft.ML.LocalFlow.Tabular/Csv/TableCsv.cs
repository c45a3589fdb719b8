using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Microsoft.ML.LocalFlow.Tabular.Csv;

/// <summary>
/// Reads and writes tables as RFC-4180 CSV with CsvHelper: comma separated, quoted fields, UTF-8 with or without BOM,
/// LF or CRLF, culture-invariant numbers ('.' decimal point). Empty cells are missing values. Column order, names
/// and number formats are kept. Every bad input throws a <see cref="TableFormatException"/> naming the data row,
/// file line and column; nothing is dropped unless <see cref="SchemaOptions.SkipBadRows"/> asks for it.
/// </summary>
public static class TableCsv
{
    /// <summary>Reads a CSV file into a typed table.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Kind overrides and inference rules; null = defaults.</param>
    /// <exception cref="TableFormatException">The file is empty, has no rows, a ragged row, an empty column, or a bad cell.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static Table Read(string path, SchemaOptions? options = null) => ReadDetailed(path, options).Table;

    /// <summary>Reads a CSV file and also returns skipped rows, BOM and line ending.</summary>
    /// <inheritdoc cref="Read(string, SchemaOptions?)"/>
    public static CsvReadResult ReadDetailed(string path, SchemaOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var bom = new byte[3];
        int got = stream.ReadAtLeast(bom, 3, throwOnEndOfStream: false);
        bool hasBom = got == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF;
        stream.Position = 0;
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return ReadDetailed(reader, options, path, hasBom);
    }

    /// <summary>Reads CSV text into a typed table.</summary>
    /// <param name="reader">The text (BOM already removed by the reader).</param>
    /// <param name="options">Kind overrides and inference rules; null = defaults.</param>
    /// <param name="sourceName">Name used in error messages (e.g. the file path); may be null.</param>
    /// <exception cref="TableFormatException">The input is empty, has no rows, a ragged row, an empty column, or a bad cell.</exception>
    public static Table Read(TextReader reader, SchemaOptions? options = null, string? sourceName = null) =>
        ReadDetailed(reader, options, sourceName, hasBom: false).Table;

    private static CsvReadResult ReadDetailed(TextReader reader, SchemaOptions? options, string? source, bool hasBom)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new SchemaOptions();
        var peek = new NewLineSniffer(reader);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = ",",
            HasHeaderRecord = true,
            IgnoreBlankLines = false, // a blank line is a row (ragged, or one missing cell); never silently skipped
            DetectDelimiter = false,
            TrimOptions = TrimOptions.None,
            Mode = CsvMode.RFC4180,
            BadDataFound = null,
        };

        string[]? header = null;
        var rows = new List<string[]>();
        var lines = new List<int>();
        var dataRows = new List<int>();
        var skipped = new List<SkippedRow>();
        using (var parser = new CsvParser(peek, config, leaveOpen: true))
        {
            int nextLine = 1;
            try
            {
                while (parser.Read())
                {
                    int line = nextLine;
                    nextLine = parser.RawRow + 1;
                    string[] record = parser.Record ?? [];
                    if (header is null)
                    {
                        header = ValidateHeader(record, line, source);
                        continue;
                    }

                    int dataRow = rows.Count + skipped.Count + 1;
                    if (record.Length != header.Length)
                    {
                        string reason = record.Length == 1 && record[0].Length == 0
                            ? $"the line is blank but the header has {header.Length} columns; remove the blank line."
                            : $"the row has {record.Length} fields but the header has {header.Length}; check for an unquoted comma or a missing field.";
                        if (!options.SkipBadRows)
                        {
                            throw new TableFormatException(reason, dataRow, line, record.Length > header.Length ? null : header[Math.Max(0, record.Length)], source);
                        }

                        skipped.Add(new SkippedRow(dataRow, line, null, reason));
                        continue;
                    }

                    rows.Add(record);
                    lines.Add(line);
                    dataRows.Add(dataRow);
                }
            }
            catch (CsvHelperException ex)
            {
                throw new TableFormatException($"the CSV text is malformed ({ex.GetType().Name}): {FirstLine(ex.Message)}", null, nextLine, null, source, ex);
            }
        }

        if (header is null)
        {
            throw new TableFormatException("the file is empty: a header line with column names is expected.", null, null, null, source);
        }

        if (rows.Count == 0)
        {
            throw new TableFormatException(
                skipped.Count == 0 ? "the file has a header but no data rows." : $"every data row was skipped ({skipped.Count}); first: {skipped[0]}",
                null, null, null, source);
        }

        var inner = new List<SkippedRow>();
        Table table = TextTableBuilder.Build(header, rows, lines, dataRows, options, source, inner);
        skipped.AddRange(inner);
        skipped.Sort((a, b) => a.DataRow.CompareTo(b.DataRow));
        return new CsvReadResult(table, skipped, hasBom, peek.NewLine ?? "\n");
    }

    private static string FirstLine(string s)
    {
        int i = s.IndexOfAny(['\r', '\n']);
        return i < 0 ? s : s[..i];
    }

    private static string[] ValidateHeader(string[] record, int line, string? source)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < record.Length; j++)
        {
            string name = record[j];
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new TableFormatException($"header field {j + 1} is empty; every column needs a name.", null, line, null, source);
            }

            if (!seen.TryAdd(name, j))
            {
                throw new TableFormatException($"the header names column '{name}' twice (fields {seen[name] + 1} and {j + 1}).", null, line, name, source);
            }
        }

        return record;
    }

    /// <summary>
    /// Writes <paramref name="table"/> to <paramref name="path"/> atomically: into a temporary file in the same folder,
    /// then renamed over the target, so a crash never leaves a half-written file.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="path">The target file (replaced if present).</param>
    /// <param name="options">Line ending and BOM; null = LF, no BOM.</param>
    public static void Write(Table table, string path, CsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrEmpty(path);
        WriteAtomically(path, options, w => Write(table, w, options));
    }

    /// <summary>
    /// Writes tables produced one after another (e.g. generated in chunks) to one file atomically; the header is written
    /// once, from the first table; every chunk must have the same column names.
    /// </summary>
    public static void Write(IEnumerable<Table> chunks, string path, CsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentException.ThrowIfNullOrEmpty(path);
        WriteAtomically(path, options, w =>
        {
            string[]? names = null;
            using var csv = new CsvWriter(w, WriterConfig(options), leaveOpen: true);
            foreach (Table t in chunks)
            {
                if (names is null)
                {
                    names = t.Columns.Select(c => c.Name).ToArray();
                    WriteHeader(csv, t);
                }
                else if (!names.SequenceEqual(t.Columns.Select(c => c.Name)))
                {
                    throw new ArgumentException("Every chunk must have the same columns as the first.", nameof(chunks));
                }

                WriteRows(csv, t);
            }

            csv.Flush();
        });
    }

    /// <summary>Writes <paramref name="table"/> as CSV text (header, then rows; missing cells empty).</summary>
    public static void Write(Table table, TextWriter writer, CsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(writer);
        using var csv = new CsvWriter(writer, WriterConfig(options), leaveOpen: true);
        WriteHeader(csv, table);
        WriteRows(csv, table);
        csv.Flush();
    }

    /// <summary>The table as CSV text.</summary>
    public static string ToCsvString(Table table, CsvWriteOptions? options = null)
    {
        using var w = new StringWriter(CultureInfo.InvariantCulture);
        Write(table, w, options);
        return w.ToString();
    }

    /// <summary>Reads CSV text held in a string.</summary>
    public static Table Parse(string csvText, SchemaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(csvText);
        using var r = new StringReader(csvText);
        return Read(r, options);
    }

    private static CsvConfiguration WriterConfig(CsvWriteOptions? options) => new(CultureInfo.InvariantCulture)
    {
        Delimiter = ",",
        NewLine = options?.NewLine ?? "\n",
        HasHeaderRecord = true,
        Mode = CsvMode.RFC4180,
    };

    private static void WriteHeader(CsvWriter csv, Table table)
    {
        foreach (TableColumn c in table.Columns)
        {
            csv.WriteField(c.Name);
        }

        csv.NextRecord();
    }

    private static void WriteRows(CsvWriter csv, Table table)
    {
        for (int i = 0; i < table.RowCount; i++)
        {
            for (int j = 0; j < table.ColumnCount; j++)
            {
                csv.WriteField(table.GetCellText(i, j) ?? string.Empty);
            }

            csv.NextRecord();
        }
    }

    private static void WriteAtomically(string path, CsvWriteOptions? options, Action<TextWriter> write)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        string tmp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var w = new StreamWriter(stream, new UTF8Encoding(options?.WriteByteOrderMark ?? false)))
            {
                write(w);
                w.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp))
            {
                File.Delete(tmp);
            }
        }
    }

    /// <summary>Passes text through while noting the first line ending (LF or CRLF).</summary>
    private sealed class NewLineSniffer(TextReader inner) : TextReader
    {
        private bool _sawCr;

        public string? NewLine { get; private set; }

        public override int Peek() => inner.Peek();

        public override int Read()
        {
            int c = inner.Read();
            Note(c);
            return c;
        }

        public override int Read(char[] buffer, int index, int count)
        {
            int n = inner.Read(buffer, index, count);
            if (NewLine is null)
            {
                for (int i = index; i < index + n && NewLine is null; i++)
                {
                    Note(buffer[i]);
                }
            }

            return n;
        }

        public override int Read(Span<char> buffer)
        {
            int n = inner.Read(buffer);
            for (int i = 0; i < n && NewLine is null; i++)
            {
                Note(buffer[i]);
            }

            return n;
        }

        private void Note(int c)
        {
            if (NewLine is not null)
            {
                return;
            }

            if (c == '\n')
            {
                NewLine = _sawCr ? "\r\n" : "\n";
            }

            _sawCr = c == '\r';
        }
    }
}
