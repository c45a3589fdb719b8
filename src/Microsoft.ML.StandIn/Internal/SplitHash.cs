namespace Microsoft.ML.Data;

/// <summary>Deterministic per-row uniforms for TrainTestSplit: u = SplitMix64(seed, key) mapped to [0, 1).</summary>
internal static class SplitHash
{
    internal static double Uniform(int seed, ulong key)
    {
        ulong z = key + 0x9E3779B97F4A7C15UL * (ulong)(uint)seed + 0x632BE59BD9B4E019UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A stable 64-bit FNV-1a hash of text (string.GetHashCode is randomised per process).</summary>
    internal static ulong Hash(ReadOnlySpan<char> text)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in text)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return h;
    }
}
