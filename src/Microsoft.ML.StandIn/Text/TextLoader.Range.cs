namespace Microsoft.ML.Data;

public sealed partial class TextLoader
{
    /// <summary>A range of 0-based source fields.</summary>
    public sealed class Range
    {
        /// <summary>An empty range (field 0).</summary>
        public Range()
        {
        }

        /// <summary>The single field <paramref name="index"/> (a scalar unless other ranges join it).</summary>
        /// <param name="index">The field index, ≥ 0.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
        public Range(int index)
        {
            if (index < 0)
                throw new ArgumentOutOfRangeException(nameof(index), index, "Must be non-negative.");
            Min = index;
            Max = index;
        }

        /// <summary>The fields <paramref name="min"/>..<paramref name="max"/>, always a vector; <paramref name="max"/> null = to the end of the line.</summary>
        /// <param name="min">The first field, ≥ 0.</param>
        /// <param name="max">The last field (≥ min), or null for <see cref="AutoEnd"/>.</param>
        /// <exception cref="ArgumentOutOfRangeException">The bounds are invalid.</exception>
        public Range(int min, int? max)
        {
            if (min < 0)
                throw new ArgumentOutOfRangeException(nameof(min), min, "Must be non-negative.");
            if (max < min)
                throw new ArgumentOutOfRangeException(nameof(max), max, $"Must be at least min ({min}).");
            Min = min;
            Max = max;
            ForceVector = true;
            AutoEnd = max is null;
        }

        /// <summary>The first field.</summary>
        public int Min;

        /// <summary>The last field, or null with <see cref="AutoEnd"/>/<see cref="VariableEnd"/>.</summary>
        public int? Max;

        /// <summary>The range ends at the last field of the input (size fixed by the first line).</summary>
        public bool AutoEnd;

        /// <summary>The range ends at the last field of each line (variable size; not supported by the stand-in).</summary>
        public bool VariableEnd;

        /// <summary>All fields not used by other columns (not supported by the stand-in).</summary>
        public bool AllOther;

        /// <summary>Makes the column a vector even for a single field.</summary>
        public bool ForceVector;
    }
}
