using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Microsoft.ML.LocalFlow.Numerics.Random;

/// <summary>
/// A seeded, counter-based random number generator (Philox4x32-10, Salmon et al., SC'11) with independent
/// streams: the same seed and stream give the same numbers whatever the thread scheduling.
/// </summary>
/// <remarks>
/// <para>
/// State: a 64-bit key (derived from the seed), a 64-bit stream id and a 64-bit block counter. Block
/// <c>i</c> of a stream is the Philox bijection of the 128-bit counter (i, stream) under the key, giving four
/// 32-bit words. Because every block is a pure function of (key, stream, i), streams never overlap and
/// partitions of a parallel job can each own a stream (<see cref="Fork"/>) and draw in any order.
/// </para>
/// <para>
/// Why Philox rather than a sequential generator: it is splittable by construction (no jump polynomials,
/// no shared state), it passes BigCrush, and its 10 rounds of two 32×32→64 multiplies are cheap next to an
/// MLP training step. Instances are not thread-safe: give each thread its own (via <see cref="Fork"/>).
/// </para>
/// <para>
/// Uniform floats use the top 24 bits of a word: u = (w &gt;&gt; 8)·2⁻²⁴ ∈ [0, 1). Gaussians use the
/// Box–Muller transform in chunks; Beta(α, β) is G_α / (G_α + G_β) with Gamma draws by Marsaglia–Tsang.
/// </para>
/// </remarks>
public sealed class Rng
{
    // Philox4x32 round multipliers and Weyl key increments (from the Philox paper).
    private const uint M0 = 0xD2511F53;
    private const uint M1 = 0xCD9E8D57;
    private const uint W0 = 0x9E3779B9;
    private const uint W1 = 0xBB67AE85;

    // Fork derives a child key from a Philox block with this tag in the top counter word region so that
    // derivation blocks can never coincide with the blocks of an ordinary stream position used by the user
    // except with probability 2^-64 per pair.
    private const ulong ForkTag = 0xF0C5_F0C5_F0C5_F0C5UL;

    private const int GaussianChunk = 64;

    private uint _key0;
    private uint _key1;
    private ulong _stream;
    private ulong _counter;
    private uint _b0, _b1, _b2, _b3;

    // Words left in the current block (4 - index of the next word); 0 means generate a new block.
    private int _left;

    /// <summary>Creates a generator for stream <paramref name="stream"/> of seed <paramref name="seed"/>.</summary>
    /// <param name="seed">Any 64-bit seed; it is mixed (SplitMix64 finaliser) into the Philox key.</param>
    /// <param name="stream">The stream id; different ids give independent sequences.</param>
    public Rng(ulong seed, ulong stream = 0)
    {
        ulong key = Mix64(seed);
        _key0 = (uint)key;
        _key1 = (uint)(key >> 32);
        _stream = stream;
        Seed = seed;
    }

    /// <summary>The seed this generator (or its root ancestor) was created with.</summary>
    public ulong Seed { get; private set; }

    /// <summary>The stream id within the key.</summary>
    public ulong Stream => _stream;

    /// <summary>
    /// Returns an independent generator for child stream <paramref name="stream"/>. The child depends only on
    /// this generator's key and stream id and on <paramref name="stream"/>, never on how many numbers this
    /// generator has drawn, so forking per thread, partition or block is scheduling-independent.
    /// </summary>
    /// <param name="stream">The child id (e.g. the partition index).</param>
    /// <returns>A new generator positioned at the start of the child stream.</returns>
    public Rng Fork(ulong stream)
    {
        var child = new Rng(0);
        ForkInto(stream, child);
        return child;
    }

    /// <summary>
    /// Makes <paramref name="destination"/> equal to <c>Fork(stream)</c> without allocating: re-use one generator
    /// per partition and re-fork it every step (e.g. stream = step·partitions + partition).
    /// </summary>
    /// <param name="stream">The child id.</param>
    /// <param name="destination">The generator to overwrite; it must not be this one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is this generator.</exception>
    public void ForkInto(ulong stream, Rng destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (ReferenceEquals(destination, this))
        {
            throw new ArgumentException("A generator cannot be forked into itself.", nameof(destination));
        }

        Block((uint)stream, (uint)(stream >> 32), (uint)_stream ^ unchecked((uint)ForkTag), (uint)(_stream >> 32) ^ (uint)(ForkTag >> 32),
            _key0, _key1, out uint k0, out uint k1, out uint s0, out uint s1);
        destination._key0 = k0;
        destination._key1 = k1;
        destination._stream = s0 | ((ulong)s1 << 32);
        destination._counter = 0;
        destination._left = 0;
        destination.Seed = Seed;
    }

