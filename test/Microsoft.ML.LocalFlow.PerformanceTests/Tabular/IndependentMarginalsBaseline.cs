using Microsoft.ML.LocalFlow.Tabular;

namespace Microsoft.ML.LocalFlow.PerformanceTests.Tabular;

/// <summary>Baseline: every column drawn independently from its own empirical distribution (bootstrap, missing cells included).</summary>
public static class IndependentMarginalsBaseline
{
    public static Table Sample(Table train, int rows, int seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        var rng = new Random(seed);
        var cols = new TableColumn[train.ColumnCount];
        var idx = new int[rows];
        for (int j = 0; j < cols.Length; j++)
        {
            for (int i = 0; i < rows; i++)
            {
                idx[i] = rng.Next(train.RowCount);
            }

            cols[j] = train[j].SelectRows(idx);
        }

        return new Table(cols);
    }
}
