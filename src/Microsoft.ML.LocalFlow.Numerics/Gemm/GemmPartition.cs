namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

/// <summary>
/// The fixed partition of C across the parts of a <see cref="Threading.WorkerPool"/>: a pure function of the shape,
/// the unit sizes and the part count, never of timing, so the same thread count always computes the same tiles.
/// </summary>
internal static class GemmPartition
{
    /// <summary>
    /// Splits C (m×n) into <paramref name="partCount"/> row bands (whole multiples of <paramref name="rowUnit"/>)
    /// or column bands (multiples of <paramref name="columnUnit"/>), whichever dimension has more units, and
    /// returns part <paramref name="part"/>'s rectangle. Parts may be empty when there are fewer units than parts.
    /// With preferColumns the split is by columns whenever there are at least as many column units as parts: the
    /// packed driver asks for it when it reads Aᵀ in place (the weight gradient Xᵀ·dZ, k = batch), since a row split
    /// makes every part pack all of B̃ (k×n) while a column split packs each part's share only and A costs no packing
    /// (256×256×10000: about 10 % faster on 2 threads, docs/perf/nn.md "Third session").
    /// </summary>
    /// <remarks>
    /// Bands, not a 2-D grid: each part then packs only its own Ã (row bands) or B̃ (column bands) and shares the
    /// other operand read-only, with no synchronisation between parts. Rows win ties because the MLP's batch
    /// dimension (m) is the long one.
    /// </remarks>
    public static void Split(int m, int n, int rowUnit, int columnUnit, int part, int partCount,
        out int m0, out int m1, out int n0, out int n1, bool preferColumns = false)
    {
        int rowUnits = (m + rowUnit - 1) / rowUnit;
        int columnUnits = (n + columnUnit - 1) / columnUnit;
        m0 = 0;
        m1 = m;
        n0 = 0;
        n1 = n;
        if (partCount == 1)
        {
            return;
        }

        if (rowUnits >= columnUnits && !(preferColumns && columnUnits >= partCount))
        {
            Band(rowUnits, rowUnit, m, part, partCount, out m0, out m1);
        }
        else
        {
            Band(columnUnits, columnUnit, n, part, partCount, out n0, out n1);
        }
    }

    /// <summary>
    /// The columns [j0, j1) whose sums of op(B) (<see cref="GemmEpilogue.ColumnSums"/>) part <paramref name="part"/>
    /// computes: the n columns cut into bands of whole <paramref name="columnUnit"/>s, one per part. In a column split
    /// that is exactly the part's own columns of C; in a row split (where every part reads all of op(B)) it shares
    /// the summing out evenly. Every column has exactly one owner, whatever the part count.
    /// </summary>
    public static void ColumnSumBand(int n, int columnUnit, int part, int partCount, out int j0, out int j1)
    {
        if (partCount == 1)
        {
            j0 = 0;
            j1 = n;
            return;
        }

        Band((n + columnUnit - 1) / columnUnit, columnUnit, n, part, partCount, out j0, out j1);
    }

    private static void Band(int units, int unit, int extent, int part, int partCount, out int start, out int end)
    {
        long first = (long)units * part / partCount;
        long last = (long)units * (part + 1) / partCount;
        start = (int)Math.Min(first * unit, extent);
        end = (int)Math.Min(last * unit, extent);
    }
}
