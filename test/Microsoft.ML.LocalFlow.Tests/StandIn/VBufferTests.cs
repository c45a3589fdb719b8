using Microsoft.ML.Data;

namespace Microsoft.ML.LocalFlow.Tests.StandIn;

[TestClass]
public sealed class VBufferTests
{
    [TestMethod]
    public void DenseSemantics()
    {
        var v = new VBuffer<float>(3, [1f, 2f, 3f, 99f]);
        Assert.IsTrue(v.IsDense);
        Assert.AreEqual(3, v.Length);
        CollectionAssert.AreEqual(new[] { 1f, 2f, 3f }, v.GetValues().ToArray());
        Assert.AreEqual(0, v.GetIndices().Length);
        Assert.AreEqual(2f, v.GetItemOrDefault(1));
        Assert.AreEqual("Dense vector of size 3", v.ToString());
        CollectionAssert.AreEqual(new[] { 1f, 2f, 3f, 99f }, v.Cast<float>().ToArray()); // walks the raw values array
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => v.GetItemOrDefault(3));
    }

    [TestMethod]
    public void SparseSemantics()
    {
        var v = new VBuffer<double>(6, 2, [5.0, 7.0], [1, 4]);
        Assert.IsFalse(v.IsDense);
        Assert.AreEqual(0.0, v.GetItemOrDefault(0));
        Assert.AreEqual(5.0, v.GetItemOrDefault(1));
        Assert.AreEqual(7.0, v.GetItemOrDefault(4));
        CollectionAssert.AreEqual(new[] { 0.0, 5.0, 0.0, 0.0, 7.0, 0.0 }, v.DenseValues().ToArray());
        CollectionAssert.AreEqual(new[] { new KeyValuePair<int, double>(1, 5.0), new KeyValuePair<int, double>(4, 7.0) }, v.Items().ToArray());
        Assert.AreEqual(6, v.Items(all: true).Count());
        Assert.AreEqual("Sparse vector of size 6, 2 explicit values", v.ToString());

        VBuffer<double> dense = default;
        v.CopyToDense(ref dense);
        Assert.IsTrue(dense.IsDense);
        CollectionAssert.AreEqual(v.DenseValues().ToArray(), dense.GetValues().ToArray());

        VBuffer<double> copy = default;
        v.CopyTo(ref copy);
        Assert.IsFalse(copy.IsDense);
        CollectionAssert.AreEqual(new[] { 1, 4 }, copy.GetIndices().ToArray());

        VBuffer<double> slice = default;
        v.CopyTo(ref slice, 2, 3);
        Assert.AreEqual(3, slice.Length);
        CollectionAssert.AreEqual(new[] { 0.0, 0.0, 7.0 }, slice.DenseValues().ToArray());

        var span = new double[8];
        v.CopyTo(span, 1, -1.0);
        CollectionAssert.AreEqual(new[] { 0.0, -1.0, 5.0, -1.0, -1.0, 7.0, -1.0, 0.0 }, span);
        Assert.ThrowsExactly<ArgumentException>(() => v.CopyTo(new double[5]));
    }

    [TestMethod]
    public void InvalidConstructionThrows()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new VBuffer<float>(3, [1f]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new VBuffer<float>(3, 2, [1f, 2f], [2, 1]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new VBuffer<float>(3, 2, [1f, 2f], [0, 3]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new VBuffer<float>(3, 4, [1f, 2f, 3f, 4f], null));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new VBuffer<float>(3, 1, [1f], null));
    }

    [TestMethod]
    public void CopyReusesLargeEnoughBuffers()
    {
        var buffer = new float[10];
        var destination = new VBuffer<float>(0, buffer);
        VBuffer<float>.Copy([1f, 2f, 3f, 4f], 1, ref destination, 2);
        Assert.AreEqual(2, destination.Length);
        CollectionAssert.AreEqual(new[] { 2f, 3f }, destination.GetValues().ToArray());
        Assert.AreEqual(2f, buffer[0]); // reused, not reallocated
        var empty = default(VBuffer<float>);
        Assert.AreEqual(0, empty.Length);
        Assert.IsTrue(empty.IsDense);
        Assert.AreEqual(0, empty.GetValues().Length);
    }
}
