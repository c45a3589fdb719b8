namespace Microsoft.ML.Data;

/// <summary>An ordered set of streams (usually files) that a loader reads one after another.</summary>
public interface IMultiStreamSource
{
    /// <summary>The number of streams.</summary>
    int Count { get; }

    /// <summary>The path of stream <paramref name="index"/>, or <see langword="null"/> when it has none.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <returns>The path or null.</returns>
    string? GetPathOrNull(int index);

    /// <summary>Opens stream <paramref name="index"/> for reading.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <returns>The stream; the caller disposes it.</returns>
    Stream Open(int index);

    /// <summary>Opens stream <paramref name="index"/> as text.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <returns>The reader; the caller disposes it.</returns>
    TextReader OpenTextReader(int index);
}
