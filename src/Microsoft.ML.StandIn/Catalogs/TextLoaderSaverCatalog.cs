using Microsoft.ML.Data;

namespace Microsoft.ML;

/// <summary>
/// Text loading and saving on <c>mlContext.Data</c>. Defaults follow ML.NET: separator tab, no header, no quoting, no trimming.
/// Empty float/double fields read as NaN (ML.NET's behaviour); empty integer fields as 0.
/// </summary>
public static class TextLoaderSaverCatalog
{
    /// <summary>Creates a text loader for explicit columns.</summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="columns">The columns.</param>
    /// <param name="separatorChar">The field separator.</param>
    /// <param name="hasHeader">Whether the first line of each file is a header.</param>
    /// <param name="dataSample">A sample used to size ranges that run to the end of the line.</param>
    /// <param name="allowQuoting">Whether fields may be quoted.</param>
    /// <param name="trimWhitespace">Whether to trim spaces around fields.</param>
    /// <param name="allowSparse">Sparse format (must be false in the stand-in).</param>
    /// <returns>The loader.</returns>
    public static TextLoader CreateTextLoader(this DataOperationsCatalog catalog, TextLoader.Column[] columns, char separatorChar = '\t',
        bool hasHeader = false, IMultiStreamSource? dataSample = null, bool allowQuoting = false, bool trimWhitespace = false, bool allowSparse = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(columns);
        return new TextLoader(catalog.Context, MakeOptions(columns, separatorChar, hasHeader, allowQuoting, trimWhitespace, allowSparse), dataSample);
    }

    /// <summary>Creates a text loader from options.</summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="options">The options.</param>
    /// <param name="dataSample">A sample used to size ranges that run to the end of the line.</param>
    /// <returns>The loader.</returns>
    public static TextLoader CreateTextLoader(this DataOperationsCatalog catalog, TextLoader.Options options, IMultiStreamSource? dataSample = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new TextLoader(catalog.Context, options, dataSample);
    }

    /// <summary>Creates a text loader whose columns come from the <see cref="LoadColumnAttribute"/>s of <typeparamref name="TInput"/>.</summary>
    /// <typeparam name="TInput">The row class.</typeparam>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="separatorChar">The field separator.</param>
    /// <param name="hasHeader">Whether the first line of each file is a header.</param>
    /// <param name="dataSample">A sample.</param>
    /// <param name="allowQuoting">Whether fields may be quoted.</param>
    /// <param name="trimWhitespace">Whether to trim spaces around fields.</param>
    /// <param name="allowSparse">Sparse format (must be false in the stand-in).</param>
    /// <returns>The loader.</returns>
    /// <exception cref="InvalidOperationException">A member lacks <see cref="LoadColumnAttribute"/> or has an unsupported type; the message names it.</exception>
    public static TextLoader CreateTextLoader<TInput>(this DataOperationsCatalog catalog, char separatorChar = '\t', bool hasHeader = false,
        IMultiStreamSource? dataSample = null, bool allowQuoting = false, bool trimWhitespace = false, bool allowSparse = false)
        => CreateTextLoader(catalog, MakeOptions(TextColumnsFromType.Create(typeof(TInput)), separatorChar, hasHeader, allowQuoting, trimWhitespace, allowSparse), dataSample);

    /// <summary>Creates a text loader from options whose columns come from <typeparamref name="TInput"/> (options.Columns is ignored).</summary>
    /// <typeparam name="TInput">The row class.</typeparam>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="options">The options.</param>
    /// <param name="dataSample">A sample.</param>
    /// <returns>The loader.</returns>
    public static TextLoader CreateTextLoader<TInput>(this DataOperationsCatalog catalog, TextLoader.Options options, IMultiStreamSource? dataSample = null)
        => CreateTextLoader(catalog, WithColumns(options, TextColumnsFromType.Create(typeof(TInput))), dataSample);

    /// <summary>Loads a text file with explicit columns; the view reads the file lazily, again for each cursor.</summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="path">The file path.</param>
    /// <param name="columns">The columns.</param>
    /// <param name="separatorChar">The field separator.</param>
    /// <param name="hasHeader">Whether the first line is a header.</param>
    /// <param name="allowQuoting">Whether fields may be quoted.</param>
    /// <param name="trimWhitespace">Whether to trim spaces around fields.</param>
    /// <param name="allowSparse">Sparse format (must be false in the stand-in).</param>
    /// <returns>The data.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The file does not exist (the message names the path).</exception>
    public static IDataView LoadFromTextFile(this DataOperationsCatalog catalog, string path, TextLoader.Column[] columns, char separatorChar = '\t',
        bool hasHeader = false, bool allowQuoting = false, bool trimWhitespace = false, bool allowSparse = false)
    {
        CheckPath(path);
        var source = new MultiFileSource(path);
        return CreateTextLoader(catalog, columns, separatorChar, hasHeader, source, allowQuoting, trimWhitespace, allowSparse).Load(source);
    }

