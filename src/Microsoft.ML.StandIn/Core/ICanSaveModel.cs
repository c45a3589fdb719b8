namespace Microsoft.ML;

/// <summary>A component that can write itself into a model file.</summary>
public interface ICanSaveModel
{
    /// <summary>Writes the component into <paramref name="ctx"/>.</summary>
    /// <param name="ctx">The save context (its members are internal, as in ML.NET).</param>
    void Save(ModelSaveContext ctx);
}
