using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.LocalFlow.Tests.StandIn;

/// <summary>
/// A small external transformer written only against public ML.NET surface: multiplies a Single column by <see cref="Factor"/>.
/// It takes part in <c>mlContext.Model.Save/Load</c> through the stand-in's convention (SaveModel / static LoadModel), and shows
/// how an external component builds an <see cref="IDataView"/> and cursor for the rows it emits.
/// </summary>
public sealed class ScaleTransformer : ITransformer
{
    public ScaleTransformer(string columnName, float factor)
    {
        ColumnName = columnName;
        Factor = factor;
    }

    public string ColumnName { get; }

    public float Factor { get; }

    public bool IsRowToRowMapper => false;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        var column = inputSchema.GetColumnOrNull(ColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Column '{ColumnName}' not found");
        if (!column.Type.Equals(NumberDataViewType.Single))
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Column '{ColumnName}' must be Single, got {column.Type}");
        return inputSchema;
    }

    public IDataView Transform(IDataView input)
    {
        GetOutputSchema(input.Schema);
        return new ScaledView(input, input.Schema[ColumnName].Index, Factor);
    }

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new NotSupportedException();

    void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException("Only the stand-in convention saves this transformer.");

    private void SaveModel(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(ColumnName);
        writer.Write(Factor);
    }

    private static ScaleTransformer LoadModel(IHostEnvironment env, Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        return new ScaleTransformer(reader.ReadString(), reader.ReadSingle());
    }

    private sealed class ScaledView(IDataView source, int columnIndex, float factor) : IDataView
    {
        public bool CanShuffle => false;

        public DataViewSchema Schema => source.Schema;

        public long? GetRowCount() => source.GetRowCount();

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
            => new ScaledCursor(source.GetRowCursor(columnsNeeded), columnIndex, factor);

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
            => [GetRowCursor(columnsNeeded, rand)];
    }

    private sealed class ScaledCursor(DataViewRowCursor inner, int columnIndex, float factor) : DataViewRowCursor
    {
        public override long Position => inner.Position;

        public override long Batch => inner.Batch;

        public override DataViewSchema Schema => inner.Schema;

        public override bool MoveNext() => inner.MoveNext();

        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => inner.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var getter = inner.GetGetter<TValue>(column);
            if (column.Index != columnIndex)
                return getter;
            var floats = (ValueGetter<float>)(Delegate)getter;
            ValueGetter<float> scaled = (ref float v) =>
            {
                floats(ref v);
                v *= factor;
            };
            return (ValueGetter<TValue>)(Delegate)scaled;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>An estimator that "learns" the factor 1 / max(|x|) of a column, so chained tests have something to fit.</summary>
public sealed class ScaleEstimator(MLContext context, string columnName) : IEstimator<ScaleTransformer>
{
    public int FitCount { get; private set; }

    public ScaleTransformer Fit(IDataView input)
    {
        FitCount++;
        float max = 0;
        foreach (var row in context.Data.CreateEnumerable<SingleValue>(
                     context.Data.LoadFromEnumerable(Rows(input)), reuseRowObject: true))
            max = Math.Max(max, Math.Abs(row.Value));
        return new ScaleTransformer(columnName, max == 0 ? 1 : 1 / max);
    }

    private IEnumerable<SingleValue> Rows(IDataView input)
    {
        var column = input.Schema[columnName];
        using var cursor = input.GetRowCursor([column]);
        var getter = cursor.GetGetter<float>(column);
        while (cursor.MoveNext())
        {
            float v = 0;
            getter(ref v);
            yield return new SingleValue { Value = v };
        }
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        // Real ML.NET keeps SchemaShape.Column's constructor internal: an external estimator passes input columns through.
        if (!inputSchema.Any(c => c.Name == columnName))
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Column '{columnName}' not found");
        return new SchemaShape(inputSchema);
    }

    private sealed class SingleValue
    {
        public float Value;
    }
}