    /// <summary>The index of the next 128-bit block (four 32-bit words) this generator will compute.</summary>
    public ulong BlockPosition => _counter;

    /// <summary>
    /// Jumps to block <paramref name="block"/> of the stream (each block is four 32-bit words; a partially used block is
    /// discarded). Counter-based generation makes this O(1): partition p can start at a block computed from p alone.
    /// </summary>
    /// <param name="block">The block index to continue from.</param>
    public void Seek(ulong block)
    {
        _counter = block;
        _left = 0;
    }

    /// <summary>Returns 64 uniformly distributed random bits.</summary>
    /// <returns>A value in [0, 2⁶⁴).</returns>
    public ulong NextUInt64()
    {
        ulong lo = NextUInt32();
        return lo | ((ulong)NextUInt32() << 32);
    }

    /// <summary>Returns 32 uniformly distributed random bits.</summary>
    /// <returns>A value in [0, 2³²).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32()
    {
        if (_left == 0)
        {
            Refill();
        }

        int i = 4 - _left;
        _left--;
        return i switch
        {
            0 => _b0,
            1 => _b1,
            2 => _b2,
            _ => _b3,
        };
    }

    /// <summary>Returns a uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias (Lemire's method).</summary>
    /// <param name="maxExclusive">The exclusive upper bound; at least 1.</param>
    /// <returns>A value in [0, maxExclusive).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is below 1.</exception>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "The exclusive upper bound must be at least 1.");
        }

        uint range = (uint)maxExclusive;
        ulong product = (ulong)NextUInt32() * range;
        uint low = (uint)product;
        if (low < range)
        {
            // Reject the few products that would over-represent small results.
            uint threshold = (0u - range) % range;
            while (low < threshold)
            {
                product = (ulong)NextUInt32() * range;
                low = (uint)product;
            }
        }

        return (int)(product >> 32);
    }

    /// <summary>Returns a uniform float in [0, 1) with 24 random bits.</summary>
    /// <returns>A value in [0, 1).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float NextUniform() => (NextUInt32() >> 8) * (1f / 16777216f);

    /// <summary>Returns a uniform double in [0, 1) with 53 random bits.</summary>
    /// <returns>A value in [0, 1).</returns>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Returns one standard Gaussian draw (Box–Muller, computed in double precision).</summary>
    /// <returns>A draw from N(0, 1).</returns>
    public double NextGaussian()
    {
        // u1 in (0, 1] so that the logarithm is finite.
        double u1 = ((NextUInt64() >> 11) + 1) * (1.0 / 9007199254740992.0);
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fills <paramref name="destination"/> with uniform floats in [0, 1).</summary>
    /// <param name="destination">The span to fill.</param>
    public void FillUniform(Span<float> destination)
    {
        int i = 0;

        // Drain the current block first so that bulk fills and single draws interleave consistently.
        while (_left > 0 && i < destination.Length)
        {
            destination[i++] = NextUniform();
        }

        const float Scale = 1f / 16777216f;
        for (; i + 4 <= destination.Length; i += 4)
        {
            NextBlock(out uint a, out uint b, out uint c, out uint d);
            destination[i] = (a >> 8) * Scale;
            destination[i + 1] = (b >> 8) * Scale;
            destination[i + 2] = (c >> 8) * Scale;
            destination[i + 3] = (d >> 8) * Scale;
        }

        for (; i < destination.Length; i++)
        {
            destination[i] = NextUniform();
        }
    }

    /// <summary>Fills <paramref name="destination"/> with uniform floats in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    /// <param name="destination">The span to fill.</param>
    /// <param name="low">Lower bound.</param>
    /// <param name="high">Upper bound; must be finite and at least <paramref name="low"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The bounds are not finite or <paramref name="high"/> &lt; <paramref name="low"/>.</exception>
    public void FillUniform(Span<float> destination, float low, float high)
    {
        if (!float.IsFinite(low))
        {
            throw new ArgumentOutOfRangeException(nameof(low), low, "The lower bound must be finite.");
        }

        if (!float.IsFinite(high) || high < low)
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, "The upper bound must be finite and at least the lower bound.");
        }

        FillUniform(destination);
        TensorPrimitives.Multiply(destination, high - low, destination);
        TensorPrimitives.Add(destination, low, destination);
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with standard Gaussian draws N(0, 1) by the Box–Muller transform,
    /// vectorised in chunks: per chunk of 2m values, the first m are r·cos θ and the last m are r·sin θ.
    /// </summary>
    /// <param name="destination">The span to fill.</param>
    /// <remarks>The radius uses 32-bit uniforms in (0, 1], so draws reach about ±6.66.</remarks>
    public void FillGaussian(Span<float> destination)
    {
        // Zero-initialised (no SkipLocalsInit): lanes past the last pair of a short chunk hold harmless finite values.
        Span<float> radius = stackalloc float[GaussianChunk];
        Span<float> angle = stackalloc float[GaussianChunk];
        Span<float> cos = stackalloc float[GaussianChunk];
        Span<float> sin = stackalloc float[GaussianChunk];
        int offset = 0;
        while (offset < destination.Length)
        {
            int remaining = destination.Length - offset;
            int pairs = Math.Min(GaussianChunk, (remaining + 1) / 2);
            for (int j = 0; j < pairs; j++)
            {
                // (w + 1)·2⁻³² ∈ (0, 1]: the logarithm below stays finite. The angle is 2π·u with u ∈ [0, 1).
                radius[j] = ((float)NextUInt32() + 1f) * (1f / 4294967296f);
                angle[j] = (NextUInt32() >> 8) * (2f * MathF.PI / 16777216f);
            }

            BoxMuller(radius, angle, sin, cos, pairs);
            int first = Math.Min(pairs, remaining);
            TensorPrimitives.Multiply(radius[..first], cos[..first], destination.Slice(offset, first));
            int second = Math.Min(pairs, remaining - first);
            TensorPrimitives.Multiply(radius[..second], sin[..second], destination.Slice(offset + first, second));
            offset += first + second;
        }
    }

    /// <summary>radius ← √(−2 ln u₁) and (sin, cos) of the angle, vectorised over whole vectors of the chunk buffers.</summary>
    private static void BoxMuller(Span<float> radius, ReadOnlySpan<float> angle, Span<float> sin, Span<float> cos, int count)
    {
        ref float r = ref MemoryMarshal.GetReference(radius);
        ref float a = ref MemoryMarshal.GetReference(angle);
        ref float s = ref MemoryMarshal.GetReference(sin);
        ref float c = ref MemoryMarshal.GetReference(cos);
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j < count; j += 16)
            {
                Vector512<float> v = Vector512.LoadUnsafe(ref r, (nuint)j);
                Vector512.Sqrt(Vector512.Max(Vector512.Create(-2f) * Vector512.Log(v), Vector512<float>.Zero)).StoreUnsafe(ref r, (nuint)j);
                (Vector512<float> sv, Vector512<float> cv) = Vector512.SinCos(Vector512.LoadUnsafe(ref a, (nuint)j));
                sv.StoreUnsafe(ref s, (nuint)j);
                cv.StoreUnsafe(ref c, (nuint)j);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; j < count; j += 8)
            {
                Vector256<float> v = Vector256.LoadUnsafe(ref r, (nuint)j);
                Vector256.Sqrt(Vector256.Max(Vector256.Create(-2f) * Vector256.Log(v), Vector256<float>.Zero)).StoreUnsafe(ref r, (nuint)j);
                (Vector256<float> sv, Vector256<float> cv) = Vector256.SinCos(Vector256.LoadUnsafe(ref a, (nuint)j));
                sv.StoreUnsafe(ref s, (nuint)j);
                cv.StoreUnsafe(ref c, (nuint)j);
            }
        }
        else
        {
            for (; j < count; j++)
            {
                Unsafe.Add(ref r, j) = MathF.Sqrt(MathF.Max(-2f * MathF.Log(Unsafe.Add(ref r, j)), 0f));
                (Unsafe.Add(ref s, j), Unsafe.Add(ref c, j)) = MathF.SinCos(Unsafe.Add(ref a, j));
            }
        }
    }

    /// <summary>Fills <paramref name="destination"/> with Gaussian draws N(<paramref name="mean"/>, <paramref name="stdDev"/>²).</summary>
    /// <param name="destination">The span to fill.</param>
    /// <param name="mean">The mean; finite.</param>
    /// <param name="stdDev">The standard deviation; finite and non-negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not finite or <paramref name="stdDev"/> is negative.</exception>
    public void FillGaussian(Span<float> destination, float mean, float stdDev)
    {
        if (!float.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "The mean must be finite.");
        }

        if (!float.IsFinite(stdDev) || stdDev < 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(stdDev), stdDev, "The standard deviation must be finite and non-negative.");
        }

        FillGaussian(destination);
        TensorPrimitives.Multiply(destination, stdDev, destination);
        TensorPrimitives.Add(destination, mean, destination);
    }

    /// <summary>Returns one Gamma(<paramref name="shape"/>, 1) draw (Marsaglia–Tsang; shape &lt; 1 via the U^(1/shape) boost).</summary>
    /// <param name="shape">The shape k &gt; 0.</param>
    /// <returns>A draw with mean k and variance k.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shape"/> is not a finite positive number.</exception>
    public double NextGamma(double shape)
    {
        if (!(shape > 0) || !double.IsFinite(shape))
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "The Gamma shape must be finite and positive.");
        }

        return GammaCore(shape);
    }

    /// <summary>Returns one Beta(<paramref name="alpha"/>, <paramref name="beta"/>) draw as G_α / (G_α + G_β).</summary>
    /// <param name="alpha">α &gt; 0.</param>
    /// <param name="beta">β &gt; 0.</param>
    /// <returns>A draw in [0, 1] with mean α/(α+β).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite positive number.</exception>
    public double NextBeta(double alpha, double beta)
    {
        ValidateBeta(alpha, beta);
        return BetaCore(alpha, beta);
    }

    /// <summary>Fills <paramref name="destination"/> with Beta(<paramref name="alpha"/>, <paramref name="beta"/>) draws.</summary>
    /// <param name="destination">The span to fill.</param>
    /// <param name="alpha">α &gt; 0.</param>
    /// <param name="beta">β &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite positive number.</exception>
    public void FillBeta(Span<float> destination, double alpha, double beta)
    {
        ValidateBeta(alpha, beta);
        if (alpha == 1.0 && beta == 1.0)
        {
            // Beta(1, 1) is the uniform law; skip the Gamma machinery.
            FillUniform(destination);
            return;
        }

        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (float)BetaCore(alpha, beta);
        }
    }

    private static void ValidateBeta(double alpha, double beta)
    {
        if (!(alpha > 0) || !double.IsFinite(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The Beta parameter alpha must be finite and positive.");
        }

        if (!(beta > 0) || !double.IsFinite(beta))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "The Beta parameter beta must be finite and positive.");
        }
    }

    private double BetaCore(double alpha, double beta)
    {
        double x = GammaCore(alpha);
        double y = GammaCore(beta);
        double sum = x + y;

        // Both Gammas can underflow to 0 for tiny shapes; fall back to the Bernoulli limit by the mean.
        return sum > 0 ? x / sum : (NextDouble() < alpha / (alpha + beta) ? 1.0 : 0.0);
    }

    private double GammaCore(double shape)
    {
        if (shape < 1.0)
        {
            // Gamma(k) = Gamma(k + 1)·U^(1/k) for k < 1.
            double u = ((NextUInt64() >> 11) + 1) * (1.0 / 9007199254740992.0);
            return GammaCore(shape + 1.0) * Math.Pow(u, 1.0 / shape);
        }

        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x;
            double v;
            do
            {
                x = NextGaussian();
                v = 1.0 + c * x;
            }
            while (v <= 0);

            v = v * v * v;
            double u = NextDouble();
            double x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2)
            {
                return d * v;
            }

            if (u > 0 && Math.Log(u) < 0.5 * x2 + d * (1.0 - v + Math.Log(v)))
            {
                return d * v;
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Refill()
    {
        NextBlock(out _b0, out _b1, out _b2, out _b3);
        _left = 4;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void NextBlock(out uint r0, out uint r1, out uint r2, out uint r3)
    {
        ulong counter = _counter++;
        Block((uint)counter, (uint)(counter >> 32), (uint)_stream, (uint)(_stream >> 32), _key0, _key1,
            out r0, out r1, out r2, out r3);
    }

    /// <summary>Philox4x32-10: ten rounds of the bijection on a 128-bit counter under a 64-bit key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Block(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1,
        out uint r0, out uint r1, out uint r2, out uint r3)
    {
        for (int round = 0; round < 10; round++)
        {
            ulong p0 = (ulong)M0 * c0;
            ulong p1 = (ulong)M1 * c2;
            uint n0 = (uint)(p1 >> 32) ^ c1 ^ k0;
            uint n1 = (uint)p1;
            uint n2 = (uint)(p0 >> 32) ^ c3 ^ k1;
            uint n3 = (uint)p0;
            c0 = n0;
            c1 = n1;
            c2 = n2;
            c3 = n3;
            k0 += W0;
            k1 += W1;
        }

        r0 = c0;
        r1 = c1;
        r2 = c2;
        r3 = c3;
    }

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit mix so that nearby seeds give unrelated keys.</summary>
    private static ulong Mix64(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
