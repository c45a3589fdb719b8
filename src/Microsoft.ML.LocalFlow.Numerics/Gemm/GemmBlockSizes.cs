namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

/// <summary>
/// Cache blocking of the packed GEMM (BLIS names: MC, KC, NC) and the size below which the unpacked path runs.
/// </summary>
/// <remarks>
/// Derived for AMD Zen 5 (48 KiB L1d and 1 MiB L2 per core, 32 MiB L3 shared per CCD), and reasonable on any core
/// with at least 32 KiB L1d and 512 KiB L2. The loop nest is jc (NC) → pc (KC) → pack B̃ → ic (MC) → pack Ã →
/// jr (NR) → ir (MR) → micro-kernel, so:
/// <list type="bullet">
/// <item>a B micro-panel (KC×NR) stays in L1 while the ir loop streams every A micro-panel of Ã past it;</item>
/// <item>the packed Ã block (MC×KC) stays in L2 while the jr loop sweeps it once per B micro-panel;</item>
/// <item>the packed B̃ panel (KC×NC) stays in L3 while the ic loop walks down C.</item>
/// </list>
/// The values are the same for every thread count, so blocking never changes the bits of the result.
/// </remarks>
internal static class GemmBlockSizes
{
    /// <summary>
    /// Depth of one rank-KC update. A B micro-panel with NR = 32 columns takes KC·32·4 B = 32 KiB at KC = 256, two
    /// thirds of the 48 KiB L1d; an A micro-panel (MR·KC·4 B = 8 KiB for MR = 8) streams through the rest. Larger KC would
    /// push B out of L1; smaller KC would load and store each C tile more often (once per KC FMAs per element).
    /// Measured on Zen 5: KC = 384 was not faster at 2048³ (docs/perf/gemm.md).
    /// </summary>
    public const int KC = 256;

    /// <summary>
    /// Rows of the packed Ã block (rounded down to a multiple of MR by the driver). Ã takes MC·KC·4 B = 480 KiB at
    /// MC = 480: half the 1 MiB L2, leaving room for the B micro-panels and C tiles passing through. 480 is a
    /// multiple of every MR used here (4, 6 and 8), so no MC block ends in a partial micro-panel but the last.
    /// </summary>
    public const int MC = 480;

    /// <summary>
    /// Columns of the packed B̃ panel. B̃ takes KC·NC·4 B = 4 MiB at NC = 4096 per thread, so two threads' panels
    /// use a quarter of a 32 MiB L3. The MLP shapes (n ≤ 512) never split along jc; 2048³ splits across threads.
    /// </summary>
    public const int NC = 4096;

    /// <summary>
    /// The unpacked path runs when n is at most this (the MLP's 2–64-wide output layers and their weight
    /// gradients). There a packed B micro-panel would be mostly padding (n = 6 fills 6 of NR = 32 columns), while the
    /// unpacked loops use 8 rows × one vector and read op(B) in place. Measured on Zen 5 at m = 4096, k = 256
    /// (docs/perf/gemm.md): unpacked beats packed 3.5× at n = 16, 2× at n = 32, ties at n = 64 and loses at n = 96.
    /// Small k alone (the input layers, k = d + 1) stays packed: packing A costs only m·k there, and the packed
    /// micro-kernel's 16 accumulators beat the unpacked 8 (4096×256×7: 114 vs 87 GFLOP/s on one core).
    /// </summary>
    public const int UnpackedThreshold = 64;

    /// <summary>
    /// Largest n at which the full A micro-panels of op(A) = Aᵀ are read in place rather than packed
    /// (<see cref="GemmPackedDriver{TKernel}.ChooseAPanels"/>): each panel is then read from L2 at most
    /// n/NR = 16 (AVX-512) times per rank-kc update, with half of every line it touches unused. Covers the MLP
    /// weight gradients (n = out features ≤ 512); measured on Zen 5 in docs/perf/gemm.md ("Long-k TN").
    /// </summary>
    public const int InPlaceATransposeMaxN = 512;

    /// <summary>
    /// Largest leading dimension of A (floats) for which Aᵀ's panels are read in place: one line per p at a stride of
    /// lda·4 bytes; at 8 KiB and above the kc lines of a panel fall into a handful of L2 sets and evict each other.
    /// </summary>
    public const int InPlaceATransposeMaxLda = 1024;

    /// <summary>
    /// Largest leading dimension of A (floats) for which op(A) = A (row-major) is read in place rather than packed
    /// into Ã (<see cref="GemmPackedDriver{TKernel}.ChooseAPanels"/>). Packing costs a read of A, a write and a re-read
    /// of Ã for each of the m·k elements (≈ 30 MB per 10000×256×256 GEMM); in place, the micro-kernel reads an MR-row
    /// micro-panel as MR runs of ≤ KC floats, lda floats apart, and the MC×KC block spans MC·lda floats instead of
    /// Ã's MC·KC. Up to lda = 2·KC = 512 (runs ≤ 2 KiB apart, so an 8-row panel spreads over at least two 2 KiB groups
    /// of Zen 5's 4 KiB L1d way, ≤ 4 lines per set beside the B micro-panel's 8 of 12 ways; the block spans at most
    /// twice Ã's range in L2) in place measured faster: 10000×256×256 +15 %, 1000×362×362 +9 %, 500×512×512 +7 %,
    /// 4096×512×512 +4 %. At lda = 1024 the gain was within noise (+2 %: all 8 runs share one set group, 8 lines
    /// per set, with B's 8 over the 12 ways) and at 2048 in place lost 3 % (2048³), so those keep Ã
    /// (docs/perf/nn.md, "In-place A").
    /// </summary>
    public const int InPlaceAMaxLda = 2 * KC;

    /// <summary>
    /// At most this many rows of C with op(B) stored row-major also take the unpacked path, whatever n: there each p
    /// reads op(B)'s row once for all rows of C (<c>GemmUnpacked.RunFewRows</c>), where the packed path would pack
    /// all of op(B) into micro-panels that feed m of MR = 8 kernel rows (twod's input-layer weight gradient, m = 3).
    /// </summary>
    public const int FewRowsThreshold = 4;
}
