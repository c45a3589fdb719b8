using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

/// <summary>
/// The packing buffers of one part of a GEMM (one thread): Ã (MC×KC) and B̃ (KC×NC), plus the running column sums of
/// op(B) (<see cref="GemmColumnSums"/>), grown on demand, never shrunk.
/// </summary>
/// <remarks>
/// Why pinned arrays: they live on the pinned object heap, so their address is fixed and can be 64-byte aligned
/// once (every micro-panel then starts on a cache line), yet the GC still frees them with their owner; no
/// finalizer or native memory is needed. After the first call of a given size, a GEMM allocates nothing.
/// </remarks>
internal sealed unsafe class GemmWorkspace
{
    private const int AlignmentFloats = 16; // 64 bytes: one cache line, one zmm register.

    private float[]? _packedA;
    private float* _packedAPtr;
    private int _packedACapacity;
    private float[]? _packedB;
    private float* _packedBPtr;
    private int _packedBCapacity;
    private float[]? _columnTotals;
    private float* _columnTotalsPtr;
    private int _columnTotalsCapacity;

    /// <summary>Returns a 64-byte aligned buffer of at least <paramref name="floats"/> floats for Ã.</summary>
    public float* PackedA(int floats)
    {
        if (floats > _packedACapacity)
        {
            _packedAPtr = Allocate(floats, out _packedA);
            _packedACapacity = floats;
        }

        return _packedAPtr;
    }

    /// <summary>Returns a 64-byte aligned buffer of at least <paramref name="floats"/> floats for B̃.</summary>
    public float* PackedB(int floats)
    {
        if (floats > _packedBCapacity)
        {
            _packedBPtr = Allocate(floats, out _packedB);
            _packedBCapacity = floats;
        }

        return _packedBPtr;
    }

    /// <summary>Returns a 64-byte aligned buffer of at least <paramref name="floats"/> floats for running column sums.</summary>
    public float* ColumnTotals(int floats)
    {
        if (floats > _columnTotalsCapacity)
        {
            _columnTotalsPtr = Allocate(floats, out _columnTotals);
            _columnTotalsCapacity = floats;
        }

        return _columnTotalsPtr;
    }

    private static float* Allocate(int floats, out float[] array)
    {
        array = GC.AllocateUninitializedArray<float>(floats + AlignmentFloats, pinned: true);
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        nuint aligned = (address + (AlignmentFloats * sizeof(float) - 1)) & ~(nuint)(AlignmentFloats * sizeof(float) - 1);
        return (float*)aligned;
    }
}
