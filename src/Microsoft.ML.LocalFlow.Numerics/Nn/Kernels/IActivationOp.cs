using System.Runtime.Intrinsics;

namespace Microsoft.ML.LocalFlow.Numerics.Nn.Kernels;

/// <summary>
/// One activation as static methods at three widths, so that <see cref="ActivationKernels"/> can be written
/// once as a generic method over a struct implementing this and the JIT specialises and inlines each.
/// </summary>
/// <remarks>
/// Every method returns a = φ(z) and, in the *WithDerivative forms, φ'(z) evaluated at the same z. β is the softplus
/// sharpness and is ignored by the other activations.
/// </remarks>
internal interface IActivationOp
{
    static abstract float Apply(float z, float beta);

    static abstract float Apply(float z, float beta, out float derivative);

    static abstract Vector512<float> Apply(Vector512<float> z, Vector512<float> beta);

    static abstract Vector512<float> Apply(Vector512<float> z, Vector512<float> beta, out Vector512<float> derivative);

    static abstract Vector256<float> Apply(Vector256<float> z, Vector256<float> beta);

    static abstract Vector256<float> Apply(Vector256<float> z, Vector256<float> beta, out Vector256<float> derivative);
}
