using Microsoft.ML.LocalFlow.Flow.Serialization;

namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>
/// A trained Local Flow Matching model: the normalisation of the data, the chain of blocks (data side first) and
/// the options it was trained with. Generation runs the blocks in reverse from N(0, I); the likelihood runs them
/// forward. Immutable after construction; safe to use from several threads.
/// </summary>
public sealed class LocalFlowModel
{
    /// <summary>The model-file section holding the flow (other layers add their own sections).</summary>
    public const string SectionName = "flow";

    private readonly LocalFlowBlock[] _blocks;

    /// <summary>Creates a model from its parts (the trainer and deserialiser use this).</summary>
    /// <param name="options">The options it was trained with (copied).</param>
    /// <param name="normalization">The data normalisation.</param>
    /// <param name="conditionDimension">c, the width of the condition vector (0 = unconditional).</param>
    /// <param name="blocks">The blocks, data side first; at least one.</param>
    /// <exception cref="ArgumentException">No blocks, or a block's network does not fit the dimensions.</exception>
    public LocalFlowModel(LocalFlowOptions options, DataNormalization normalization, int conditionDimension, IEnumerable<LocalFlowBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(normalization);
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentOutOfRangeException.ThrowIfNegative(conditionDimension);
        _blocks = [.. blocks];
        if (_blocks.Length == 0)
        {
            throw new ArgumentException("A model needs at least one block.", nameof(blocks));
        }

        foreach (LocalFlowBlock b in _blocks)
        {
            Check(b.Network.Shape, normalization.FlowDimension, conditionDimension);
            if (b.Student is not null)
            {
                Check(b.Student.Network.Shape, normalization.FlowDimension, conditionDimension);
            }
        }

        Options = options.Clone();
        Normalization = normalization;
        ConditionDimension = conditionDimension;
    }

    /// <summary>Columns d of the data (including constant columns).</summary>
    public int Dimension => Normalization.Dimension;

    /// <summary>Columns the flow models (the non-constant ones).</summary>
    public int FlowDimension => Normalization.FlowDimension;

    /// <summary>c: the width of the condition vector every block receives (0 = unconditional).</summary>
    public int ConditionDimension { get; }

    /// <summary>The options the model was trained with (a copy; changing it changes nothing).</summary>
    public LocalFlowOptions Options { get; }

    /// <summary>The per-column normalisation.</summary>
    public DataNormalization Normalization { get; }

    /// <summary>The blocks, data side first.</summary>
    public IReadOnlyList<LocalFlowBlock> Blocks => _blocks;

    /// <summary>Whether every block has a distilled student.</summary>
    public bool IsDistilled => _blocks.All(b => b.Student is not null);

    /// <summary>Whether the last block is free, so generation from N(0, I) is exact up to training error.</summary>
    public bool EndsFree => _blocks[^1].Step.IsFree;

    /// <summary>Stores the model in a new <see cref="ModelFile"/> (one section named <see cref="SectionName"/>).</summary>
    /// <returns>The file, to which callers may add sections before saving.</returns>
    public ModelFile ToModelFile()
    {
        var file = new ModelFile();
        file.SetSection(SectionName, LocalFlowModelSerializer.Serialize(this));
        return file;
    }

    /// <summary>Reads the model from a <see cref="ModelFile"/>.</summary>
    /// <param name="file">The file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InvalidDataException">The section is missing or malformed.</exception>
    public static LocalFlowModel FromModelFile(ModelFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return LocalFlowModelSerializer.Deserialize(file.GetSection(SectionName));
    }

    /// <summary>Writes the model to <paramref name="stream"/>.</summary>
    /// <param name="stream">A writable stream.</param>
    public void Save(Stream stream) => ToModelFile().Write(stream);

    /// <summary>Writes the model to <paramref name="path"/> atomically (temp file in the same directory, then rename).</summary>
    /// <param name="path">Target path.</param>
    public void Save(string path) => ToModelFile().Save(path);

    /// <summary>Reads a model from <paramref name="stream"/>.</summary>
    /// <param name="stream">A readable stream.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InvalidDataException">A foreign, other-version, corrupt or truncated file.</exception>
    public static LocalFlowModel Load(Stream stream) => FromModelFile(ModelFile.Read(stream));

    /// <summary>Reads a model from <paramref name="path"/>.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InvalidDataException">A foreign, other-version, corrupt or truncated file (the message names the path).</exception>
    public static LocalFlowModel Load(string path)
    {
        ModelFile f = ModelFile.Load(path);
        try
        {
            return FromModelFile(f);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"'{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Returns a copy of this model with the given students attached (one per block, or null to drop them).</summary>
    /// <param name="students">One student (or null) per block.</param>
    /// <returns>The new model.</returns>
    /// <exception cref="ArgumentException">The count differs from the number of blocks.</exception>
    public LocalFlowModel WithStudents(IReadOnlyList<DistilledStudent?> students)
    {
        ArgumentNullException.ThrowIfNull(students);
        if (students.Count != _blocks.Length)
        {
            throw new ArgumentException($"{students.Count} students for {_blocks.Length} blocks.", nameof(students));
        }

        return new LocalFlowModel(Options, Normalization, ConditionDimension,
            _blocks.Select((b, i) => new LocalFlowBlock(b.Step, b.Network, students[i])));
    }

    private static void Check(Numerics.Nn.MlpShape s, int d, int c)
    {
        if (s.DataDimension != d || s.ConditionDimension != c)
        {
            throw new ArgumentException($"A network has d = {s.DataDimension}, c = {s.ConditionDimension}; the model needs d = {d}, c = {c}.", "blocks");
        }
    }
}
