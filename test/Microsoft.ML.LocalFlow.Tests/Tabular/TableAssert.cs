using Microsoft.ML.LocalFlow.Tabular;

namespace Microsoft.ML.LocalFlow.Tests.Tabular;

internal static class TableAssert
{
    /// <summary>Same column names, kinds and every cell's text (null = missing).</summary>
    public static void SameCells(Table expected, Table actual, string context)
    {
        Assert.AreEqual(expected.ColumnCount, actual.ColumnCount, context);
        Assert.AreEqual(expected.RowCount, actual.RowCount, context);
        for (int j = 0; j < expected.ColumnCount; j++)
        {
            Assert.AreEqual(expected[j].Name, actual[j].Name, context);
            Assert.AreEqual(expected[j].Kind, actual[j].Kind, context);
            for (int i = 0; i < expected.RowCount; i++)
            {
                string? e = expected.GetCellText(i, j), a = actual.GetCellText(i, j);
                if (e != a)
                {
                    Assert.Fail($"{context}: row {i + 1}, column '{expected[j].Name}': expected '{e ?? "<missing>"}', got '{a ?? "<missing>"}'.");
                }
            }
        }
    }
}
