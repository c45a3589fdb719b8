using Microsoft.ML.LocalFlow.Numerics.Gemm;
using GemmApi = Microsoft.ML.LocalFlow.Numerics.Gemm.Gemm;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Gemm;

[TestClass]
public sealed class GemmArgumentTests
{
    private static readonly float[] Big = new float[1000];

    private static ArgumentOutOfRangeException Call(MatrixOp opA, MatrixOp opB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
        => Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => GemmApi.Multiply(opA, opB, m, n, k, 1f,
            Big.AsSpan(0, aLength), lda, Big.AsSpan(0, bLength), ldb, 0f, new float[cLength], ldc));

    [TestMethod]
    [DataRow(-1, 2, 2, "m")]
    [DataRow(2, -3, 2, "n")]
    [DataRow(2, 2, -4, "k")]
    public void NegativeDimensionIsNamed(int m, int n, int k, string name)
    {
        var ex = Call(MatrixOp.None, MatrixOp.None, m, n, k, 100, 10, 100, 10, 100, 10);
        Assert.AreEqual(name, ex.ParamName);
        Assert.AreEqual(Math.Min(m, Math.Min(n, k)), ex.ActualValue);
    }

    [TestMethod]
    public void LeadingDimensionsTooSmallAreNamed()
    {
        // A is 4×5 as stored (NN) so lda ≥ 5; transposed it is stored 5×4 so lda ≥ 4.
        var ex = Call(MatrixOp.None, MatrixOp.None, 4, 3, 5, 100, 4, 100, 3, 100, 3);
        Assert.AreEqual("lda", ex.ParamName);
        Assert.AreEqual(4, ex.ActualValue);
        ex = Call(MatrixOp.Transpose, MatrixOp.None, 4, 3, 5, 100, 3, 100, 3, 100, 3);
        Assert.AreEqual("lda", ex.ParamName);
        Assert.AreEqual(3, ex.ActualValue);
        GemmApi.Multiply(MatrixOp.Transpose, MatrixOp.None, 4, 3, 5, 1f, Big.AsSpan(0, 20), 4, Big.AsSpan(0, 15), 3, 0f, new float[12], 3);

        ex = Call(MatrixOp.None, MatrixOp.None, 4, 3, 5, 100, 5, 100, 2, 100, 3);
        Assert.AreEqual("ldb", ex.ParamName);
        Assert.AreEqual(2, ex.ActualValue);
        ex = Call(MatrixOp.None, MatrixOp.Transpose, 4, 3, 5, 100, 5, 100, 4, 100, 3);
        Assert.AreEqual("ldb", ex.ParamName);
        ex = Call(MatrixOp.None, MatrixOp.None, 4, 3, 5, 100, 5, 100, 3, 100, 2);
        Assert.AreEqual("ldc", ex.ParamName);
        Assert.AreEqual(2, ex.ActualValue);
        ex = Call(MatrixOp.None, MatrixOp.None, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        Assert.AreEqual("lda", ex.ParamName, "a leading dimension is at least 1 even for empty matrices");
    }

    [TestMethod]
    public void ShortSpansAreNamed()
    {
        // NN 4×3×5 with lda = 6, ldb = 3, ldc = 4: A needs 3·6 + 5 = 23, B needs 4·3 + 3 = 15, C needs 3·4 + 3 = 15.
        var ex = Call(MatrixOp.None, MatrixOp.None, 4, 3, 5, 22, 6, 15, 3, 15, 4);
        Assert.AreEqual("a", ex.ParamName);
        Assert.AreEqual(22, ex.ActualValue);
        ex = Call(MatrixOp.None, MatrixOp.None, 4, 3, 5, 23, 6, 14, 3, 15, 4);
        Assert.AreEqual("b", ex.ParamName);
        Assert.AreEqual(14, ex.ActualValue);
        ex = Call(MatrixOp.None, MatrixOp.None, 4, 3, 5, 23, 6, 15, 3, 14, 4);
        Assert.AreEqual("c", ex.ParamName);
        Assert.AreEqual(14, ex.ActualValue);
        GemmApi.Multiply(MatrixOp.None, MatrixOp.None, 4, 3, 5, 1f, Big.AsSpan(0, 23), 6, Big.AsSpan(0, 15), 3, 0f, new float[15], 4);
    }

    [TestMethod]
    public void UndefinedOpIsNamed()
    {
        var ex = Call((MatrixOp)7, MatrixOp.None, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        Assert.AreEqual("opA", ex.ParamName);
        ex = Call(MatrixOp.None, (MatrixOp)(-1), 1, 1, 1, 1, 1, 1, 1, 1, 1);
        Assert.AreEqual("opB", ex.ParamName);
    }
}
