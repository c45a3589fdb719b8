namespace Microsoft.ML.Data;

/// <summary>An <see cref="IMultiStreamSource"/> over files on disk.</summary>
public sealed class MultiFileSource : IMultiStreamSource
{
    private readonly string[] _paths;

    /// <summary>Creates a source over <paramref name="paths"/> (null or no paths = no streams).</summary>
    /// <param name="paths">The file paths, read in order.</param>
    public MultiFileSource(params string[] paths)
    {
        _paths = paths is null ? [] : paths.Where(p => p is not null).ToArray();
    }

    /// <summary>The number of files.</summary>
    public int Count => _paths.Length;

    /// <summary>The path of file <paramref name="index"/>.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <returns>The path.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    public string? GetPathOrNull(int index)
    {
        if ((uint)index >= (uint)_paths.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Must be in [0, {_paths.Length}).");
        return _paths[index];
    }

    /// <summary>Opens file <paramref name="index"/>.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <returns>The stream.</returns>
    public Stream Open(int index) => File.OpenRead(GetPathOrNull(index)!);

    /// <summary>Opens file <paramref name="index"/> as UTF-8 text (BOM detected).</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <returns>The reader.</returns>
    public TextReader OpenTextReader(int index) => new StreamReader(Open(index), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
}
