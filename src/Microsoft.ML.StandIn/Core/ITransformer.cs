using Microsoft.ML.Data;

namespace Microsoft.ML;

/// <summary>A fitted pipeline step: maps an input <see cref="IDataView"/> to an output one, lazily.</summary>
public interface ITransformer : ICanSaveModel
{
    /// <summary>The schema <see cref="Transform"/> produces for an input of schema <paramref name="inputSchema"/>.</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <returns>The output schema.</returns>
    DataViewSchema GetOutputSchema(DataViewSchema inputSchema);

    /// <summary>Applies the transformer; the result is evaluated lazily by its cursors.</summary>
    /// <param name="input">The input data.</param>
    /// <returns>The transformed data.</returns>
    IDataView Transform(IDataView input);

    /// <summary>Whether each output row depends only on the matching input row (so <see cref="GetRowToRowMapper"/> works).</summary>
    bool IsRowToRowMapper { get; }

    /// <summary>A per-row mapper for inputs of schema <paramref name="inputSchema"/>.</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <returns>The mapper.</returns>
    IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema);
}
