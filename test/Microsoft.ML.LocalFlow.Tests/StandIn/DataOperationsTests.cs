using Microsoft.ML.Data;

namespace Microsoft.ML.LocalFlow.Tests.StandIn;

[TestClass]
public sealed class DataOperationsTests
{
    public sealed class Item
    {
        public int Id;
        public int Group;
    }

    private static IDataView Items(MLContext ml, int n) => ml.Data.LoadFromEnumerable(Enumerable.Range(0, n).Select(i => new Item { Id = i, Group = i % 37 }).ToList());

    private static int[] Ids(MLContext ml, IDataView data) => ml.Data.CreateEnumerable<Item>(data, false).Select(r => r.Id).ToArray();

    [TestMethod]
    public void TrainTestSplitPartitionsWithRoughlyTheFraction()
    {
        var ml = new MLContext(1);
        var split = ml.Data.TrainTestSplit(Items(ml, 10_000), testFraction: 0.2, seed: 42);
        var train = Ids(ml, split.TrainSet);
        var test = Ids(ml, split.TestSet);
        Assert.AreEqual(10_000, train.Length + test.Length);
        Assert.IsEmpty(train.Intersect(test));
        // Binomial(10000, 0.2): sd = 40; 5 sd = 200.
        Assert.IsLessThan(200, Math.Abs(test.Length - 2000));
        CollectionAssert.AreEqual(train, train.Order().ToArray(), "order of the source is kept");
    }

    [TestMethod]
    public void TrainTestSplitIsDeterministicBySeed()
    {
        var ml = new MLContext(1);
        var data = Items(ml, 2000);
        var a = Ids(ml, ml.Data.TrainTestSplit(data, 0.3, seed: 7).TestSet);
        var b = Ids(ml, ml.Data.TrainTestSplit(data, 0.3, seed: 7).TestSet);
        var c = Ids(ml, ml.Data.TrainTestSplit(data, 0.3, seed: 8).TestSet);
        CollectionAssert.AreEqual(a, b);
        CollectionAssert.AreNotEqual(a, c);
        // Re-reading one view gives the same rows.
        var split = ml.Data.TrainTestSplit(data, 0.3, seed: 9);
        CollectionAssert.AreEqual(Ids(ml, split.TestSet), Ids(ml, split.TestSet));

        // Without an explicit seed, a seeded context repeats its sequence of splits.
        var x = new MLContext(5);
        var y = new MLContext(5);
        CollectionAssert.AreEqual(Ids(x, x.Data.TrainTestSplit(Items(x, 500)).TestSet), Ids(y, y.Data.TrainTestSplit(Items(y, 500)).TestSet));
    }

    [TestMethod]
    public void SamplingKeyKeepsGroupsTogether()
    {
        var ml = new MLContext(1);
        var split = ml.Data.TrainTestSplit(Items(ml, 3700), 0.3, samplingKeyColumnName: "Group", seed: 3);
        var trainGroups = ml.Data.CreateEnumerable<Item>(split.TrainSet, false).Select(r => r.Group).ToHashSet();
        var testGroups = ml.Data.CreateEnumerable<Item>(split.TestSet, false).Select(r => r.Group).ToHashSet();
        Assert.IsEmpty(trainGroups.Intersect(testGroups));
        Assert.AreEqual(37, trainGroups.Count + testGroups.Count);
    }

    [TestMethod]
    public void BadSplitArgumentsThrow()
    {
        var ml = new MLContext(1);
        var data = Items(ml, 10);
        Assert.AreEqual("testFraction", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Data.TrainTestSplit(data, 0)).ParamName);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Data.TrainTestSplit(data, 1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Data.TrainTestSplit(data, double.NaN));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Data.TrainTestSplit(data, 0.5, samplingKeyColumnName: "Nope"));
    }

    [TestMethod]
    public void TakeAndSkipRows()
    {
        var ml = new MLContext(1);
        var data = Items(ml, 10);
        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, Ids(ml, ml.Data.TakeRows(data, 3)));
        CollectionAssert.AreEqual(new[] { 7, 8, 9 }, Ids(ml, ml.Data.SkipRows(data, 7)));
        CollectionAssert.AreEqual(new[] { 3, 4 }, Ids(ml, ml.Data.TakeRows(ml.Data.SkipRows(data, 3), 2)));
        Assert.AreEqual(3L, ml.Data.TakeRows(data, 3).GetRowCount());
        Assert.AreEqual(10L, ml.Data.TakeRows(data, 30).GetRowCount());
        Assert.AreEqual(0L, ml.Data.SkipRows(data, 30).GetRowCount());
        Assert.IsEmpty(Ids(ml, ml.Data.TakeRows(data, 0)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Data.TakeRows(data, -1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Data.SkipRows(data, -1));
    }

    [TestMethod]
    public void TakeRowsStopsReadingTheSource()
    {
        var ml = new MLContext(1);
        int produced = 0;
        IEnumerable<Item> Endless()
        {
            for (int i = 0; ; i++)
            {
                produced++;
                yield return new Item { Id = i };
            }
        }
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4 }, Ids(ml, ml.Data.TakeRows(ml.Data.LoadFromEnumerable(Endless()), 5)));
        Assert.IsLessThanOrEqualTo(6, produced);
    }
}

[TestClass]
public sealed class ShuffleRowsTests
{
    public sealed class Item
    {
        public int Id;

        [VectorType(2)]
        public float[]? V;
    }

    private static IDataView Items(MLContext ml, int n) => ml.Data.LoadFromEnumerable(Enumerable.Range(0, n).Select(i => new Item { Id = i, V = [i, -i] }).ToList());

    private static int[] Ids(MLContext ml, IDataView data) => ml.Data.CreateEnumerable<Item>(data, false).Select(r =>
    {
        Assert.AreEqual(r.Id, (int)r.V![0], "vector values travel with their row");
        return r.Id;
    }).ToArray();

    [TestMethod]
    public void ShuffleIsAPermutationRepeatableBySeed()
    {
        var ml = new MLContext(1);
        var data = Items(ml, 500);
        var a = Ids(ml, ml.Data.ShuffleRows(data, seed: 3));
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 500).ToArray(), a);
        CollectionAssert.AreNotEqual(Enumerable.Range(0, 500).ToArray(), a);
        CollectionAssert.AreEqual(a, Ids(ml, ml.Data.ShuffleRows(data, seed: 3)));
        CollectionAssert.AreNotEqual(a, Ids(ml, ml.Data.ShuffleRows(data, seed: 4)));
        var view = ml.Data.ShuffleRows(data, seed: 5);
        CollectionAssert.AreEqual(Ids(ml, view), Ids(ml, view));
        Assert.AreEqual(500L, view.GetRowCount());
    }

    [TestMethod]
    public void PoolSizeBoundsHowFarRowsMove()
    {
        var ml = new MLContext(1);
        CollectionAssert.AreEqual(Enumerable.Range(0, 50).ToArray(), Ids(ml, ml.Data.ShuffleRows(Items(ml, 50), seed: 1, shufflePoolSize: 1)));
        var local = Ids(ml, ml.Data.ShuffleRows(Items(ml, 1000), seed: 1, shufflePoolSize: 10));
        // Output position i holds a row read at most i + pool - 1 rows into the source.
        for (int i = 0; i < local.Length; i++)
            Assert.IsLessThan(i + 10, local[i]);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Data.ShuffleRows(Items(ml, 5), shufflePoolSize: 0));
    }
}
