namespace Microsoft.ML.LocalFlow;

/// <summary>
/// A numeric range of a <see cref="LocalFlowSearchSpace"/>, sampled uniformly, or uniformly in log scale (like ML.NET AutoML's
/// <c>UniformDoubleOption(min, max, logBase)</c>). A range with <see cref="Min"/> = <see cref="Max"/> is a constant.
/// </summary>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
/// <param name="LogScale">Sample log(value) uniformly (for learning rates and step sizes); needs <see cref="Min"/> &gt; 0.</param>
public readonly record struct SearchRange(double Min, double Max, bool LogScale = false)
{
    /// <summary>The value at quantile <paramref name="u"/> ∈ [0, 1] of the range.</summary>
    /// <param name="u">The quantile.</param>
    /// <returns>Min + u·(Max − Min), or its log-scale counterpart.</returns>
    public double At(double u) => LogScale
        ? Math.Exp(Math.Log(Min) + (u * (Math.Log(Max) - Math.Log(Min))))
        : Min + (u * (Max - Min));

    /// <summary>Checks the range.</summary>
    /// <param name="name">The search-space property, for the message.</param>
    /// <exception cref="ArgumentOutOfRangeException">Not finite, Min &gt; Max, or a log range with Min ≤ 0; the parameter name is <paramref name="name"/>.</exception>
    public void Validate(string name)
    {
        if (!double.IsFinite(Min) || !double.IsFinite(Max) || Min > Max || (LogScale && Min <= 0))
        {
            throw new ArgumentOutOfRangeException(name, this, $"{name} is [{Min}, {Max}]{(LogScale ? " (log scale)" : string.Empty)}; a range must be finite with Min ≤ Max, and Min > 0 in log scale.");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Min == Max ? $"{Min}" : $"[{Min}, {Max}]{(LogScale ? " log" : string.Empty)}";
}
