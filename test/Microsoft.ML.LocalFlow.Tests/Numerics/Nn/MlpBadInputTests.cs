using Microsoft.ML.LocalFlow.Numerics.Nn;
using Microsoft.ML.LocalFlow.Numerics.Random;

namespace Microsoft.ML.LocalFlow.Tests.Numerics.Nn;

[TestClass]
public sealed class MlpBadInputTests
{
    private static readonly MlpShape Shape = new(dataDimension: 2, hiddenWidth: 4, hiddenLayers: 2, conditionDimension: 1);

    [TestMethod]
    public void ShapeValidationNamesTheProperty()
    {
        Assert.AreEqual("DataDimension", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MlpShape(0, 4, 2)).ParamName);
        Assert.AreEqual("HiddenWidth", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MlpShape(2, 0, 2)).ParamName);
        Assert.AreEqual("HiddenLayers", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Shape with { HiddenLayers = 0 }).ParamName);
        Assert.AreEqual("FourierFrequencies", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Shape with { FourierFrequencies = 0 }).ParamName);
        Assert.AreEqual("SoftplusBeta", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Shape with { SoftplusBeta = float.NaN }).ParamName);
        Assert.AreEqual("ConditionDimension", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Shape with { ConditionDimension = -1 }).ParamName);
        Assert.AreEqual("Activation", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Shape with { Activation = (Activation)99 }).ParamName);
    }

    [TestMethod]
    public void MismatchedSpansThrowNamingTheArgument()
    {
        var mlp = new Mlp(Shape, 1);
        var ws = new MlpWorkspace(Shape, 3);
        float[] t = [0.1f, 0.2f, 0.3f];
        float[] x = new float[6];
        float[] c = new float[3];
        float[] o = new float[6];
        Assert.AreEqual("x", Assert.ThrowsExactly<ArgumentException>(() => mlp.Forward(t, new float[5], c, 3, o, ws)).ParamName);
        Assert.AreEqual("t", Assert.ThrowsExactly<ArgumentException>(() => mlp.Forward(new float[2], x, c, 3, o, ws)).ParamName);
        Assert.AreEqual("condition", Assert.ThrowsExactly<ArgumentException>(() => mlp.Forward(t, x, default, 3, o, ws)).ParamName);
        Assert.AreEqual("output", Assert.ThrowsExactly<ArgumentException>(() => mlp.Forward(t, x, c, 3, new float[7], ws)).ParamName);
        Assert.AreEqual("rows", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => mlp.Forward(new float[4], new float[8], new float[4], 4, new float[8], ws)).ParamName);
        var otherWs = new MlpWorkspace(Shape with { HiddenWidth = 5 }, 3);
        Assert.AreEqual("workspace", Assert.ThrowsExactly<ArgumentException>(() => mlp.Forward(t, x, c, 3, o, otherWs)).ParamName);
        Assert.AreEqual("maxRows", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MlpWorkspace(Shape, 0)).ParamName);

        Assert.ThrowsExactly<InvalidOperationException>(() => mlp.Backward(o, ws, new float[mlp.ParameterCount], default));
        mlp.Forward(t, x, c, 3, o, ws);
        Assert.ThrowsExactly<InvalidOperationException>(() => new Mlp(Shape, 2).Backward(o, ws, new float[mlp.ParameterCount], default));
        Assert.AreEqual("parameterGradient", Assert.ThrowsExactly<ArgumentException>(() => mlp.Backward(o, ws, new float[3], default)).ParamName);
        Assert.AreEqual("outputGradient", Assert.ThrowsExactly<ArgumentException>(() => mlp.Backward(new float[5], ws, new float[mlp.ParameterCount], default)).ParamName);
        Assert.AreEqual("inputGradient", Assert.ThrowsExactly<ArgumentException>(() => mlp.Backward(o, ws, new float[mlp.ParameterCount], new float[2])).ParamName);

        var iws = new MlpInferenceWorkspace(Shape, 3);
        Assert.AreEqual("divergence", Assert.ThrowsExactly<ArgumentException>(() => mlp.ForwardWithDivergence(t, x, c, 3, o, new float[2], iws)).ParamName);
        Assert.AreEqual("probes", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => mlp.ForwardWithDivergenceEstimate(t, x, c, 3, o, new float[3], 0, new Rng(1), iws)).ParamName);
        Assert.AreEqual("parameters", Assert.ThrowsExactly<ArgumentException>(() => new Mlp(Shape, new float[3])).ParamName);
        Assert.AreEqual("other", Assert.ThrowsExactly<ArgumentException>(() => mlp.CopyParametersFrom(new Mlp(Shape with { HiddenWidth = 3 }, 1))).ParamName);
    }
}
