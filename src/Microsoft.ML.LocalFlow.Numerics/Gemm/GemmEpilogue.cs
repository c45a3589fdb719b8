using Microsoft.ML.LocalFlow.Numerics.Nn;

namespace Microsoft.ML.LocalFlow.Numerics.Gemm;

/// <summary>
/// An element-wise step a GEMM applies to each band of C right after the band's last rank-kc update, while it is
/// still in L1, instead of a separate pass that reads and writes all of C again.
/// </summary>
/// <remarks>
/// <para>
/// Assumptions: C is m×n with row stride ldc (the GEMM's). <see cref="Derivative"/> and <see cref="Source"/> are
/// m×n matrices with the same row stride ldc (at least (m − 1)·ldc + n floats); <see cref="Bias"/> has at least n
/// entries. None of them may overlap C. The epilogue runs after α and β are applied, so its result is exactly that
/// of the GEMM followed by the same element-wise pass (φ is evaluated per element; the vector width used for a
/// column depends only on the shape and the thread count's fixed partition, so the bits never depend on scheduling).
/// </para>
/// <para>
/// <see cref="GemmEpilogueKind.BiasActivation"/>: C[i, j] ← φ(C[i, j] + bias[j]); when <see cref="Derivative"/> is
/// not empty it receives φ'(C[i, j] + bias[j]). <see cref="GemmEpilogueKind.ActivationGradient"/>:
/// C[i, j] ← C[i, j]·φ'(S[i, j]) where S = <see cref="Source"/> is the activation a = φ(z) for ReLU, ELU and tanh
/// and the stored φ'(z) itself for SiLU and softplus (the forward pass's derivative buffer).
/// </para>
/// <para>
/// Independently of <see cref="Kind"/>, a non-empty <see cref="ColumnSums"/> (at least n entries, not overlapping A,
/// B or C) receives the column sums of op(B): s[j] ← α·Σ_p op(B)[p, j] + β·s[j] for j &lt; n, with the call's α and β
/// (β = 0 never reads s). That is the extra row C would get if op(A) had a row of ones appended, i.e. the bias
/// gradient Σ_rows dZ that goes with the weight gradient Xᵀ·dZ. The sums are taken while op(B) is packed (see
/// <see cref="GemmColumnSums"/> for the fixed summation order: the bits depend on B, α and β only, never on the thread
/// count or the loop nest). k = 0 or α = 0 gives s = β·s, like C; m = 0 still computes s.
/// </para>
/// </remarks>
internal readonly ref struct GemmEpilogue
{
    private GemmEpilogue(GemmEpilogueKind kind, Activation activation, ReadOnlySpan<float> bias, Span<float> derivative,
        ReadOnlySpan<float> source, float softplusBeta, Span<float> columnSums = default)
    {
        ColumnSums = columnSums;
        Kind = kind;
        Activation = activation;
        Bias = bias;
        Derivative = derivative;
        Source = source;
        SoftplusBeta = softplusBeta;
    }

    /// <summary>No epilogue.</summary>
    public static GemmEpilogue None => default;

    /// <summary>The step to apply.</summary>
    public GemmEpilogueKind Kind { get; }

    /// <summary>φ.</summary>
    public Activation Activation { get; }

    /// <summary>Per-column bias, at least n entries (<see cref="GemmEpilogueKind.BiasActivation"/>).</summary>
    public ReadOnlySpan<float> Bias { get; }

    /// <summary>Optional output of φ' (<see cref="GemmEpilogueKind.BiasActivation"/>), row stride ldc.</summary>
    public Span<float> Derivative { get; }

    /// <summary>What φ' is recovered from (<see cref="GemmEpilogueKind.ActivationGradient"/>), row stride ldc.</summary>
    public ReadOnlySpan<float> Source { get; }

    /// <summary>The softplus sharpness β (ignored by the other activations).</summary>
    public float SoftplusBeta { get; }

    /// <summary>Empty, or at least n floats that receive α·(column sums of op(B)) + β·themselves.</summary>
    public Span<float> ColumnSums { get; }

    /// <summary>C ← φ(C + bias), and derivative ← φ'(C + bias) when <paramref name="derivative"/> is not empty.</summary>
    /// <param name="bias">At least n entries.</param>
    /// <param name="activation">φ.</param>
    /// <param name="softplusBeta">The softplus sharpness.</param>
    /// <param name="derivative">Empty, or m×n with row stride ldc.</param>
    /// <returns>The epilogue.</returns>
    public static GemmEpilogue BiasActivation(ReadOnlySpan<float> bias, Activation activation, float softplusBeta,
        Span<float> derivative = default)
        => new(GemmEpilogueKind.BiasActivation, activation, bias, derivative, default, softplusBeta);

    /// <summary>C ← C ⊙ φ'(source): the backward step through φ.</summary>
    /// <param name="activation">φ.</param>
    /// <param name="source">m×n with row stride ldc: φ(z) for ReLU, ELU, tanh; φ'(z) for SiLU and softplus.</param>
    /// <returns>The epilogue.</returns>
    public static GemmEpilogue ActivationGradient(Activation activation, ReadOnlySpan<float> source)
        => new(GemmEpilogueKind.ActivationGradient, activation, default, default, source, 1f);

    /// <summary>
    /// No element-wise step on C; <paramref name="sums"/>[j] ← α·Σ_p op(B)[p, j] + β·<paramref name="sums"/>[j]
    /// for j &lt; n (the bias gradient that goes with a weight gradient Xᵀ·dZ, taken while dZ is packed).
    /// </summary>
    /// <param name="sums">At least n floats; not overlapping A, B or C.</param>
    /// <returns>The epilogue.</returns>
    public static GemmEpilogue ColumnSumsOfB(Span<float> sums)
        => new(GemmEpilogueKind.None, default, default, default, default, 1f, sums);

    /// <summary>This epilogue, also writing the column sums of op(B) into <paramref name="sums"/> (see <see cref="ColumnSumsOfB"/>).</summary>
    /// <param name="sums">At least n floats; not overlapping A, B or C.</param>
    /// <returns>The epilogue.</returns>
    public GemmEpilogue WithColumnSums(Span<float> sums)
        => new(Kind, Activation, Bias, Derivative, Source, SoftplusBeta, sums);
}
