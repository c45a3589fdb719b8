namespace Microsoft.ML.Data;

/// <summary>Maps one input row to one output row.</summary>
public interface IRowToRowMapper
{
    /// <summary>The input schema.</summary>
    DataViewSchema InputSchema { get; }

    /// <summary>The output schema.</summary>
    DataViewSchema OutputSchema { get; }

    /// <summary>The input columns needed to compute <paramref name="dependingColumns"/> of the output.</summary>
    /// <param name="dependingColumns">Output columns.</param>
    /// <returns>Input columns.</returns>
    IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns);

    /// <summary>A row whose values are computed from <paramref name="input"/>.</summary>
    /// <param name="input">The input row.</param>
    /// <param name="activeColumns">The output columns to compute.</param>
    /// <returns>The output row.</returns>
    DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns);
}