    /// <summary>Loads a text file with options.</summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="path">The file path.</param>
    /// <param name="options">The options (columns required in the stand-in).</param>
    /// <returns>The data.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The file does not exist (the message names the path).</exception>
    public static IDataView LoadFromTextFile(this DataOperationsCatalog catalog, string path, TextLoader.Options? options = null)
    {
        CheckPath(path);
        var source = new MultiFileSource(path);
        return CreateTextLoader(catalog, options ?? new TextLoader.Options(), source).Load(source);
    }

    /// <summary>Loads a text file into the columns described by <typeparamref name="TInput"/>'s <see cref="LoadColumnAttribute"/>s.</summary>
    /// <typeparam name="TInput">The row class.</typeparam>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="path">The file path.</param>
    /// <param name="separatorChar">The field separator.</param>
    /// <param name="hasHeader">Whether the first line is a header.</param>
    /// <param name="allowQuoting">Whether fields may be quoted.</param>
    /// <param name="trimWhitespace">Whether to trim spaces around fields.</param>
    /// <param name="allowSparse">Sparse format (must be false in the stand-in).</param>
    /// <returns>The data.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The file does not exist (the message names the path).</exception>
    public static IDataView LoadFromTextFile<TInput>(this DataOperationsCatalog catalog, string path, char separatorChar = '\t',
        bool hasHeader = false, bool allowQuoting = false, bool trimWhitespace = false, bool allowSparse = false)
    {
        CheckPath(path);
        var source = new MultiFileSource(path);
        return CreateTextLoader<TInput>(catalog, separatorChar, hasHeader, source, allowQuoting, trimWhitespace, allowSparse).Load(source);
    }

    /// <summary>Loads a text file into the columns described by <typeparamref name="TInput"/>, with options.</summary>
    /// <typeparam name="TInput">The row class.</typeparam>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="path">The file path.</param>
    /// <param name="options">The options (their Columns are ignored).</param>
    /// <returns>The data.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The file does not exist (the message names the path).</exception>
    public static IDataView LoadFromTextFile<TInput>(this DataOperationsCatalog catalog, string path, TextLoader.Options options)
    {
        CheckPath(path);
        var source = new MultiFileSource(path);
        return CreateTextLoader<TInput>(catalog, options ?? new TextLoader.Options(), source).Load(source);
    }

    /// <summary>
    /// Writes <paramref name="data"/> as delimited text: an optional <c>#@ TextLoader{…}</c> schema block, an optional header row, then one
    /// line per row. Vectors are written densely. Text is quoted when it contains the separator, a quote or a line break, or is empty.
    /// Reals use the shortest round-trip form, NaN as <c>NaN</c>. The stream is left open.
    /// </summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="data">The data.</param>
    /// <param name="stream">A writable stream.</param>
    /// <param name="separatorChar">The separator.</param>
    /// <param name="headerRow">Whether to write column names.</param>
    /// <param name="schema">Whether to write the schema block.</param>
    /// <param name="keepHidden">Whether to write hidden columns.</param>
    /// <param name="forceDense">Ignored: the stand-in always writes densely.</param>
    public static void SaveAsText(this DataOperationsCatalog catalog, IDataView data, Stream stream, char separatorChar = '\t',
        bool headerRow = true, bool schema = true, bool keepHidden = false, bool forceDense = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(stream);
        TextSaver.Save(data, stream, separatorChar, headerRow, schema, keepHidden);
    }

    private static void CheckPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new ArgumentOutOfRangeException(nameof(path), path, $"File does not exist at path: {path}");
    }

    private static TextLoader.Options MakeOptions(TextLoader.Column[] columns, char separatorChar, bool hasHeader, bool allowQuoting, bool trimWhitespace, bool allowSparse)
        => new()
        {
            Columns = columns,
            Separators = [separatorChar],
            HasHeader = hasHeader,
            AllowQuoting = allowQuoting,
            TrimWhitespace = trimWhitespace,
            AllowSparse = allowSparse,
        };

    private static TextLoader.Options WithColumns(TextLoader.Options options, TextLoader.Column[] columns)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TextLoader.Options
        {
            AllowQuoting = options.AllowQuoting,
            AllowSparse = options.AllowSparse,
            InputSize = options.InputSize,
            Separators = options.Separators,
            DecimalMarker = options.DecimalMarker,
            Columns = columns,
            TrimWhitespace = options.TrimWhitespace,
            HasHeader = options.HasHeader,
            UseThreads = options.UseThreads,
            ReadMultilines = options.ReadMultilines,
            HeaderFile = options.HeaderFile,
            MaxRows = options.MaxRows,
            EscapeChar = options.EscapeChar,
            MissingRealsAsNaNs = options.MissingRealsAsNaNs,
        };
    }
}
