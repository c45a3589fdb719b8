using Microsoft.ML.LocalFlow.Numerics.Gemm;
using Microsoft.ML.LocalFlow.Numerics.Nn.Kernels;
using Microsoft.ML.LocalFlow.Numerics.Random;
using Microsoft.ML.LocalFlow.Numerics.Threading;
using GemmOps = Microsoft.ML.LocalFlow.Numerics.Gemm.Gemm;

namespace Microsoft.ML.LocalFlow.Numerics.Nn;

/// <summary>
/// A multilayer perceptron velocity field v(t, x[, c]) ∈ ℝᵈ with fused bias + activation, backward pass, and exact or
/// Hutchinson divergence tr(∂v/∂x). See <see cref="MlpShape"/> for the architecture and the parameter layout.
/// </summary>
/// <remarks>
/// <para>
/// Batches are row-major: x is rows × d, the condition rows × c, the output rows × d, and t has one entry per row
/// (or a single entry used for every row). Layer i computes Y = X·Wᵢ + bᵢ with Wᵢ stored in × out, so the three
/// products of a training step are GEMMs without transposed copies: X·W (forward), dY·Wᵀ (input gradient) and
/// Xᵀ·dY (weight gradient).
/// </para>
/// <para>
/// Methods never allocate after the workspaces exist. The parameters are read, never written, by forward passes, so
/// one model may be evaluated from several threads at once with separate workspaces. With a
/// <see cref="WorkerPool"/>, results depend only on its thread count.
/// </para>
/// </remarks>
public sealed class Mlp
{
    private readonly float[] _parameters;

