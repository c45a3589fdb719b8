namespace Microsoft.ML.Runtime;

/// <summary>A snapshot of progress filled by a progress channel's fill action.</summary>
public interface IProgressEntry
{
    /// <summary>Sets the progress of unit <paramref name="index"/>.</summary>
    /// <param name="index">The unit index in the header.</param>
    /// <param name="value">The progress.</param>
    void SetProgress(int index, double value);

    /// <summary>Sets the progress of unit <paramref name="index"/> and its limit.</summary>
    /// <param name="index">The unit index in the header.</param>
    /// <param name="value">The progress.</param>
    /// <param name="lim">The limit (total).</param>
    void SetProgress(int index, double value, double lim);

    /// <summary>Sets metric <paramref name="index"/>.</summary>
    /// <param name="index">The metric index in the header.</param>
    /// <param name="value">The metric value.</param>
    void SetMetric(int index, double value);
}
