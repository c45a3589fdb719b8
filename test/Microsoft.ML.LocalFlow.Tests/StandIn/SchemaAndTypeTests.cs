using System.Collections.Immutable;
using Microsoft.ML.Data;

namespace Microsoft.ML.LocalFlow.Tests.StandIn;

[TestClass]
public sealed class SchemaAndTypeTests
{
    [TestMethod]
    public void ToStringFormatsAreMLNets()
    {
        Assert.AreEqual("Single", NumberDataViewType.Single.ToString());
        Assert.AreEqual("Double", NumberDataViewType.Double.ToString());
        Assert.AreEqual("Int32", NumberDataViewType.Int32.ToString());
        Assert.AreEqual("String", TextDataViewType.Instance.ToString());
        Assert.AreEqual("Boolean", BooleanDataViewType.Instance.ToString());
        Assert.AreEqual("DateTime", DateTimeDataViewType.Instance.ToString());
        Assert.AreEqual("Key<UInt32, 0-9>", new KeyDataViewType(typeof(uint), 10).ToString());
        Assert.AreEqual("Vector<Single, 4>", new VectorDataViewType(NumberDataViewType.Single, 4).ToString());
        Assert.AreEqual("Vector<Single>", new VectorDataViewType(NumberDataViewType.Single).ToString());
        Assert.AreEqual("Vector<Double, 2, 3>", new VectorDataViewType(NumberDataViewType.Double, 2, 3).ToString());

        var b = new DataViewSchema.Builder();
        b.AddColumn("a", NumberDataViewType.Single);
        b.AddColumn("b", TextDataViewType.Instance);
        b.AddColumn("c", new VectorDataViewType(NumberDataViewType.Single, 4));
        var schema = b.ToSchema();
        Assert.AreEqual("3 columns", schema.ToString());
        Assert.AreEqual("a: Single", schema[0].ToString());
        Assert.AreEqual("c: Vector<Single, 4>", schema["c"].ToString());
    }

    [TestMethod]
    public void TypeEquality()
    {
        Assert.IsTrue(NumberDataViewType.Single.Equals(NumberDataViewType.Single));
        Assert.IsFalse(NumberDataViewType.Single.Equals(NumberDataViewType.Double));
        Assert.AreEqual(typeof(ReadOnlyMemory<char>), TextDataViewType.Instance.RawType);
        Assert.AreEqual(typeof(VBuffer<float>), new VectorDataViewType(NumberDataViewType.Single, 4).RawType);
        var v1 = new VectorDataViewType(NumberDataViewType.Single, 4);
        var v2 = new VectorDataViewType(NumberDataViewType.Single, ImmutableArray.Create(4));
        Assert.IsTrue(v1.Equals(v2));
        Assert.AreEqual(v1.GetHashCode(), v2.GetHashCode());
        Assert.IsFalse(v1.Equals(new VectorDataViewType(NumberDataViewType.Single, 5)));
        Assert.IsFalse(v1.Equals(new VectorDataViewType(NumberDataViewType.Double, 4)));
        Assert.IsFalse(new VectorDataViewType(NumberDataViewType.Single, 2, 2).Equals(v1)); // same size, other shape
        Assert.IsTrue(v1.IsKnownSize);
        Assert.IsFalse(new VectorDataViewType(NumberDataViewType.Single).IsKnownSize);
        Assert.AreEqual(6, new VectorDataViewType(NumberDataViewType.Single, 2, 3).Size);
        Assert.AreEqual(new KeyDataViewType(typeof(uint), 10), new KeyDataViewType(typeof(uint), 10UL));
        Assert.AreNotEqual(new KeyDataViewType(typeof(uint), 10), new KeyDataViewType(typeof(ulong), 10));
    }

    [TestMethod]
    public void BadTypeArgumentsThrow()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new KeyDataViewType(typeof(int), 3));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new KeyDataViewType(typeof(byte), 256));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new KeyDataViewType(typeof(uint), 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new VectorDataViewType(NumberDataViewType.Single, -1));
        Assert.IsTrue(KeyDataViewType.IsValidDataType(typeof(ushort)));
        Assert.IsFalse(KeyDataViewType.IsValidDataType(typeof(long)));
    }

    [TestMethod]
    public void NameLookupAndHiddenColumns()
    {
        var b = new DataViewSchema.Builder();
        b.AddColumn("x", NumberDataViewType.Single);
        b.AddColumn("y", NumberDataViewType.Double);
        b.AddColumn("x", TextDataViewType.Instance);
        var schema = b.ToSchema();
        Assert.AreEqual(3, schema.Count);
        Assert.IsTrue(schema[0].IsHidden);
        Assert.IsFalse(schema[2].IsHidden);
        Assert.AreEqual(2, schema["x"].Index);
        Assert.AreSame(TextDataViewType.Instance, schema["x"].Type);
        Assert.IsNull(schema.GetColumnOrNull("z"));
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => schema["z"]);
        Assert.AreEqual("name", ex.ParamName);
        StringAssert.Contains(ex.Message, "'z'");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => schema[3]);
    }

    [TestMethod]
    public void AnnotationsBuildAndRead()
    {
        var ab = new DataViewSchema.Annotations.Builder();
        ab.AddPrimitiveValue("IsNormalized", BooleanDataViewType.Instance, true);
        var names = new VBuffer<ReadOnlyMemory<char>>(2, ["a".AsMemory(), "b".AsMemory()]);
        ab.Add("SlotNames", new VectorDataViewType(TextDataViewType.Instance, 2), (ref VBuffer<ReadOnlyMemory<char>> v) => v = names);
        var annotations = ab.ToAnnotations();
        Assert.AreEqual("IsNormalized, SlotNames", annotations.ToString());
        bool normalized = false;
        annotations.GetValue("IsNormalized", ref normalized);
        Assert.IsTrue(normalized);
        Assert.ThrowsExactly<InvalidOperationException>(() => annotations.GetGetter<int>(annotations.Schema["IsNormalized"]));
        Assert.ThrowsExactly<ArgumentException>(() => ab.Add<int>("bad", NumberDataViewType.Single, (ref int v) => v = 1));

        var sb = new DataViewSchema.Builder();
        sb.AddColumn("f", new VectorDataViewType(NumberDataViewType.Single, 2), annotations);
        var schema = sb.ToSchema();
        Assert.AreEqual("f: Vector<Single, 2> {IsNormalized, SlotNames}", schema[0].ToString());
        var detached = new DataViewSchema.DetachedColumn(schema[0]);
        var sb2 = new DataViewSchema.Builder();
        sb2.AddColumns([detached]);
        Assert.AreSame(annotations, sb2.ToSchema()[0].Annotations);
        Assert.AreEqual(0, DataViewSchema.Annotations.Empty.Schema.Count);
    }

    [TestMethod]
    public void RowIdArithmetic()
    {
        var id = new DataViewRowId(ulong.MaxValue, 1);
        Assert.AreEqual(new DataViewRowId(0, 2), id.Next());
        Assert.IsLessThan(0, new DataViewRowId(5, 0).CompareTo(new DataViewRowId(0, 1)));
        Assert.AreNotEqual(id, id.Fork());
        Assert.AreEqual(id.Fork(), id.Fork());
        Assert.AreEqual("0000000000000001FFFFFFFFFFFFFFFF", id.ToString());
    }
}
