using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Microsoft.ML;

/// <summary>
/// Saving and loading models, reached as <c>mlContext.Model</c>. The file is a zip holding the input schema and the transformer.
/// See the stand-in README for how an external transformer takes part (ML.NET's own mechanism is internal).
/// </summary>
public sealed class ModelOperationsCatalog : IInternalCatalog
{
    private readonly MLContext _context;

    internal ModelOperationsCatalog(MLContext context)
    {
        _context = context;
    }

    IHostEnvironment IInternalCatalog.Environment => _context;

    /// <summary>Saves <paramref name="model"/> and the schema of the data it expects to <paramref name="stream"/>.</summary>
    /// <param name="model">The transformer (a chain, or a transformer that supports saving).</param>
    /// <param name="inputSchema">The schema of the data the model was fitted on.</param>
    /// <param name="stream">A writable stream; left open.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="NotSupportedException">The transformer (or a chain member) cannot be saved; the message names its type.</exception>
    public void Save(ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
            throw new ArgumentException("The stream is not writable.", nameof(stream));
        ModelFileFormat.Save(model, inputSchema, stream);
    }

    /// <summary>
    /// Saves to a file atomically: the model is written to a temporary file in the same directory, flushed, and renamed over
    /// <paramref name="filePath"/>, so readers never see a half-written model.
    /// </summary>
    /// <param name="model">The transformer.</param>
    /// <param name="inputSchema">The schema of the data the model was fitted on.</param>
    /// <param name="filePath">The destination path.</param>
    /// <exception cref="ArgumentException"><paramref name="filePath"/> is empty.</exception>
    public void Save(ITransformer model, DataViewSchema inputSchema, string filePath)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        string full = Path.GetFullPath(filePath);
        string temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Save(model, inputSchema, stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    /// <summary>Loads a model saved by <see cref="Save(ITransformer, DataViewSchema, Stream)"/>.</summary>
    /// <param name="stream">A readable stream positioned at the model; left open.</param>
    /// <param name="inputSchema">Receives the schema the model expects.</param>
    /// <returns>The transformer, of the same type that was saved.</returns>
    /// <exception cref="FormatException">The stream is not a model file, or names a transformer type that cannot be loaded.</exception>
    public ITransformer Load(Stream stream, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ModelFileFormat.Load(stream, _context, out inputSchema);
    }

    /// <summary>Loads a model from a file.</summary>
    /// <param name="filePath">The path.</param>
    /// <param name="inputSchema">Receives the schema the model expects.</param>
    /// <returns>The transformer.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The file is not a model file.</exception>
    public ITransformer Load(string filePath, out DataViewSchema inputSchema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        using var stream = File.OpenRead(filePath);
        return Load(stream, out inputSchema);
    }
}
