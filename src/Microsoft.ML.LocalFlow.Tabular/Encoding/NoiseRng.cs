namespace Microsoft.ML.LocalFlow.Tabular.Encoding;

/// <summary>SplitMix64: a small, fast, seedable generator for dequantisation noise (not for anything cryptographic).</summary>
internal struct NoiseRng(ulong seed)
{
    private ulong _state = seed;

    public static NoiseRng ForColumn(int seed, int column) => new(unchecked(((ulong)(uint)seed << 32) ^ ((ulong)(uint)column * 0x9E3779B97F4A7C15UL) ^ 0xD1B54A32D192ED03UL));

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box–Muller, one value per call).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
