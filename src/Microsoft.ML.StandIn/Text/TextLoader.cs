using Microsoft.ML.Runtime;

namespace Microsoft.ML.Data;

/// <summary>
/// Loads delimited text into an <see cref="IDataView"/>: each column reads one field (scalar) or a range of fields (vector), 0-based.
/// Created through <c>mlContext.Data.CreateTextLoader</c> / <c>LoadFromTextFile</c> (its constructor is internal, as in ML.NET).
/// Empty or unparsable <see cref="DataKind.Single"/>/<see cref="DataKind.Double"/> fields read as NaN (as in ML.NET); empty integer fields read as 0.
/// </summary>
public sealed partial class TextLoader : IDataLoader<IMultiStreamSource>
{
    private readonly IHostEnvironment _env;
    private readonly Options _options;
    private readonly TextColumnBinding[] _bindings;
    private readonly DataViewSchema _schema;

    internal TextLoader(IHostEnvironment env, Options? options = null, IMultiStreamSource? dataSample = null)
    {
        ArgumentNullException.ThrowIfNull(env);
        _env = env;
        _options = options ?? new Options();
        _bindings = TextColumnBinding.Bind(_options, dataSample);
        var builder = new DataViewSchema.Builder();
        foreach (var b in _bindings)
            builder.AddColumn(b.Name, b.Type);
        _schema = builder.ToSchema();
    }

    /// <summary>The schema of the loaded data.</summary>
    /// <returns>The schema.</returns>
    public DataViewSchema GetOutputSchema() => _schema;

    /// <summary>Returns a lazy view of <paramref name="source"/>: each cursor reads the files again, line by line.</summary>
    /// <param name="source">The files.</param>
    /// <returns>The view.</returns>
    public IDataView Load(IMultiStreamSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new TextDataView(_env, _options, _bindings, _schema, source);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx)
        => throw new NotSupportedException("The stand-in does not save text loaders into model files.");
}
