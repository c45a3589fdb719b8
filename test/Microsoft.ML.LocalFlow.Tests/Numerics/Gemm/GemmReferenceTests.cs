using Microsoft.ML.LocalFlow.Numerics.Gemm;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Gemm;

[TestClass]
public sealed class GemmReferenceTests
{
    [TestMethod]
    public void ReferenceMatchesHandComputed2x2()
    {
        float[] a = [1, 2, 3, 4];
        float[] b = [5, 6, 7, 8];
        float[] c = [float.NaN, float.NaN, float.NaN, float.NaN];
        GemmReference.Multiply(MatrixOp.None, MatrixOp.None, 2, 2, 2, 1f, a, 2, b, 2, 0f, c, 2);
        CollectionAssert.AreEqual(new float[] { 19, 22, 43, 50 }, c);
        GemmReference.Multiply(MatrixOp.Transpose, MatrixOp.None, 2, 2, 2, 1f, a, 2, b, 2, 1f, c, 2);
        CollectionAssert.AreEqual(new float[] { 19 + 26, 22 + 30, 43 + 38, 50 + 44 }, c);
    }
}
