using Microsoft.ML.Data;
using static Microsoft.ML.LocalFlow.Tests.Surface.SurfaceTestData;

namespace Microsoft.ML.LocalFlow.Tests.Surface;

[TestClass]
public sealed class VectorColumnTests
{
    public sealed class FeatureRow
    {
        [VectorType(3)]
        public float[] Features { get; set; } = [];

        public string Kind { get; set; } = string.Empty;
    }

    [TestMethod]
    public void AFixedSizeVectorIsModelledSlotBySlotAndComesBackAsAVector()
    {
        var ml = new MLContext(1);
        var rng = new Random(3);
        var rows = Enumerable.Range(0, 200).Select(i =>
        {
            float a = (float)Math.Round(rng.NextDouble() * 4, 1);
            return new FeatureRow { Features = [a, (float)Math.Round(2 * a, 1), i % 2], Kind = i % 2 == 0 ? "even" : "odd" };
        }).ToList();
        IDataView data = ml.Data.LoadFromEnumerable(rows);
        var vectorType = (VectorDataViewType)data.Schema["Features"].Type;
        Assert.AreEqual(3, vectorType.Size);

        var model = ml.Generative.LocalFlowMatching(Quick(iterations: 80)).Fit(data);
        Assert.AreEqual(vectorType, model.GeneratedSchema["Features"].Type);
        var generated = ml.Data.CreateEnumerable<FeatureRow>(model.Generate(100, seed: 1), reuseRowObject: false).ToList();
        Assert.HasCount(100, generated);
        Assert.IsTrue(generated.All(r => r.Features.Length == 3 && r.Features.All(float.IsFinite)));
        Assert.IsTrue(generated.All(r => r.Features[0] is >= 0 and <= 4), "each slot stays in its observed range");
        Assert.IsTrue(generated.All(r => MathF.Round(r.Features[1], 1) == r.Features[1]), "each slot keeps its decimals");

        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = LocalFlowMatchingTransformer.Load(ml, stream);
        Assert.AreEqual(vectorType, loaded.GeneratedSchema["Features"].Type);
        CollectionAssert.AreEqual(Rows(model.ScoreLogLikelihood(data), 5), Rows(loaded.ScoreLogLikelihood(data), 5));
        Assert.AreEqual(4, ml.Generative.Evaluate(data, model.Generate(200)).Shapes.Count, "three slots and the text column");
    }
}
