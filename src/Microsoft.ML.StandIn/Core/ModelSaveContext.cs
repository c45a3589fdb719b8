using System.IO.Compression;
using Microsoft.ML.Data;

namespace Microsoft.ML;

/// <summary>
/// The context a component saves itself into. As in ML.NET, everything except <see cref="Dispose"/> is internal: code outside
/// ML.NET cannot write through it. The stand-in's internal mechanism for saving external transformers is described in
/// <c>ModelFileFormat</c> and the README.
/// </summary>
public sealed partial class ModelSaveContext : IDisposable
{
    private readonly ZipArchive _archive;
    private readonly string _directory;

    internal ModelSaveContext(ZipArchive archive, string directory)
    {
        _archive = archive;
        _directory = directory;
    }

    /// <summary>Ends the save; the stand-in's context owns nothing that needs releasing.</summary>
    public void Dispose()
    {
    }

    /// <summary>Writes a chain: its member count and scopes, then each member in its own sub-directory.</summary>
    internal void SaveChain(ITransformer[] transformers, TransformerScope[] scopes)
    {
        ModelFileFormat.WriteText(_archive, _directory + ModelFileFormat.LoaderEntry, ModelFileFormat.ChainLoader);
        ModelFileFormat.WriteText(_archive, _directory + ModelFileFormat.ChainEntry,
            string.Join("\n", scopes.Select(s => ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        for (int i = 0; i < transformers.Length; i++)
            ModelFileFormat.SaveTransformer(_archive, ModelFileFormat.ChildDirectory(_directory, i), transformers[i]);
    }
}
