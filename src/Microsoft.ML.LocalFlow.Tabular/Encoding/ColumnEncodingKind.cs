namespace Microsoft.ML.LocalFlow.Tabular.Encoding;

/// <summary>How one column occupies the encoded matrix.</summary>
public enum ColumnEncodingKind
{
    /// <summary>One coordinate, Gaussianised by the empirical CDF (<see cref="ContinuousEncoding.Quantile"/>).</summary>
    Quantile,

    /// <summary>One coordinate, (v − mean)/std (<see cref="ContinuousEncoding.Standardize"/>).</summary>
    Standardize,

    /// <summary>K coordinates, +1 at the level and −1 elsewhere (plus U(−½, ½) dequantisation noise); arg-max decode.</summary>
    OneHot,

    /// <summary>⌈log₂ K⌉ coordinates holding the level's binary code as ±1 (plus noise); decode by sign, constrained to valid codes.</summary>
    AnalogBits,
}
