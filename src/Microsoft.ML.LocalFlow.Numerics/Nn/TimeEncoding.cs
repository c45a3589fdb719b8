namespace Microsoft.ML.LocalFlow.Numerics.Nn;

/// <summary>How the time t enters the first layer of an <see cref="Mlp"/>.</summary>
public enum TimeEncoding
{
    /// <summary>One column holding t itself, as in the official LFM code.</summary>
    Raw = 0,

    /// <summary>
    /// 2·F columns [sin(πkt), cos(πkt)] for k = 1..F (F = <see cref="MlpShape.FourierFrequencies"/>), interleaved
    /// per k. Frequencies are multiples of π, not 2π, so that t = 0 and t = 1 map to different features.
    /// </summary>
    Fourier = 1,
}
