namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

/// <summary>
/// The few SIMD operations the unpacked GEMM needs, for one vector width; implemented by static-only structs so the
/// JIT specializes <see cref="GemmUnpacked{TOps, TVector}"/> per width (the TensorPrimitives operator pattern).
/// </summary>
/// <typeparam name="TVector">Vector128, Vector256 or Vector512 of float.</typeparam>
internal unsafe interface IGemmVector<TVector>
    where TVector : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    /// <summary>All lanes zero.</summary>
    static abstract TVector Zero { get; }

    /// <summary>All lanes set to <paramref name="value"/>.</summary>
    static abstract TVector Broadcast(float value);

    /// <summary>Unaligned load of <see cref="Count"/> floats.</summary>
    static abstract TVector Load(float* source);

    /// <summary>Unaligned store of <see cref="Count"/> floats.</summary>
    static abstract void Store(TVector value, float* destination);

    /// <summary>x·y + z with a single rounding.</summary>
    static abstract TVector FusedMultiplyAdd(TVector x, TVector y, TVector z);

    /// <summary>The sum of the lanes, in the fixed order of the runtime's horizontal add for this width.</summary>
    static abstract float Sum(TVector x);

    /// <summary>x + y lane by lane.</summary>
    static abstract TVector Add(TVector x, TVector y);

    /// <summary>x·y lane by lane.</summary>
    static abstract TVector Multiply(TVector x, TVector y);
}
