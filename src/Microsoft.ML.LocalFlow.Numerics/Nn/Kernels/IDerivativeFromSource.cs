using System.Runtime.Intrinsics;

namespace Microsoft.ML.LocalFlow.Numerics.Nn.Kernels;

/// <summary>φ' computed from what the forward pass kept (the activation a = φ(z), or φ'(z) itself), at three widths.</summary>
internal interface IDerivativeFromSource
{
    static abstract float Derivative(float source);

    static abstract Vector512<float> Derivative(Vector512<float> source);

    static abstract Vector256<float> Derivative(Vector256<float> source);
}