    /// <summary>Creates a model with PyTorch-style initialisation: every Wᵢ and bᵢ uniform in ±1/√inᵢ.</summary>
    /// <param name="shape">The architecture.</param>
    /// <param name="seed">Seed of the <see cref="Rng"/> that draws the initial weights.</param>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    public Mlp(MlpShape shape, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.Validate();
        Shape = shape;
        _parameters = new float[shape.ParameterCount];
        var rng = new Rng(seed);
        for (int i = 0; i < shape.LayerCount; i++)
        {
            float bound = 1f / MathF.Sqrt(shape.LayerInputWidth(i));
            int count = (shape.LayerInputWidth(i) + 1) * shape.LayerOutputWidth(i);
            rng.FillUniform(_parameters.AsSpan(shape.WeightOffset(i), count), -bound, bound);
        }
    }

    /// <summary>Creates a model from a saved parameter vector (layout in <see cref="MlpShape"/>).</summary>
    /// <param name="shape">The architecture.</param>
    /// <param name="parameters">Exactly <see cref="MlpShape.ParameterCount"/> finite values.</param>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> has the wrong length or a non-finite value.</exception>
    public Mlp(MlpShape shape, ReadOnlySpan<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.Validate();
        if (parameters.Length != shape.ParameterCount)
        {
            throw new ArgumentException($"Expected {shape.ParameterCount} parameters for this shape, got {parameters.Length}.", nameof(parameters));
        }

        for (int i = 0; i < parameters.Length; i++)
        {
            if (!float.IsFinite(parameters[i]))
            {
                throw new ArgumentException($"Parameter {i} is {parameters[i]}; every parameter must be finite.", nameof(parameters));
            }
        }

        Shape = shape;
        _parameters = parameters.ToArray();
    }

    /// <summary>The architecture.</summary>
    public MlpShape Shape { get; }

    /// <summary>The number of parameters (length of <see cref="Parameters"/>).</summary>
    public int ParameterCount => _parameters.Length;

    /// <summary>
    /// The parameters as one contiguous span, for the optimiser and serialization; layout: for each layer i,
    /// Wᵢ (inᵢ × outᵢ, row-major) then bᵢ (see <see cref="MlpShape.WeightOffset"/>, <see cref="MlpShape.BiasOffset"/>).
    /// </summary>
    public Span<float> Parameters => _parameters;

    /// <summary>Copies the parameters of <paramref name="other"/> into this model (e.g. a warm start or an EMA copy).</summary>
    /// <param name="other">A model of an equal shape.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void CopyParametersFrom(Mlp other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!Shape.Equals(other.Shape))
        {
            throw new ArgumentException($"Cannot copy parameters from shape {other.Shape} into shape {Shape}.", nameof(other));
        }

        other._parameters.CopyTo(_parameters, 0);
    }

    /// <summary>Returns a new model with the same shape and a copy of the parameters.</summary>
    /// <returns>An independent copy.</returns>
    public Mlp Clone() => new(Shape, _parameters);

    /// <summary>
    /// Training forward pass: output = v(t, x, c) for <paramref name="rows"/> rows, keeping what
    /// <see cref="Backward"/> needs in <paramref name="workspace"/>.
    /// </summary>
    /// <param name="t">Times: <paramref name="rows"/> entries, or 1 entry shared by every row.</param>
    /// <param name="x">rows × d positions, row-major.</param>
    /// <param name="condition">rows × c conditions, or empty when c = 0.</param>
    /// <param name="rows">The batch size, in [0, workspace.MaxRows].</param>
    /// <param name="output">rows × d; receives the velocity.</param>
    /// <param name="workspace">A workspace for this shape.</param>
    /// <param name="pool">Threads to use; null runs on the calling thread.</param>
    /// <exception cref="ArgumentException">A span length, the row count or the workspace does not match (the message names it).</exception>
    public void Forward(ReadOnlySpan<float> t, ReadOnlySpan<float> x, ReadOnlySpan<float> condition, int rows,
        Span<float> output, MlpWorkspace workspace, WorkerPool? pool = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        CheckWorkspace(workspace.Shape, workspace.MaxRows, rows, nameof(workspace));
        CheckInputs(t, x, condition, rows, output);
        MlpShape s = Shape;
        int h = s.HiddenWidth;
        int d = s.DataDimension;
        workspace.Owner = null;
        BuildInput(t, x, condition, rows, workspace.Input);

        float[] source = workspace.Input;
        int sourceWidth = s.InputWidth;
        for (int i = 0; i < s.HiddenLayers; i++)
        {
            float[] z = workspace.Activations[i];
            // Bias + activation (and φ' where it must be stored) fused into the GEMM's write-back of each band of C.
            Span<float> derivative = ActivationKernels.StoresDerivative(s.Activation) ? workspace.Derivatives[i].AsSpan(0, rows * h) : default;
            GemmOps.Multiply(MatrixOp.None, MatrixOp.None, rows, h, sourceWidth, 1f,
                source.AsSpan(0, rows * sourceWidth), sourceWidth, Weight(i), h, 0f, z.AsSpan(0, rows * h), h, pool,
                GemmEpilogue.BiasActivation(Bias(i), s.Activation, s.SoftplusBeta, derivative));
            source = z;
            sourceWidth = h;
        }

        int last = s.HiddenLayers;
        GemmOps.Multiply(MatrixOp.None, MatrixOp.None, rows, d, h, 1f, source.AsSpan(0, rows * h), h, Weight(last), d, 0f, output, d, pool);
        ActivationKernels.AddBias(output, rows, d, Bias(last));
        workspace.Rows = rows;
        workspace.Owner = this;
    }

    /// <summary>
    /// Backward pass of the last <see cref="Forward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, MlpWorkspace, WorkerPool?)"/>
    /// on <paramref name="workspace"/>: given ∂L/∂output, computes ∂L/∂parameters and optionally ∂L/∂x.
    /// </summary>
    /// <param name="outputGradient">rows × d: ∂L/∂output.</param>
    /// <param name="workspace">The workspace of the forward pass, run by this model.</param>
    /// <param name="parameterGradient"><see cref="ParameterCount"/> entries, same layout as <see cref="Parameters"/>; overwritten, or added to when <paramref name="accumulate"/>.</param>
    /// <param name="inputGradient">rows × d: receives ∂L/∂x (overwritten); empty to skip that product.</param>
    /// <param name="pool">Threads to use; null runs on the calling thread.</param>
    /// <param name="accumulate">Whether to add to <paramref name="parameterGradient"/> instead of overwriting it (several time draws per step).</param>
    /// <exception cref="InvalidOperationException">No forward pass by this model is held in <paramref name="workspace"/>.</exception>
    /// <exception cref="ArgumentException">A span length does not match (the message names it).</exception>
    public void Backward(ReadOnlySpan<float> outputGradient, MlpWorkspace workspace, Span<float> parameterGradient,
        Span<float> inputGradient, WorkerPool? pool = null, bool accumulate = false)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (!ReferenceEquals(workspace.Owner, this))
        {
            throw new InvalidOperationException("The workspace holds no forward pass of this model; call Forward with it first.");
        }

        MlpShape s = Shape;
        int rows = workspace.Rows;
        int h = s.HiddenWidth;
        int d = s.DataDimension;
        CheckLength(outputGradient.Length, rows * d, nameof(outputGradient), "rows × d");
        CheckLength(parameterGradient.Length, ParameterCount, nameof(parameterGradient), "ParameterCount");
        if (!inputGradient.IsEmpty)
        {
            CheckLength(inputGradient.Length, rows * d, nameof(inputGradient), "rows × d (or empty)");
        }

        float beta = accumulate ? 1f : 0f;
        int last = s.HiddenLayers;

        // Output layer (linear): dW = Aᵀ·dY, db = Σ_rows dY (taken by the same GEMM, β alike), dA = dY·Wᵀ.
        float[] lastActivation = workspace.Activations[last - 1];
        GemmOps.Multiply(MatrixOp.Transpose, MatrixOp.None, h, d, rows, 1f, lastActivation.AsSpan(0, rows * h), h,
            outputGradient, d, beta, parameterGradient.Slice(s.WeightOffset(last), h * d), d, pool,
            GemmEpilogue.ColumnSumsOfB(parameterGradient.Slice(s.BiasOffset(last), d)));
        float[] current = workspace.GradientA;
        float[] spare = workspace.GradientB;

        // dZ = dA ⊙ φ'(Z) is the epilogue of the GEMM that produces dA, applied to each band of C while it is in L1.
        GemmOps.Multiply(MatrixOp.None, MatrixOp.Transpose, rows, h, d, 1f, outputGradient, d, Weight(last), d, 0f,
            current.AsSpan(0, rows * h), h, pool, GemmEpilogue.ActivationGradient(s.Activation, DerivativeSource(workspace, last - 1, rows)));

        for (int i = last - 1; i >= 0; i--)
        {
            // current holds dZ: dW = Xᵀ·dZ, and db = Σ_rows dZ summed while the GEMM packs dZ (no separate pass;
            // each column is summed in a fixed order by one part, so the bits do not depend on the thread count).
            float[] layerInput = i == 0 ? workspace.Input : workspace.Activations[i - 1];
            int inWidth = i == 0 ? s.InputWidth : h;
            GemmOps.Multiply(MatrixOp.Transpose, MatrixOp.None, inWidth, h, rows, 1f, layerInput.AsSpan(0, rows * inWidth), inWidth,
                current.AsSpan(0, rows * h), h, beta, parameterGradient.Slice(s.WeightOffset(i), inWidth * h), h, pool,
                GemmEpilogue.ColumnSumsOfB(parameterGradient.Slice(s.BiasOffset(i), h)));

            if (i > 0)
            {
                GemmOps.Multiply(MatrixOp.None, MatrixOp.Transpose, rows, h, h, 1f, current.AsSpan(0, rows * h), h, Weight(i), h, 0f,
                    spare.AsSpan(0, rows * h), h, pool, GemmEpilogue.ActivationGradient(s.Activation, DerivativeSource(workspace, i - 1, rows)));
                (current, spare) = (spare, current);
            }
            else if (!inputGradient.IsEmpty)
            {
                // Only the x rows of W₀ (the first d) matter for ∂L/∂x.
                GemmOps.Multiply(MatrixOp.None, MatrixOp.Transpose, rows, d, h, 1f, current.AsSpan(0, rows * h), h,
                    _parameters.AsSpan(s.WeightOffset(0), d * h), h, 0f, inputGradient, d, pool);
            }
        }
    }

    /// <summary>Inference forward pass: output = v(t, x, c), keeping no gradient buffers.</summary>
    /// <param name="t">Times: <paramref name="rows"/> entries, or 1 entry shared by every row.</param>
    /// <param name="x">rows × d positions.</param>
    /// <param name="condition">rows × c conditions, or empty when c = 0.</param>
    /// <param name="rows">The batch size, in [0, workspace.MaxRows].</param>
    /// <param name="output">rows × d; receives the velocity.</param>
    /// <param name="workspace">An inference workspace for this shape.</param>
    /// <param name="pool">Threads to use; null runs on the calling thread.</param>
    /// <exception cref="ArgumentException">A span length, the row count or the workspace does not match (the message names it).</exception>
    public void Forward(ReadOnlySpan<float> t, ReadOnlySpan<float> x, ReadOnlySpan<float> condition, int rows,
        Span<float> output, MlpInferenceWorkspace workspace, WorkerPool? pool = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        CheckWorkspace(workspace.Shape, workspace.MaxRows, rows, nameof(workspace));
        CheckInputs(t, x, condition, rows, output);
        InferenceForward(t, x, condition, rows, output, workspace, pool);
    }

    /// <summary>
    /// Forward pass plus the exact divergence tr(∂v/∂x) per row, by forward-mode tangents: the d unit directions of
    /// every row are pushed through the layers (batch·d tangent rows), costing about d forward passes of the hidden
    /// layers. Meant for d up to about 64; for wider data use <see cref="ForwardWithDivergenceEstimate"/>.
    /// </summary>
    /// <param name="t">Times: <paramref name="rows"/> entries, or 1 entry shared by every row.</param>
    /// <param name="x">rows × d positions.</param>
    /// <param name="condition">rows × c conditions, or empty when c = 0.</param>
    /// <param name="rows">The batch size, in [0, workspace.MaxRows].</param>
    /// <param name="output">rows × d; receives the velocity.</param>
    /// <param name="divergence">rows; receives Σⱼ ∂vⱼ/∂xⱼ.</param>
    /// <param name="workspace">An inference workspace for this shape (its first divergence call allocates the tangent buffers).</param>
    /// <param name="pool">Threads to use; null runs on the calling thread.</param>
    /// <exception cref="ArgumentException">A span length, the row count or the workspace does not match (the message names it).</exception>
    public void ForwardWithDivergence(ReadOnlySpan<float> t, ReadOnlySpan<float> x, ReadOnlySpan<float> condition, int rows,
        Span<float> output, Span<float> divergence, MlpInferenceWorkspace workspace, WorkerPool? pool = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        CheckWorkspace(workspace.Shape, workspace.MaxRows, rows, nameof(workspace));
        CheckInputs(t, x, condition, rows, output);
        CheckLength(divergence.Length, rows, nameof(divergence), "rows");
        TangentForward(t, x, condition, rows, output, divergence, workspace, pool, probes: 0, rng: null, ProbeDistribution.Rademacher);
    }

    /// <summary>
    /// Forward pass plus the Hutchinson estimate of tr(∂v/∂x) per row: (1/P)·Σₚ εₚᵀ(∂v/∂x)εₚ with P seeded probes
    /// εₚ per row, one Jacobian-vector product each. Unbiased; its variance falls as 1/P.
    /// </summary>
    /// <param name="t">Times: <paramref name="rows"/> entries, or 1 entry shared by every row.</param>
    /// <param name="x">rows × d positions.</param>
    /// <param name="condition">rows × c conditions, or empty when c = 0.</param>
    /// <param name="rows">The batch size, in [0, workspace.MaxRows].</param>
    /// <param name="output">rows × d; receives the velocity.</param>
    /// <param name="divergence">rows; receives the estimate.</param>
    /// <param name="probes">P, probes per row; at least 1.</param>
    /// <param name="rng">The generator the probes are drawn from (rows·P·d draws, in row order).</param>
    /// <param name="workspace">An inference workspace for this shape.</param>
    /// <param name="pool">Threads to use; null runs on the calling thread.</param>
    /// <param name="distribution">The law of the probe entries.</param>
    /// <exception cref="ArgumentException">A span length, the row count or the workspace does not match (the message names it).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probes"/> is below 1.</exception>
    public void ForwardWithDivergenceEstimate(ReadOnlySpan<float> t, ReadOnlySpan<float> x, ReadOnlySpan<float> condition, int rows,
        Span<float> output, Span<float> divergence, int probes, Rng rng, MlpInferenceWorkspace workspace, WorkerPool? pool = null,
        ProbeDistribution distribution = ProbeDistribution.Rademacher)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(rng);
        if (probes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(probes), probes, "At least one probe per row is needed.");
        }

        if (!Enum.IsDefined(distribution))
        {
            throw new ArgumentOutOfRangeException(nameof(distribution), distribution, "Unknown probe distribution.");
        }

        CheckWorkspace(workspace.Shape, workspace.MaxRows, rows, nameof(workspace));
        CheckInputs(t, x, condition, rows, output);
        CheckLength(divergence.Length, rows, nameof(divergence), "rows");
        TangentForward(t, x, condition, rows, output, divergence, workspace, pool, probes, rng, distribution);
    }

    private void InferenceForward(ReadOnlySpan<float> t, ReadOnlySpan<float> x, ReadOnlySpan<float> condition, int rows,
        Span<float> output, MlpInferenceWorkspace workspace, WorkerPool? pool)
    {
        MlpShape s = Shape;
        int h = s.HiddenWidth;
        int d = s.DataDimension;
        BuildInput(t, x, condition, rows, workspace.Input);
        float[] source = workspace.Input;
        int sourceWidth = s.InputWidth;
        float[] target = workspace.BufferA;
        for (int i = 0; i < s.HiddenLayers; i++)
        {
            GemmOps.Multiply(MatrixOp.None, MatrixOp.None, rows, h, sourceWidth, 1f,
                source.AsSpan(0, rows * sourceWidth), sourceWidth, Weight(i), h, 0f, target.AsSpan(0, rows * h), h, pool,
                GemmEpilogue.BiasActivation(Bias(i), s.Activation, s.SoftplusBeta));
            source = target;
            sourceWidth = h;
            target = ReferenceEquals(target, workspace.BufferA) ? workspace.BufferB : workspace.BufferA;
        }

        int last = s.HiddenLayers;
        GemmOps.Multiply(MatrixOp.None, MatrixOp.None, rows, d, h, 1f, source.AsSpan(0, rows * h), h, Weight(last), d, 0f, output, d, pool);
        ActivationKernels.AddBias(output, rows, d, Bias(last));
    }

    /// <summary>Primal and tangent passes together, chunk by chunk; probes = 0 means the exact trace (unit directions).</summary>
    private void TangentForward(ReadOnlySpan<float> t, ReadOnlySpan<float> x, ReadOnlySpan<float> condition, int rows,
        Span<float> output, Span<float> divergence, MlpInferenceWorkspace workspace, WorkerPool? pool, int probes, Rng? rng,
        ProbeDistribution distribution)
    {
        MlpShape s = Shape;
        int h = s.HiddenWidth;
        int d = s.DataDimension;
        int c = s.ConditionDimension;
        bool exact = probes == 0;
        int p = exact ? d : probes;
        int chunk = workspace.ChunkRows(p);
        workspace.EnsureTangents(chunk, p);
        int last = s.HiddenLayers;
        ReadOnlySpan<float> firstWeightX = _parameters.AsSpan(s.WeightOffset(0), d * h);

        for (int r0 = 0; r0 < rows; r0 += chunk)
        {
            int n = Math.Min(chunk, rows - r0);
            int tangentRows = n * p;
            ReadOnlySpan<float> tChunk = t.Length == 1 ? t : t.Slice(r0, n);
            BuildInput(tChunk, x.Slice(r0 * d, n * d), c == 0 ? default : condition.Slice(r0 * c, n * c), n, workspace.Input);

            // Tangents after the first linear layer: T₀ = V·W₀[x rows]. For the exact trace V is the identity per row,
            // so T₀ is W₀'s x rows repeated, copied instead of multiplied.
            float[] tangent = workspace.TangentA;
            float[] tangentSpare = workspace.TangentB;
            if (exact)
            {
                for (int r = 0; r < n; r++)
                {
                    firstWeightX.CopyTo(tangent.AsSpan(r * d * h, d * h));
                }
            }
            else
            {
                Span<float> v = workspace.Probes.AsSpan(0, tangentRows * d);
                FillProbes(rng!, distribution, v);
                GemmOps.Multiply(MatrixOp.None, MatrixOp.None, tangentRows, h, d, 1f, v, d, firstWeightX, h, 0f,
                    tangent.AsSpan(0, tangentRows * h), h, pool);
            }

            float[] source = workspace.Input;
            int sourceWidth = s.InputWidth;
            float[] target = workspace.BufferA;
            for (int i = 0; i < s.HiddenLayers; i++)
            {
                GemmOps.Multiply(MatrixOp.None, MatrixOp.None, n, h, sourceWidth, 1f,
                    source.AsSpan(0, n * sourceWidth), sourceWidth, Weight(i), h, 0f, target.AsSpan(0, n * h), h, pool,
                    GemmEpilogue.BiasActivation(Bias(i), s.Activation, s.SoftplusBeta, workspace.Derivative.AsSpan(0, n * h)));
                if (i > 0)
                {
                    GemmOps.Multiply(MatrixOp.None, MatrixOp.None, tangentRows, h, h, 1f, tangent.AsSpan(0, tangentRows * h), h,
                        Weight(i), h, 0f, tangentSpare.AsSpan(0, tangentRows * h), h, pool);
                    (tangent, tangentSpare) = (tangentSpare, tangent);
                }

                workspace.Job.ScaleTangents(pool, tangent, workspace.Derivative, n, p, h);
                source = target;
                sourceWidth = h;
                target = ReferenceEquals(target, workspace.BufferA) ? workspace.BufferB : workspace.BufferA;
            }

            Span<float> outChunk = output.Slice(r0 * d, n * d);
            GemmOps.Multiply(MatrixOp.None, MatrixOp.None, n, d, h, 1f, source.AsSpan(0, n * h), h, Weight(last), d, 0f, outChunk, d, pool);
            ActivationKernels.AddBias(outChunk, n, d, Bias(last));

            Span<float> outTangent = workspace.OutputTangent.AsSpan(0, tangentRows * d);
            GemmOps.Multiply(MatrixOp.None, MatrixOp.None, tangentRows, d, h, 1f, tangent.AsSpan(0, tangentRows * h), h,
                Weight(last), d, 0f, outTangent, d, pool);

            for (int r = 0; r < n; r++)
            {
                double sum = 0;
                if (exact)
                {
                    // Row j of the tangent block is ∂v/∂xⱼ; its j-th entry is on the diagonal.
                    for (int j = 0; j < d; j++)
                    {
                        sum += outTangent[(r * d + j) * d + j];
                    }
                }
                else
                {
                    ReadOnlySpan<float> v = workspace.Probes.AsSpan(r * p * d, p * d);
                    sum = System.Numerics.Tensors.TensorPrimitives.Dot(v, outTangent.Slice(r * p * d, p * d)) / (double)p;
                }

                divergence[r0 + r] = (float)sum;
            }
        }
    }

    private static void FillProbes(Rng rng, ProbeDistribution distribution, Span<float> v)
    {
        if (distribution == ProbeDistribution.Gaussian)
        {
            rng.FillGaussian(v);
            return;
        }

        for (int i = 0; i < v.Length; i += 32)
        {
            uint bits = rng.NextUInt32();
            int end = Math.Min(32, v.Length - i);
            for (int j = 0; j < end; j++)
            {
                v[i + j] = ((bits >> j) & 1) == 0 ? 1f : -1f;
            }
        }
    }

    /// <summary>Writes [x | time features | condition] for each row into <paramref name="input"/> (rows × InputWidth).</summary>
    private void BuildInput(ReadOnlySpan<float> t, ReadOnlySpan<float> x, ReadOnlySpan<float> condition, int rows, Span<float> input)
    {
        MlpShape s = Shape;
        int d = s.DataDimension;
        int c = s.ConditionDimension;
        int width = s.InputWidth;
        int frequencies = s.FourierFrequencies;
        bool fourier = s.TimeEncoding == TimeEncoding.Fourier;
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = input.Slice(r * width, width);
            x.Slice(r * d, d).CopyTo(row);
            float time = t.Length == 1 ? t[0] : t[r];
            if (fourier)
            {
                // sin/cos of πkt by the angle-addition recurrence from k = 1, in double so the error stays ~1e-15·k.
                (double s1, double c1) = Math.SinCos(Math.PI * time);
                double sk = s1;
                double ck = c1;
                for (int k = 0; k < frequencies; k++)
                {
                    row[d + 2 * k] = (float)sk;
                    row[d + 2 * k + 1] = (float)ck;
                    double next = sk * c1 + ck * s1;
                    ck = ck * c1 - sk * s1;
                    sk = next;
                }
            }
            else
            {
                row[d] = time;
            }

            if (c > 0)
            {
                condition.Slice(r * c, c).CopyTo(row[(width - c)..]);
            }
        }
    }

    /// <summary>What φ' of hidden layer <paramref name="layer"/> is recovered from: its stored φ', or its activation.</summary>
    private ReadOnlySpan<float> DerivativeSource(MlpWorkspace workspace, int layer, int rows) =>
        (ActivationKernels.StoresDerivative(Shape.Activation) ? workspace.Derivatives[layer] : workspace.Activations[layer])
            .AsSpan(0, rows * Shape.HiddenWidth);

    private ReadOnlySpan<float> Weight(int layer) =>
        _parameters.AsSpan(Shape.WeightOffset(layer), Shape.LayerInputWidth(layer) * Shape.LayerOutputWidth(layer));

    private ReadOnlySpan<float> Bias(int layer) => _parameters.AsSpan(Shape.BiasOffset(layer), Shape.LayerOutputWidth(layer));

    private void CheckWorkspace(MlpShape workspaceShape, int maxRows, int rows, string workspaceName)
    {
        if (!ReferenceEquals(workspaceShape, Shape) && !workspaceShape.Equals(Shape))
        {
            throw new ArgumentException($"The workspace was made for shape {workspaceShape}, not this model's {Shape}.", workspaceName);
        }

        if (rows < 0 || rows > maxRows)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"The row count must be in [0, {maxRows}] (the workspace's MaxRows).");
        }
    }

    private void CheckInputs(ReadOnlySpan<float> t, ReadOnlySpan<float> x, ReadOnlySpan<float> condition, int rows, Span<float> output)
    {
        int d = Shape.DataDimension;
        int c = Shape.ConditionDimension;
        if (t.Length != rows && !(t.Length == 1 && rows > 0))
        {
            throw new ArgumentException($"t has {t.Length} entries; expected rows = {rows} (or 1, shared by every row).", nameof(t));
        }

        CheckLength(x.Length, rows * d, nameof(x), "rows × d");
        CheckLength(condition.Length, rows * c, nameof(condition), c == 0 ? "0 (the shape has no condition)" : "rows × c");
        CheckLength(output.Length, rows * d, nameof(output), "rows × d");
    }

    private static void CheckLength(int actual, int expected, string name, string what)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has {actual} entries; expected {what} = {expected}.", name);
        }
    }
}
