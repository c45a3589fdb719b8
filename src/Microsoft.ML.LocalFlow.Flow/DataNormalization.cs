namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>
/// Per-column standardisation z = (x − mean)/std applied before the flow, with the rule for constant columns.
/// </summary>
/// <remarks>
/// <para>Constant columns (every training value equal) carry no density: they are dropped from the flow, sampled
/// back exactly as their constant, and contribute nothing to log p (log p is the density of the other columns;
/// a scored row whose constant column differs from the training constant gets log p = −∞). So the flow dimension
/// is the number of non-constant columns; a table whose columns are all constant is rejected.</para>
/// <para>std is the population standard deviation (divide by n), as the reference code uses.</para>
/// </remarks>
public sealed class DataNormalization
{
    private readonly double[] _mean;
    private readonly double[] _std;
    private readonly int[] _active;

    /// <summary>Creates a normalisation from its parts (used by deserialisation).</summary>
    /// <param name="mean">Per-column mean (length d); for constant columns, the constant.</param>
    /// <param name="std">Per-column std (length d); 0 marks a constant column.</param>
    /// <exception cref="ArgumentException">Lengths differ, a value is not finite, a std is negative, or every column is constant.</exception>
    public DataNormalization(double[] mean, double[] std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Length != std.Length || mean.Length == 0)
        {
            throw new ArgumentException($"mean ({mean.Length}) and std ({std.Length}) must have the same non-zero length.", nameof(std));
        }

        var active = new List<int>();
        for (int j = 0; j < mean.Length; j++)
        {
            if (!double.IsFinite(mean[j]) || !double.IsFinite(std[j]) || std[j] < 0)
            {
                throw new ArgumentException($"Column {j}: mean {mean[j]} and std {std[j]} must be finite, std ≥ 0.", nameof(std));
            }

            if (std[j] > 0)
            {
                active.Add(j);
            }
        }

        if (active.Count == 0)
        {
            throw new ArgumentException("Every column is constant; there is no distribution to learn.", nameof(std));
        }

        _mean = (double[])mean.Clone();
        _std = (double[])std.Clone();
        _active = [.. active];
        double s = 0;
        foreach (int j in _active)
        {
            s += Math.Log(_std[j]);
        }

        LogJacobian = -s;
    }

    /// <summary>Columns d of the original data.</summary>
    public int Dimension => _mean.Length;

    /// <summary>Columns the flow models (the non-constant ones).</summary>
    public int FlowDimension => _active.Length;

    /// <summary>Per-column means (constant columns: the constant).</summary>
    public IReadOnlyList<double> Mean => _mean;

    /// <summary>Per-column population std (0 for constant columns).</summary>
    public IReadOnlyList<double> StandardDeviation => _std;

    /// <summary>Indices of the non-constant columns, ascending.</summary>
    public IReadOnlyList<int> ActiveColumns => _active;

    /// <summary>log |det ∂z/∂x| = −Σ_active log std: add it to the flow's log-density of z to get log p(x) in original units.</summary>
    public double LogJacobian { get; }

    /// <summary>Computes the means and standard deviations of <paramref name="data"/>.</summary>
    /// <param name="data">rows × d, row-major.</param>
    /// <param name="rows">Rows, at least 2.</param>
    /// <param name="dimension">d, at least 1.</param>
    /// <returns>The normalisation.</returns>
    /// <exception cref="ArgumentException">Too few rows, a non-finite value (the message gives its row and column), or all columns constant.</exception>
    public static DataNormalization Fit(ReadOnlySpan<float> data, int rows, int dimension)
    {
        CheckShape(data, rows, dimension, nameof(data));
        if (rows < 2)
        {
            throw new ArgumentException($"At least 2 rows are needed to fit a distribution; got {rows}.", nameof(rows));
        }

        var mean = new double[dimension];
        var m2 = new double[dimension];
        var min = new float[dimension];
        var max = new float[dimension];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < dimension; j++)
            {
                float v = data[(r * dimension) + j];
                if (!float.IsFinite(v))
                {
                    throw new ArgumentException($"Row {r}, column {j}: the value {v} is not finite.", nameof(data));
                }

                if (r == 0)
                {
                    min[j] = max[j] = v;
                }
                else
                {
                    min[j] = Math.Min(min[j], v);
                    max[j] = Math.Max(max[j], v);
                }

                // Welford: stable for large offsets.
                double delta = v - mean[j];
                mean[j] += delta / (r + 1);
                m2[j] += delta * (v - mean[j]);
            }
        }

        var std = new double[dimension];
        for (int j = 0; j < dimension; j++)
        {
            if (min[j] == max[j])
            {
                mean[j] = min[j];
                std[j] = 0;
            }
            else
            {
                std[j] = Math.Sqrt(m2[j] / rows);
            }
        }

        return new DataNormalization(mean, std);
    }

    /// <summary>Maps original rows to flow coordinates: the active columns, standardised.</summary>
    /// <param name="x">rows × <see cref="Dimension"/>.</param>
    /// <param name="rows">Rows.</param>
    /// <param name="z">Destination rows × <see cref="FlowDimension"/>.</param>
    public void Normalize(ReadOnlySpan<float> x, int rows, Span<float> z)
    {
        int d = Dimension, f = FlowDimension;
        for (int r = 0; r < rows; r++)
        {
            for (int k = 0; k < f; k++)
            {
                int j = _active[k];
                z[(r * f) + k] = (float)((x[(r * d) + j] - _mean[j]) / _std[j]);
            }
        }
    }

    /// <summary>Maps flow coordinates back to original rows; constant columns get their constant.</summary>
    /// <param name="z">rows × <see cref="FlowDimension"/>.</param>
    /// <param name="rows">Rows.</param>
    /// <param name="x">Destination rows × <see cref="Dimension"/>.</param>
    public void Denormalize(ReadOnlySpan<float> z, int rows, Span<float> x)
    {
        int d = Dimension, f = FlowDimension;
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < d; j++)
            {
                x[(r * d) + j] = (float)_mean[j];
            }

            for (int k = 0; k < f; k++)
            {
                int j = _active[k];
                x[(r * d) + j] = (float)(_mean[j] + (_std[j] * z[(r * f) + k]));
            }
        }
    }

    /// <summary>Whether row <paramref name="row"/> of <paramref name="x"/> has every constant column equal to its constant.</summary>
    /// <param name="x">rows × <see cref="Dimension"/>.</param>
    /// <param name="row">Row index.</param>
    /// <returns>True when the constant columns match (always true without constant columns).</returns>
    public bool ConstantsMatch(ReadOnlySpan<float> x, int row)
    {
        if (FlowDimension == Dimension)
        {
            return true;
        }

        int d = Dimension;
        for (int j = 0; j < d; j++)
        {
            if (_std[j] == 0 && x[(row * d) + j] != (float)_mean[j])
            {
                return false;
            }
        }

        return true;
    }

    internal static void CheckShape(ReadOnlySpan<float> data, int rows, int dimension, string name)
    {
        if (rows < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, "The row count must be at least 0.");
        }

        if (dimension < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "The dimension must be at least 1.");
        }

        if ((long)rows * dimension != data.Length)
        {
            throw new ArgumentException($"{name} holds {data.Length} values; {rows} rows × {dimension} columns need {(long)rows * dimension}.", name);
        }
    }
}
