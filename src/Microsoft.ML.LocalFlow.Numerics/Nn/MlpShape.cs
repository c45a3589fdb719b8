using System.Diagnostics.CodeAnalysis;

namespace Microsoft.ML.LocalFlow.Numerics.Nn;

/// <summary>
/// The architecture of an <see cref="Mlp"/> velocity field v(t, x[, c]): input [x (d), time features, condition (c)],
/// <see cref="HiddenLayers"/> hidden layers of width <see cref="HiddenWidth"/> with <see cref="Activation"/>,
/// then a linear output of width d.
/// </summary>
/// <remarks>
/// <para>
/// Linear layer i (0 ≤ i ≤ K, K = <see cref="HiddenLayers"/>) maps <see cref="LayerInputWidth"/>(i) to
/// <see cref="LayerOutputWidth"/>(i) columns. The parameter vector is, for i = 0..K in order: the weight Wᵢ
/// stored row-major as in × out (so a layer is Y = X·Wᵢ + bᵢ for row-major X), then the bias bᵢ (out).
/// This layout is stable and is what serialization stores.
/// </para>
/// <para>Each init accessor validates its own value; <see cref="Validate"/> checks the properties together.</para>
/// </remarks>
public sealed record MlpShape
{
    private readonly int _dataDimension;
    private readonly int _conditionDimension;
    private readonly int _hiddenWidth = 256;
    private readonly int _hiddenLayers = 3;
    private readonly Activation _activation = Activation.Relu;
    private readonly TimeEncoding _timeEncoding = TimeEncoding.Raw;
    private readonly int _fourierFrequencies = 8;
    private readonly float _softplusBeta = 1f;

    /// <summary>Creates a shape; set at least <see cref="DataDimension"/> with an object initializer.</summary>
    public MlpShape()
    {
    }

    /// <summary>Creates a shape from all its properties and validates it.</summary>
    /// <param name="dataDimension">d, the width of x and of the output; at least 1.</param>
    /// <param name="hiddenWidth">H; at least 1.</param>
    /// <param name="hiddenLayers">K; at least 1.</param>
    /// <param name="activation">The hidden nonlinearity.</param>
    /// <param name="timeEncoding">How t enters the input.</param>
    /// <param name="fourierFrequencies">F for <see cref="TimeEncoding.Fourier"/>; at least 1.</param>
    /// <param name="conditionDimension">c, the width of the optional condition; at least 0.</param>
    /// <param name="softplusBeta">β of <see cref="Activation.Softplus"/>; finite and positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the parameter name says which.</exception>
    [SetsRequiredMembers]
    public MlpShape(int dataDimension, int hiddenWidth, int hiddenLayers, Activation activation = Activation.Relu,
        TimeEncoding timeEncoding = TimeEncoding.Raw, int fourierFrequencies = 8, int conditionDimension = 0, float softplusBeta = 1f)
    {
        DataDimension = dataDimension;
        HiddenWidth = hiddenWidth;
        HiddenLayers = hiddenLayers;
        Activation = activation;
        TimeEncoding = timeEncoding;
        FourierFrequencies = fourierFrequencies;
        ConditionDimension = conditionDimension;
        SoftplusBeta = softplusBeta;
    }

    /// <summary>d: the width of x and of the velocity output; in [1, 65536].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range.</exception>
    public required int DataDimension
    {
        get => _dataDimension;
        init => _dataDimension = Check(value, 1, 65536, nameof(DataDimension));
    }

    /// <summary>c: the width of the optional condition vector; 0 (the default) for none; in [0, 65536].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range.</exception>
    public int ConditionDimension
    {
        get => _conditionDimension;
        init => _conditionDimension = Check(value, 0, 65536, nameof(ConditionDimension));
    }

    /// <summary>H: the width of every hidden layer (default 256); in [1, 65536].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range.</exception>
    public int HiddenWidth
    {
        get => _hiddenWidth;
        init => _hiddenWidth = Check(value, 1, 65536, nameof(HiddenWidth));
    }

    /// <summary>K: the number of hidden layers (default 3); in [1, 64].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range.</exception>
    public int HiddenLayers
    {
        get => _hiddenLayers;
        init => _hiddenLayers = Check(value, 1, 64, nameof(HiddenLayers));
    }

