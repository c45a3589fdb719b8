using Microsoft.ML.Data;

namespace Microsoft.ML.LocalFlow.Tests.StandIn;

[TestClass]
public sealed class EnumerableRoundTripTests
{
    public sealed class Row
    {
        public float F;
        public double D;
        public int I;
        public long L;
        public bool B;
        public string? S;
        public DateTime T;

        [VectorType(3)]
        public float[]? V;

        [ColumnName("Renamed")]
        public float Original { get; set; }

        [NoColumn]
        public int Ignored { get; set; }
    }

    private static List<Row> Rows() =>
    [
        new() { F = 1.5f, D = -2.25, I = 3, L = 1L << 40, B = true, S = "alpha", T = new DateTime(2020, 1, 2), V = [1, 2, 3], Original = 7, Ignored = 9 },
        new() { F = float.NaN, D = double.PositiveInfinity, I = -1, L = -5, B = false, S = null, T = DateTime.MinValue, V = [4, 5, 6], Original = -1 },
    ];

    [TestMethod]
    public void SchemaFollowsMembersAndAttributes()
    {
        var data = new MLContext(1).Data.LoadFromEnumerable(Rows());
        var names = data.Schema.Select(c => c.Name).ToArray();
        CollectionAssert.AreEqual(new[] { "F", "D", "I", "L", "B", "S", "T", "V", "Renamed" }, names);
        Assert.AreSame(NumberDataViewType.Single, data.Schema["F"].Type);
        Assert.AreSame(NumberDataViewType.Double, data.Schema["D"].Type);
        Assert.AreSame(NumberDataViewType.Int32, data.Schema["I"].Type);
        Assert.AreSame(NumberDataViewType.Int64, data.Schema["L"].Type);
        Assert.AreSame(BooleanDataViewType.Instance, data.Schema["B"].Type);
        Assert.AreSame(TextDataViewType.Instance, data.Schema["S"].Type);
        Assert.AreSame(DateTimeDataViewType.Instance, data.Schema["T"].Type);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 3), data.Schema["V"].Type);
        Assert.AreEqual("Vector<Single, 3>", data.Schema["V"].Type.ToString());
        Assert.AreEqual(2L, data.GetRowCount());
    }

    [TestMethod]
    public void CreateEnumerableReturnsTheSameValues()
    {
        var ml = new MLContext(1);
        var rows = Rows();
        var back = ml.Data.CreateEnumerable<Row>(ml.Data.LoadFromEnumerable(rows), reuseRowObject: false).ToList();
        Assert.HasCount(2, back);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.AreEqual(rows[i].F, back[i].F);
            Assert.AreEqual(rows[i].D, back[i].D);
            Assert.AreEqual(rows[i].I, back[i].I);
            Assert.AreEqual(rows[i].L, back[i].L);
            Assert.AreEqual(rows[i].B, back[i].B);
            Assert.AreEqual(rows[i].S ?? string.Empty, back[i].S); // null text reads back as empty, as in ML.NET
            Assert.AreEqual(rows[i].T, back[i].T);
            CollectionAssert.AreEqual(rows[i].V, back[i].V);
            Assert.AreEqual(rows[i].Original, back[i].Original);
            Assert.AreEqual(0, back[i].Ignored);
        }
        Assert.AreNotSame(back[0], back[1]);
        Assert.AreNotSame(back[0].V, back[1].V);
    }

    [TestMethod]
    public void ReuseRowObjectFillsOneInstance()
    {
        var ml = new MLContext(1);
        var seen = new List<(Row Row, float F)>();
        foreach (var row in ml.Data.CreateEnumerable<Row>(ml.Data.LoadFromEnumerable(Rows()), reuseRowObject: true))
            seen.Add((row, row.F));
        Assert.AreSame(seen[0].Row, seen[1].Row);
        Assert.AreEqual(1.5f, seen[0].F);
        Assert.IsTrue(float.IsNaN(seen[1].F));
    }

    public sealed class Narrow
    {
        public float F;
        public float Missing;
    }

    [TestMethod]
    public void MissingColumnFailsUnlessIgnored()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(Rows());
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Data.CreateEnumerable<Narrow>(data, false).ToList());
        StringAssert.Contains(ex.Message, "Missing");
        var rows = ml.Data.CreateEnumerable<Narrow>(data, false, ignoreMissingColumns: true).ToList();
        Assert.AreEqual(1.5f, rows[0].F);
        Assert.AreEqual(0f, rows[0].Missing);
    }

    public sealed class WrongType
    {
        public int F;
    }

    [TestMethod]
    public void TypeMismatchNamesTheColumn()
    {
        var ml = new MLContext(1);
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Data.CreateEnumerable<WrongType>(ml.Data.LoadFromEnumerable(Rows()), false));
        StringAssert.Contains(ex.Message, "'F'");
    }

    [TestMethod]
    public void WrongVectorLengthFailsWhenRead()
    {
        var ml = new MLContext(1);
        var rows = Rows();
        rows[1].V = [1, 2];
        var data = ml.Data.LoadFromEnumerable(rows);
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => ml.Data.CreateEnumerable<Row>(data, false).ToList());
        StringAssert.Contains(ex.Message, "'V'");
    }

    public sealed class Unsupported
    {
        public decimal Price;
    }

    [TestMethod]
    public void UnsupportedMemberTypeNamesTheMember()
    {
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => new MLContext().Data.LoadFromEnumerable(new[] { new Unsupported() }));
        StringAssert.Contains(ex.Message, "Price");
    }

    [TestMethod]
    public void LoadFromEnumerableWithSchemaUsesItsOrderAndTypes()
    {
        var ml = new MLContext(1);
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("I", NumberDataViewType.Int32);
        builder.AddColumn("V", new VectorDataViewType(NumberDataViewType.Single, 3));
        var data = ml.Data.LoadFromEnumerable(Rows(), builder.ToSchema());
        CollectionAssert.AreEqual(new[] { "I", "V" }, data.Schema.Select(c => c.Name).ToArray());
        using var cursor = data.GetRowCursor(data.Schema);
        var getI = cursor.GetGetter<int>(data.Schema["I"]);
        Assert.IsTrue(cursor.MoveNext());
        int i = 0;
        getI(ref i);
        Assert.AreEqual(3, i);

        var bad = new DataViewSchema.Builder();
        bad.AddColumn("I", NumberDataViewType.Single);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Data.LoadFromEnumerable(Rows(), bad.ToSchema()));
    }

    [TestMethod]
    public void CursorChecksGetterTypeAndActiveColumns()
    {
        var data = new MLContext(1).Data.LoadFromEnumerable(Rows());
        using var cursor = data.GetRowCursor([data.Schema["F"]]);
        Assert.IsTrue(cursor.IsColumnActive(data.Schema["F"]));
        Assert.IsFalse(cursor.IsColumnActive(data.Schema["D"]));
        Assert.ThrowsExactly<InvalidOperationException>(() => cursor.GetGetter<double>(data.Schema["F"]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => cursor.GetGetter<double>(data.Schema["D"]));
        var getter = cursor.GetGetter<float>(data.Schema["F"]);
        float value = 0;
        Assert.ThrowsExactly<InvalidOperationException>(() => getter(ref value)); // before MoveNext
        Assert.AreEqual(-1L, cursor.Position);
        Assert.IsTrue(cursor.MoveNext());
        Assert.AreEqual(0L, cursor.Position);
        Assert.IsTrue(cursor.MoveNext());
        Assert.IsFalse(cursor.MoveNext());
        Assert.IsFalse(cursor.MoveNext());
    }
}
