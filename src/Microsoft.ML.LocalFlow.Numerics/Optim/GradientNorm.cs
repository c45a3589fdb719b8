using System.Numerics.Tensors;

namespace Microsoft.ML.LocalFlow.Numerics.Optim;

/// <summary>
/// The Euclidean norm of a gradient, summed in fixed blocks so that the bits do not depend on the thread count,
/// with NaN/∞ detection.
/// </summary>
/// <remarks>
/// Assumptions: the span is contiguous. Each block of <see cref="BlockSize"/> floats is reduced by
/// <see cref="TensorPrimitives.SumOfSquares{T}(ReadOnlySpan{T})"/> in float, and the block sums are added in double
/// in block order. A non-finite total is resolved by a scalar scan: a NaN/∞ entry throws, and a merely overflowing
/// float block sum is recomputed in double.
/// </remarks>
internal static class GradientNorm
{
    public const int BlockSize = 4096;

    public static int BlockCount(int length) => (length + BlockSize - 1) / BlockSize;

    /// <summary>Writes the sum of squares of each block in [firstBlock, endBlock) into <paramref name="blockSums"/>.</summary>
    public static void BlockSums(ReadOnlySpan<float> gradient, int firstBlock, int endBlock, Span<double> blockSums)
    {
        for (int b = firstBlock; b < endBlock; b++)
        {
            int start = b * BlockSize;
            ReadOnlySpan<float> block = gradient.Slice(start, Math.Min(BlockSize, gradient.Length - start));
            float sum = TensorPrimitives.SumOfSquares(block);
            blockSums[b] = float.IsFinite(sum) ? sum : Exact(block, start);
        }
    }

    /// <summary>Adds the block sums in order and returns the norm.</summary>
    public static double Combine(ReadOnlySpan<double> blockSums)
    {
        double total = 0;
        foreach (double s in blockSums)
        {
            total += s;
        }

        return Math.Sqrt(total);
    }

    /// <summary>The norm of <paramref name="gradient"/> on the calling thread.</summary>
    /// <exception cref="NonFiniteValueException">An entry is NaN or infinite.</exception>
    public static double Compute(ReadOnlySpan<float> gradient)
    {
        double total = 0;
        for (int start = 0; start < gradient.Length; start += BlockSize)
        {
            ReadOnlySpan<float> block = gradient.Slice(start, Math.Min(BlockSize, gradient.Length - start));
            float sum = TensorPrimitives.SumOfSquares(block);
            total += float.IsFinite(sum) ? sum : Exact(block, start);
        }

        return Math.Sqrt(total);
    }

    private static double Exact(ReadOnlySpan<float> block, int offset)
    {
        double sum = 0;
        for (int i = 0; i < block.Length; i++)
        {
            float v = block[i];
            if (!float.IsFinite(v))
            {
                throw new NonFiniteValueException("gradient", offset + i, v);
            }

            sum += (double)v * v;
        }

        return sum;
    }
}
