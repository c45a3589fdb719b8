using System.Runtime.InteropServices;
using Microsoft.ML.LocalFlow.Numerics.Nn;

namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

/// <summary>A validated <see cref="GemmEpilogue"/> with its spans pinned, carried by <see cref="GemmArguments"/>.</summary>
/// <remarks>Assumptions: every pointer stays pinned for the whole call; an unused one is null. Row stride = ldc.</remarks>
[StructLayout(LayoutKind.Auto)]
internal readonly unsafe struct GemmEpiloguePointers
{
    public GemmEpiloguePointers(GemmEpilogueKind kind, Activation activation, float* bias, float* derivative, float* source,
        float softplusBeta, float* columnSums = null)
    {
        ColumnSums = columnSums;
        Kind = kind;
        Activation = activation;
        Bias = bias;
        Derivative = derivative;
        Source = source;
        SoftplusBeta = softplusBeta;
    }

    public GemmEpilogueKind Kind { get; }

    public Activation Activation { get; }

    public float* Bias { get; }

    public float* Derivative { get; }

    public float* Source { get; }

    public float SoftplusBeta { get; }

    /// <summary>Null, or n floats for α·(column sums of op(B)) + β·themselves (<see cref="GemmEpilogue.ColumnSums"/>).</summary>
    public float* ColumnSums { get; }
}
