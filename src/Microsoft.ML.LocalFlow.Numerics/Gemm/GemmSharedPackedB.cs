using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML.LocalFlow.Numerics.Threading;

namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

// Assumptions: owned by one GemmJob (one pool), used by the parts of one run at a time. Grown only by Ensure, which
// runs on the calling thread before the pool starts the parts, so no part ever allocates or sees a buffer move.
// Both buffers are 64-byte aligned (every micro-panel starts on a cache line, as in GemmWorkspace).

/// <summary>
/// The B̃ panel (KC×NC, packed) that all parts of a row-split GEMM pack cooperatively and then share, twice
/// (double-buffered), plus the barrier the parts meet at between packing and using it.
/// </summary>
/// <remarks>
/// Why two buffers: rank-kc update t packs into buffer t mod 2 while a slower part may still multiply from
/// buffer (t − 1) mod 2; a part can only start packing update t after the barrier of update t − 1, which every part
/// reaches only after finishing update t − 2, the last reader of buffer t mod 2. So one barrier per update suffices.
/// </remarks>
internal sealed unsafe class GemmSharedPackedB
{
    private const int AlignmentFloats = 16; // 64 bytes: one cache line, one zmm register.

    private float[]? _array0;
    private float[]? _array1;
    private float* _buffer0;
    private float* _buffer1;
    private int _capacity;

    /// <summary>Creates the buffers (empty until <see cref="Ensure"/>) and a barrier for <paramref name="partCount"/> parts.</summary>
    public GemmSharedPackedB(int partCount) => Barrier = new SpinBarrier(partCount);

    /// <summary>The barrier the parts meet at after packing each rank-kc update's B̃.</summary>
    public SpinBarrier Barrier { get; }

    /// <summary>Grows both buffers to at least <paramref name="floats"/> floats; never shrinks them.</summary>
    public void Ensure(int floats)
    {
        if (floats > _capacity)
        {
            _buffer0 = Allocate(floats, out _array0);
            _buffer1 = Allocate(floats, out _array1);
            _capacity = floats;
        }
    }

    /// <summary>Buffer <paramref name="index"/> mod 2 (64-byte aligned, at least the last <see cref="Ensure"/> floats).</summary>
    public float* Buffer(int index) => (index & 1) == 0 ? _buffer0 : _buffer1;

    private static float* Allocate(int floats, out float[] array)
    {
        array = GC.AllocateUninitializedArray<float>(floats + AlignmentFloats, pinned: true);
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        nuint aligned = (address + (AlignmentFloats * sizeof(float) - 1)) & ~(nuint)(AlignmentFloats * sizeof(float) - 1);
        return (float*)aligned;
    }
}
