namespace Microsoft.ML;

public sealed partial class DataOperationsCatalog
{
    /// <summary>The result of <see cref="TrainTestSplit"/>. Only the catalog creates one.</summary>
    public struct TrainTestData
    {
        /// <summary>The training rows.</summary>
        public readonly IDataView TrainSet;

        /// <summary>The test rows.</summary>
        public readonly IDataView TestSet;

        internal TrainTestData(IDataView trainSet, IDataView testSet)
        {
            TrainSet = trainSet;
            TestSet = testSet;
        }
    }
}
