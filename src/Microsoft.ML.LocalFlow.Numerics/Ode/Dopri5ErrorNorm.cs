namespace Microsoft.ML.LocalFlow.Numerics.Ode;

/// <summary>How Dopri5 turns the per-component scaled error err/(atol + rtol·max(|x|, |x_new|)) of a chunk into one number (a step is accepted when it is ≤ 1).</summary>
public enum Dopri5ErrorNorm
{
    /// <summary>
    /// The RMS over every component of every row of the chunk, as torchdiffeq (the official code) does for a batch.
    /// Cheap on ReLU fields, whose kinks make a few rows' local errors large; a row may then exceed the tolerance locally.
    /// </summary>
    ChunkRms = 0,

    /// <summary>
    /// The maximum over rows of each row's RMS: every row meets the tolerance. Much stricter (on a ReLU MLP it took
    /// about 30× the evaluations of <see cref="ChunkRms"/> at rtol = atol = 1e-5).
    /// </summary>
    RowMax = 1,
}
