using Microsoft.ML.Data;

namespace Microsoft.ML.LocalFlow.Tests.StandIn;

[TestClass]
public sealed class ModelSaveLoadTests
{
    public sealed class Value
    {
        public float X;

        [VectorType(2)]
        public float[]? V;

        public string? S;
    }

    private static IDataView Data(MLContext ml) => ml.Data.LoadFromEnumerable(new List<Value> { new() { X = 2, V = [1, 2], S = "a" } });

    [TestMethod]
    public void ExternalTransformerRoundTripsThroughAStream()
    {
        var ml = new MLContext(1);
        var data = Data(ml);
        using var stream = new MemoryStream();
        ml.Model.Save(new ScaleTransformer("X", 2.5f), data.Schema, stream);
        stream.Position = 0;
        var loaded = ml.Model.Load(stream, out var schema);
        var scale = (ScaleTransformer)loaded;
        Assert.AreEqual("X", scale.ColumnName);
        Assert.AreEqual(2.5f, scale.Factor);
        Assert.AreEqual(3, schema.Count);
        Assert.AreEqual("V", schema[1].Name);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 2), schema[1].Type);
        Assert.AreSame(TextDataViewType.Instance, schema[2].Type);
        Assert.AreEqual(5f, ml.Data.CreateEnumerable<Value>(loaded.Transform(data), false).First().X);
    }

    [TestMethod]
    public void ChainRoundTripsThroughAFileAtomically()
    {
        var ml = new MLContext(1);
        var data = Data(ml);
        var chain = new TransformerChain<ITransformer>([new ScaleTransformer("X", 2), new ScaleTransformer("X", 3)], [TransformerScope.Everything, TransformerScope.Training]);
        var dir = Directory.CreateTempSubdirectory("standin-model-");
        try
        {
            var path = Path.Combine(dir.FullName, "model.zip");
            File.WriteAllText(path, "previous content");
            ml.Model.Save(chain, data.Schema, path);
            Assert.HasCount(1, dir.GetFiles(), "no temporary file is left behind");
            var loaded = (TransformerChain<ITransformer>)ml.Model.Load(path, out _);
            Assert.AreEqual(2, loaded.Count());
            Assert.AreEqual(2f * 2f, ml.Data.CreateEnumerable<Value>(loaded.Transform(data), false).First().X);
            Assert.AreEqual(2f * 6f, ml.Data.CreateEnumerable<Value>(loaded.Transform(data, TransformerScope.Training), false).First().X);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private sealed class NotSaveable : ITransformer
    {
        public bool IsRowToRowMapper => false;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;

        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new NotSupportedException();

        public void Save(ModelSaveContext ctx) => throw new NotSupportedException();

        public IDataView Transform(IDataView input) => input;
    }

    [TestMethod]
    public void UnsupportedTransformerAndCorruptFilesFailClearly()
    {
        var ml = new MLContext(1);
        var ex = Assert.ThrowsExactly<NotSupportedException>(() => ml.Model.Save(new NotSaveable(), Data(ml).Schema, new MemoryStream()));
        StringAssert.Contains(ex.Message, nameof(NotSaveable));
        Assert.ThrowsExactly<FormatException>(() => ml.Model.Load(new MemoryStream([1, 2, 3]), out _));
        Assert.ThrowsExactly<FileNotFoundException>(() => ml.Model.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")), out _));

        var dir = Directory.CreateTempSubdirectory("standin-model-");
        try
        {
            var path = Path.Combine(dir.FullName, "model.zip");
            Assert.ThrowsExactly<NotSupportedException>(() => ml.Model.Save(new NotSaveable(), Data(ml).Schema, path));
            Assert.IsEmpty(dir.GetFiles(), "a failed save leaves no file");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
