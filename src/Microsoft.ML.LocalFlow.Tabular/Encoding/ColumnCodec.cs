namespace Microsoft.ML.LocalFlow.Tabular.Encoding;

/// <summary>
/// Encodes one column into <see cref="Width"/> coordinates of each row of a row-major float matrix and back.
/// Layout assumptions: row i of the matrix starts at i·stride; this codec owns coordinates offset..offset+Width-1.
/// </summary>
internal abstract class ColumnCodec
{
    protected ColumnCodec(string name, ColumnKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public string Name { get; }

    public ColumnKind Kind { get; }

    public abstract int Width { get; }

    public abstract EncodedColumnLayout Layout(int offset);

    /// <summary>
    /// Writes the column into dest and adds to logJacobian[i] the per-row term that turns the flow's log-density of the
    /// encoded row into a log-likelihood of the original cell (change of variables plus dequantisation corrections).
    /// </summary>
    public abstract void Encode(TableColumn column, Span<float> dest, int stride, int offset, Span<double> logJacobian, ref NoiseRng rng, bool noise);

    /// <summary>Decodes rows × Width coordinates into a column; never leaves the bounds or the observed levels.</summary>
    public abstract TableColumn Decode(ReadOnlySpan<float> src, int rows, int stride, int offset);

    public abstract void Write(BinaryWriter w);

    public static ColumnCodec Read(BinaryReader r)
    {
        byte tag = r.ReadByte();
        return tag switch
        {
            NumericCodec.Tag => NumericCodec.ReadBody(r),
            CategoricalCodec.Tag => CategoricalCodec.ReadBody(r),
            _ => throw new InvalidDataException($"Unknown column codec tag {tag}."),
        };
    }

    protected TableFormatException CellError(int row, string reason) => new(reason, row + 1, null, Name);
}
