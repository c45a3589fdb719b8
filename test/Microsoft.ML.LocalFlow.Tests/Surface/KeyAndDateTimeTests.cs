using Microsoft.ML.Data;
using static Microsoft.ML.LocalFlow.Tests.Surface.SurfaceTestData;

namespace Microsoft.ML.LocalFlow.Tests.Surface;

[TestClass]
public sealed class KeyAndDateTimeTests
{
    public sealed class Visit
    {
        public uint Ward { get; set; }

        public DateTime Day { get; set; }

        public float Hours { get; set; }
    }

    [TestMethod]
    public void KeyAndDateTimeColumnsKeepTheirTypesAndDomains()
    {
        var ml = new MLContext(1);
        var start = new DateTime(2024, 1, 1);
        var visits = Enumerable.Range(0, 200).Select(i => new Visit
        {
            Ward = (uint)(1 + (i % 3)), // key values 1..3 (0 would be missing)
            Day = start.AddDays(i % 60),
            Hours = 1 + (i % 3) + ((i % 7) * 0.25f),
        }).ToList();
        SchemaDefinition definition = SchemaDefinition.Create(typeof(Visit));
        definition["Ward"].ColumnType = new KeyDataViewType(typeof(uint), 3);
        IDataView data = ml.Data.LoadFromEnumerable(visits, definition);
        Assert.IsInstanceOfType<KeyDataViewType>(data.Schema["Ward"].Type);

        var model = ml.Generative.LocalFlowMatching(Quick(iterations: 60)).Fit(data);
        IDataView generated = model.Generate(300, seed: 2);
        Assert.AreEqual(data.Schema["Ward"].Type, generated.Schema["Ward"].Type);
        Assert.AreEqual(DateTimeDataViewType.Instance, generated.Schema["Day"].Type);

        using var cursor = generated.GetRowCursor(generated.Schema);
        var ward = cursor.GetGetter<uint>(generated.Schema["Ward"]);
        var day = cursor.GetGetter<DateTime>(generated.Schema["Day"]);
        uint w = 0;
        DateTime d = default;
        int rows = 0;
        while (cursor.MoveNext())
        {
            ward(ref w);
            day(ref d);
            Assert.IsTrue(w is >= 1 and <= 3, $"key {w}");
            Assert.IsTrue(d >= start && d <= start.AddDays(59), $"date {d:O}");
            Assert.AreEqual(TimeSpan.Zero, d.TimeOfDay, "whole days stay whole days");
            rows++;
        }

        Assert.AreEqual(300, rows);
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = LocalFlowMatchingTransformer.Load(ml, stream);
        Assert.AreEqual(data.Schema["Ward"].Type, loaded.GeneratedSchema["Ward"].Type, "the key count survives the model file");
    }
}
