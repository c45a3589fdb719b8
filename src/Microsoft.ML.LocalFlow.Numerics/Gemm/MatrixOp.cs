namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

/// <summary>How a GEMM operand is read: as stored, or transposed.</summary>
public enum MatrixOp
{
    /// <summary>op(X) = X.</summary>
    None = 0,

    /// <summary>op(X) = Xᵀ.</summary>
    Transpose = 1,
}
