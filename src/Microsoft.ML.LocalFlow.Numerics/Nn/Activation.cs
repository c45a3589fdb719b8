namespace Microsoft.ML.LocalFlow.Numerics.Nn;

/// <summary>The nonlinearity applied after every hidden layer of an <see cref="Mlp"/>.</summary>
public enum Activation
{
    /// <summary>max(z, 0); derivative 1 for z &gt; 0, else 0 (the official LFM default).</summary>
    Relu = 0,

    /// <summary>SiLU (swish): z·σ(z); derivative σ(z)·(1 + z·(1 − σ(z))).</summary>
    Silu = 1,

    /// <summary>ELU with α = 1: z for z &gt; 0, else eᶻ − 1 (the official BSDS300 run).</summary>
    Elu = 2,

    /// <summary>Softplus log(1 + e^(βz))/β with β = <see cref="MlpShape.SoftplusBeta"/>; derivative σ(βz).</summary>
    Softplus = 3,

    /// <summary>tanh(z); derivative 1 − tanh²(z).</summary>
    Tanh = 4,
}
