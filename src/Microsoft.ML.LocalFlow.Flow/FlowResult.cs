namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>What a sampling or likelihood call cost.</summary>
/// <param name="Rows">Rows produced or scored.</param>
/// <param name="FunctionEvaluations">Network evaluations each row went through, summed over blocks (NFE; Dopri5: the maximum over chunks).</param>
/// <param name="Elapsed">Wall time of the call.</param>
public readonly record struct FlowResult(int Rows, int FunctionEvaluations, TimeSpan Elapsed)
{
    /// <summary>Rows per second.</summary>
    public double RowsPerSecond => Elapsed > TimeSpan.Zero ? Rows / Elapsed.TotalSeconds : double.PositiveInfinity;
}
