using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.Data;

/// <summary>
/// The stand-in's model file: a zip archive.
/// <list type="bullet">
/// <item><c>StandInModel.txt</c>: format marker and version.</item>
/// <item><c>Schema/Schema.txt</c>: the input schema, one line per column: escaped name, TAB, <see cref="TypeCodec"/> type.</item>
/// <item><c>Model/Loader.txt</c>: <c>TransformerChain</c>, or <c>Type:{FullName}, {AssemblyName}</c> for an external transformer.</item>
/// <item>Chain: <c>Model/Chain.txt</c> (one scope per line) and members under <c>Model/Transform_000/</c>, ….</item>
/// <item>External transformer: <c>Model/Data.bin</c>, the bytes its <c>SaveModel(Stream)</c> wrote.</item>
/// </list>
/// ML.NET writes a different zip through the internal members of ModelSaveContext and loads through its internal
/// [LoadableClass] registry; neither is open to third parties. The stand-in instead recognises, by reflection, a transformer type
/// that declares (with any accessibility) an instance <c>void SaveModel(System.IO.Stream)</c> and a static
/// <c>LoadModel(Microsoft.ML.Runtime.IHostEnvironment, System.IO.Stream)</c> returning an <see cref="ITransformer"/>.
/// Both use only public ML.NET types, so such a transformer compiles unchanged against the real package.
/// </summary>
internal static class ModelFileFormat
{
    internal const string MarkerEntry = "StandInModel.txt";
    internal const string Marker = "Microsoft.ML.StandIn model";
    internal const int Version = 1;
    internal const string SchemaEntry = "Schema/Schema.txt";
    internal const string ModelDirectory = "Model/";
    internal const string LoaderEntry = "Loader.txt";
    internal const string ChainEntry = "Chain.txt";
    internal const string DataEntry = "Data.bin";
    internal const string ChainLoader = "TransformerChain";
    internal const string TypeLoaderPrefix = "Type:";
    internal const string SaveMethodName = "SaveModel";
    internal const string LoadMethodName = "LoadModel";

    internal static string ChildDirectory(string directory, int index) => $"{directory}Transform_{index.ToString("D3", CultureInfo.InvariantCulture)}/";

    internal static void Save(ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        WriteText(archive, MarkerEntry, $"{Marker}\n{Version.ToString(CultureInfo.InvariantCulture)}");
        var schema = new StringBuilder();
        foreach (var column in inputSchema)
            schema.Append(TypeCodec.Escape(column.Name)).Append('\t').Append(TypeCodec.Write(column.Type, column.Name)).Append('\n');
        WriteText(archive, SchemaEntry, schema.ToString());
        SaveTransformer(archive, ModelDirectory, model);
    }

    internal static ITransformer Load(Stream stream, IHostEnvironment env, out DataViewSchema inputSchema)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new FormatException("The stream is not a model file (not a zip archive).", e);
        }
        using (archive)
        {
            var marker = ReadText(archive, MarkerEntry).Split('\n');
            if (marker[0] != Marker || marker.Length < 2 || !int.TryParse(marker[1], CultureInfo.InvariantCulture, out int version) || version > Version)
                throw new FormatException($"Unsupported model file: marker '{string.Join(" ", marker)}' (this stand-in reads '{Marker}' version ≤ {Version}).");
            var builder = new DataViewSchema.Builder();
            foreach (var line in ReadText(archive, SchemaEntry).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                int tab = line.LastIndexOf('\t');
                if (tab < 0)
                    throw new FormatException($"Bad schema line '{line}' in the model file.");
                builder.AddColumn(TypeCodec.Unescape(line[..tab]), TypeCodec.Read(line[(tab + 1)..]));
            }
            inputSchema = builder.ToSchema();
            return LoadTransformer(archive, ModelDirectory, env);
        }
    }

    internal static void SaveTransformer(ZipArchive archive, string directory, ITransformer transformer)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        if (transformer is ITransformerChainAccessor)
        {
            using var ctx = new ModelSaveContext(archive, directory);
            transformer.Save(ctx);
            return;
        }
        var type = transformer.GetType();
        var save = FindSave(type);
        if (save is null || FindLoad(type) is null)
            throw new NotSupportedException(
                $"Transformer type '{type.FullName}' cannot be saved by the Microsoft.ML stand-in: it must declare an instance method " +
                $"'void {SaveMethodName}(Stream)' and a static method '{LoadMethodName}(IHostEnvironment, Stream)' returning the transformer.");
        WriteText(archive, directory + LoaderEntry, TypeLoaderPrefix + type.FullName + ", " + type.Assembly.GetName().Name);
        var entry = archive.CreateEntry(directory + DataEntry, CompressionLevel.Fastest);
        using var data = entry.Open();
        try
        {
            save.Invoke(transformer, [data]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
        }
    }

    private static ITransformer LoadTransformer(ZipArchive archive, string directory, IHostEnvironment env)
    {
        string loader = ReadText(archive, directory + LoaderEntry).Trim();
        if (loader == ChainLoader)
        {
            var scopes = ReadText(archive, directory + ChainEntry).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => (TransformerScope)int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            var members = new ITransformer[scopes.Length];
            for (int i = 0; i < members.Length; i++)
                members[i] = LoadTransformer(archive, ChildDirectory(directory, i), env);
            return new TransformerChain<ITransformer>(members, scopes);
        }
        if (!loader.StartsWith(TypeLoaderPrefix, StringComparison.Ordinal))
            throw new FormatException($"Unknown loader '{loader}' in model entry '{directory}{LoaderEntry}'.");
        string typeName = loader[TypeLoaderPrefix.Length..];
        var type = Type.GetType(typeName, throwOnError: false)
            ?? throw new FormatException($"The model names transformer type '{typeName}', which cannot be found: is its assembly referenced?");
        // Only types that opted in through the convention are instantiated: a model file cannot make us call arbitrary code.
        var load = FindLoad(type)
            ?? throw new FormatException($"Type '{typeName}' has no static '{LoadMethodName}(IHostEnvironment, Stream)' returning an ITransformer.");
        var entry = archive.GetEntry(directory + DataEntry)
            ?? throw new FormatException($"The model file lacks entry '{directory}{DataEntry}'.");
        using var data = entry.Open();
        try
        {
            return (ITransformer?)load.Invoke(null, [env, data])
                ?? throw new FormatException($"'{typeName}.{LoadMethodName}' returned null.");
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private static MethodInfo? FindSave(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            var method = t.GetMethod(SaveMethodName, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly,
                [typeof(Stream)]);
            if (method is not null && method.ReturnType == typeof(void))
                return method;
        }
        return null;
    }

    private static MethodInfo? FindLoad(Type type)
    {
        var method = type.GetMethod(LoadMethodName, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly,
            [typeof(IHostEnvironment), typeof(Stream)]);
        return method is not null && typeof(ITransformer).IsAssignableFrom(method.ReturnType) && !method.ContainsGenericParameters ? method : null;
    }

    internal static void WriteText(ZipArchive archive, string name, string text)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Fastest);
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
        writer.Write(text);
    }

    private static string ReadText(ZipArchive archive, string name)
    {
        var entry = archive.GetEntry(name) ?? throw new FormatException($"The model file lacks entry '{name}'.");
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