    /// <summary>The hidden nonlinearity (default <see cref="Nn.Activation.Relu"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined member.</exception>
    public Activation Activation
    {
        get => _activation;
        init => _activation = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Activation), value, "Unknown activation.");
    }

    /// <summary>How t enters the input (default <see cref="Nn.TimeEncoding.Raw"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined member.</exception>
    public TimeEncoding TimeEncoding
    {
        get => _timeEncoding;
        init => _timeEncoding = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(TimeEncoding), value, "Unknown time encoding.");
    }

    /// <summary>F: the number of Fourier frequencies when <see cref="TimeEncoding"/> is Fourier (default 8); in [1, 1024].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range.</exception>
    public int FourierFrequencies
    {
        get => _fourierFrequencies;
        init => _fourierFrequencies = Check(value, 1, 1024, nameof(FourierFrequencies));
    }

    /// <summary>β of <see cref="Nn.Activation.Softplus"/> (default 1; the official 2-D runs use 20); finite and positive.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite and positive.</exception>
    public float SoftplusBeta
    {
        get => _softplusBeta;
        init => _softplusBeta = value > 0f && float.IsFinite(value) ? value
            : throw new ArgumentOutOfRangeException(nameof(SoftplusBeta), value, "The softplus beta must be finite and positive.");
    }

    /// <summary>The number of time-feature columns: 1 for Raw, 2·F for Fourier.</summary>
    public int TimeFeatureCount => TimeEncoding == TimeEncoding.Raw ? 1 : 2 * FourierFrequencies;

    /// <summary>The width of the first layer's input: d + time features + c.</summary>
    public int InputWidth => DataDimension + TimeFeatureCount + ConditionDimension;

    /// <summary>The number of linear layers, K + 1.</summary>
    public int LayerCount => HiddenLayers + 1;

    /// <summary>The total number of parameters: Σᵢ (inᵢ·outᵢ + outᵢ).</summary>
    public int ParameterCount
    {
        get
        {
            long total = 0;
            for (int i = 0; i < LayerCount; i++)
            {
                total += (long)LayerInputWidth(i) * LayerOutputWidth(i) + LayerOutputWidth(i);
            }

            return total <= int.MaxValue ? (int)total
                : throw new InvalidOperationException($"The MLP would have {total} parameters, more than a single array can hold.");
        }
    }

    /// <summary>Σᵢ inᵢ·outᵢ: the multiply-adds per row of one forward pass (the training FLOPs are 6·B·this).</summary>
    public long SumInOut
    {
        get
        {
            long total = 0;
            for (int i = 0; i < LayerCount; i++)
            {
                total += (long)LayerInputWidth(i) * LayerOutputWidth(i);
            }

            return total;
        }
    }

    /// <summary>The input width of linear layer <paramref name="layer"/>.</summary>
    /// <param name="layer">In [0, <see cref="LayerCount"/>).</param>
    /// <returns><see cref="InputWidth"/> for layer 0, else <see cref="HiddenWidth"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is out of range.</exception>
    public int LayerInputWidth(int layer)
    {
        CheckLayer(layer);
        return layer == 0 ? InputWidth : HiddenWidth;
    }

    /// <summary>The output width of linear layer <paramref name="layer"/>.</summary>
    /// <param name="layer">In [0, <see cref="LayerCount"/>).</param>
    /// <returns><see cref="DataDimension"/> for the last layer, else <see cref="HiddenWidth"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is out of range.</exception>
    public int LayerOutputWidth(int layer)
    {
        CheckLayer(layer);
        return layer == HiddenLayers ? DataDimension : HiddenWidth;
    }

    /// <summary>The offset of Wᵢ (in × out, row-major) in the parameter vector.</summary>
    /// <param name="layer">In [0, <see cref="LayerCount"/>).</param>
    /// <returns>The index of Wᵢ[0, 0].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is out of range.</exception>
    public int WeightOffset(int layer)
    {
        CheckLayer(layer);
        int offset = 0;
        for (int i = 0; i < layer; i++)
        {
            offset += (LayerInputWidth(i) + 1) * LayerOutputWidth(i);
        }

        return offset;
    }

    /// <summary>The offset of bᵢ in the parameter vector (right after Wᵢ).</summary>
    /// <param name="layer">In [0, <see cref="LayerCount"/>).</param>
    /// <returns>The index of bᵢ[0].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is out of range.</exception>
    public int BiasOffset(int layer) => WeightOffset(layer) + LayerInputWidth(layer) * LayerOutputWidth(layer);

    /// <summary>Checks the properties together (every one is already range-checked on its own).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The parameter count would not fit in one array.</exception>
    public void Validate()
    {
        long total = 0;
        for (int i = 0; i < LayerCount; i++)
        {
            total += ((long)LayerInputWidth(i) + 1) * LayerOutputWidth(i);
        }

        if (total > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(HiddenWidth), HiddenWidth, $"The MLP would have {total} parameters, more than one array can hold.");
        }
    }

    private void CheckLayer(int layer)
    {
        if ((uint)layer >= (uint)LayerCount)
        {
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"The layer index must be in [0, {LayerCount}).");
        }
    }

    private static int Check(int value, int min, int max, string name) =>
        value >= min && value <= max ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}].");
}
