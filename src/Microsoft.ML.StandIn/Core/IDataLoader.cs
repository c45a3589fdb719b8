namespace Microsoft.ML;

/// <summary>Loads an <see cref="IDataView"/> from a source, such as text files.</summary>
/// <typeparam name="TSource">The source type, e.g. <see cref="Microsoft.ML.Data.IMultiStreamSource"/>.</typeparam>
public interface IDataLoader<in TSource> : ICanSaveModel
{
    /// <summary>Loads data from <paramref name="input"/>.</summary>
    /// <param name="input">The source.</param>
    /// <returns>The data, evaluated lazily.</returns>
    IDataView Load(TSource input);

    /// <summary>The schema of the loaded data.</summary>
    /// <returns>The schema.</returns>
    DataViewSchema GetOutputSchema();
}
