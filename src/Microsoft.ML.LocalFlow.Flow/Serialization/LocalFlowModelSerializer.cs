using System.Text;
using Microsoft.ML.LocalFlow.Flow.Interpolants;
using Microsoft.ML.LocalFlow.Flow.Schedules;
using Microsoft.ML.LocalFlow.Numerics.Nn;
using Microsoft.ML.LocalFlow.Numerics.Ode;

namespace Microsoft.ML.LocalFlow.Flow.Serialization;

/// <summary>
/// Binary layout of the "flow" section (little-endian, via <see cref="BinaryWriter"/>):
/// u32 payload version; options; normalisation (u32 d, f64 mean[d], f64 std[d]); u32 c; u32 N;
/// per block: f64 γ (+∞ = free), MLP (shape, u32 count, f32 params), u8 has-student [u32 k, MLP].
/// </summary>
/// <remarks>Payload versions: 1 = first release. Bump on any layout change and keep reading older ones where cheap.</remarks>
internal static class LocalFlowModelSerializer
{
    private const uint PayloadVersion = 1;

    public static byte[] Serialize(LocalFlowModel model)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(PayloadVersion);
            WriteOptions(w, model.Options, forFingerprint: false);
            DataNormalization n = model.Normalization;
            w.Write((uint)n.Dimension);
            foreach (double m in n.Mean)
            {
                w.Write(m);
            }

            foreach (double s in n.StandardDeviation)
            {
                w.Write(s);
            }

            w.Write((uint)model.ConditionDimension);
            w.Write((uint)model.Blocks.Count);
            foreach (LocalFlowBlock b in model.Blocks)
            {
                w.Write(b.Step.Gamma);
                WriteMlp(w, b.Network);
                w.Write(b.Student is not null);
                if (b.Student is not null)
                {
                    w.Write((uint)b.Student.Steps);
                    WriteMlp(w, b.Student.Network);
                }
            }
        }

        return ms.ToArray();
    }

    public static LocalFlowModel Deserialize(byte[] payload)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
            uint v = r.ReadUInt32();
            if (v != PayloadVersion)
            {
                throw new InvalidDataException($"The flow section has payload version {v}; this build reads version {PayloadVersion}.");
            }

            LocalFlowOptions options = ReadOptions(r);
            int d = Count(r.ReadUInt32(), 1 << 20, "dimension");
            var mean = new double[d];
            var std = new double[d];
            for (int j = 0; j < d; j++)
            {
                mean[j] = r.ReadDouble();
            }

            for (int j = 0; j < d; j++)
            {
                std[j] = r.ReadDouble();
            }

            var norm = new DataNormalization(mean, std);
            int c = Count(r.ReadUInt32(), 1 << 20, "condition dimension");
            int nb = Count(r.ReadUInt32(), 1000, "block count");
            var blocks = new LocalFlowBlock[nb];
            for (int i = 0; i < nb; i++)
            {
                double g = r.ReadDouble();
                BlockStep step = double.IsPositiveInfinity(g) ? BlockStep.Free : new BlockStep(g);
                Mlp net = ReadMlp(r);
                DistilledStudent? student = null;
                if (r.ReadBoolean())
                {
                    int k = Count(r.ReadUInt32(), 1 << 16, "student steps");
                    student = new DistilledStudent(ReadMlp(r), k);
                }

                blocks[i] = new LocalFlowBlock(step, net, student);
            }

            if (r.BaseStream.Position != r.BaseStream.Length)
            {
                throw new InvalidDataException("The flow section has unexpected trailing bytes.");
            }

            return new LocalFlowModel(options, norm, c, blocks);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The flow section is truncated.", ex);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"The flow section holds an invalid value: {ex.Message}", ex);
        }
    }

    /// <summary>The bytes of the options that change the trained model (the fingerprint of a checkpoint).</summary>
    public static byte[] OptionsBytes(LocalFlowOptions o)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            WriteOptions(w, o, forFingerprint: true);
        }

        return ms.ToArray();
    }

    private static int Count(uint value, int max, string what) =>
        value <= (uint)max ? (int)value : throw new InvalidDataException($"The flow section's {what} ({value}) is out of range.");

    private static void WriteOptions(BinaryWriter w, LocalFlowOptions o, bool forFingerprint)
    {
        w.Write(o.Schedule.ToString());
        w.Write(o.HiddenWidth);
        w.Write(o.HiddenLayers);
        w.Write((int)o.Activation);
        w.Write((int)o.TimeEncoding);
        w.Write(o.FourierFrequencies);
        w.Write(o.IterationsPerBlock);
        w.Write(o.BatchSize);
        w.Write(o.LearningRate);
        w.Write((int)o.LearningRateSchedule);
        w.Write(o.LearningRateStepSize);
        w.Write(o.LearningRateDecay);
        w.Write(o.WarmupIterations);
        w.Write((int)o.Optimizer);
        w.Write(o.WeightDecay);
        w.Write(o.GradientClipNorm);
        w.Write(o.WarmStart);
        w.Write((int)o.Interpolant);
        w.Write(o.SigmaMin);
        w.Write((int)o.TimeSampling.Kind);
        w.Write(o.TimeSampling.Alpha);
        w.Write(o.TimeSampling.Beta);
        w.Write(o.TimeSampling.DrawsPerPair);
        w.Write(o.ValidationFraction);
        w.Write(o.ValidationInterval);
        w.Write(o.EarlyStoppingPatience);
        w.Write((int)o.PushForward.Kind);
        w.Write(o.PushForward.Steps);
        w.Write(o.PushForward.RelativeTolerance);
        w.Write(o.PushForward.AbsoluteTolerance);
        w.Write(o.PushForward.MaxSteps);
        w.Write((int)o.PushForward.ErrorNorm);
        w.Write(o.Seed);
        w.Write(forFingerprint ? o.EffectiveThreads : o.Threads);
        w.Write(o.ChunkRows);
        if (!forFingerprint)
        {
            w.Write(o.ProgressInterval);
        }
    }

    private static LocalFlowOptions ReadOptions(BinaryReader r)
    {
        string schedule = r.ReadString();
        var o = new LocalFlowOptions
        {
            Schedule = ParseSchedule(schedule),
            HiddenWidth = r.ReadInt32(),
            HiddenLayers = r.ReadInt32(),
            Activation = (Activation)r.ReadInt32(),
            TimeEncoding = (TimeEncoding)r.ReadInt32(),
            FourierFrequencies = r.ReadInt32(),
            IterationsPerBlock = r.ReadInt32(),
            BatchSize = r.ReadInt32(),
            LearningRate = r.ReadDouble(),
            LearningRateSchedule = (LearningRateScheduleKind)r.ReadInt32(),
            LearningRateStepSize = r.ReadInt32(),
            LearningRateDecay = r.ReadDouble(),
            WarmupIterations = r.ReadInt32(),
            Optimizer = (OptimizerKind)r.ReadInt32(),
            WeightDecay = r.ReadDouble(),
            GradientClipNorm = r.ReadDouble(),
            WarmStart = r.ReadBoolean(),
            Interpolant = (InterpolantKind)r.ReadInt32(),
            SigmaMin = r.ReadDouble(),
        };
        o.TimeSampling = new TimeSampling
        {
            Kind = (TimeSamplingKind)r.ReadInt32(),
            Alpha = r.ReadDouble(),
            Beta = r.ReadDouble(),
            DrawsPerPair = r.ReadInt32(),
        };
        o.ValidationFraction = r.ReadDouble();
        o.ValidationInterval = r.ReadInt32();
        o.EarlyStoppingPatience = r.ReadInt32();
        o.PushForward = new OdeSolverOptions
        {
            Kind = (OdeSolverKind)r.ReadInt32(),
            Steps = r.ReadInt32(),
            RelativeTolerance = r.ReadDouble(),
            AbsoluteTolerance = r.ReadDouble(),
            MaxSteps = r.ReadInt32(),
            ErrorNorm = (Dopri5ErrorNorm)r.ReadInt32(),
        };
        o.Seed = r.ReadUInt64();
        o.Threads = r.ReadInt32();
        o.ChunkRows = r.ReadInt32();
        o.ProgressInterval = r.ReadInt32();
        o.Validate();
        return o;
    }

    private static StepSizeSchedule ParseSchedule(string s)
    {
        try
        {
            return StepSizeSchedule.Parse(s);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"The stored step-size schedule '{s}' is invalid: {ex.Message}", ex);
        }
    }

    private static void WriteMlp(BinaryWriter w, Mlp m)
    {
        MlpShape s = m.Shape;
        w.Write(s.DataDimension);
        w.Write(s.ConditionDimension);
        w.Write(s.HiddenWidth);
        w.Write(s.HiddenLayers);
        w.Write((int)s.Activation);
        w.Write((int)s.TimeEncoding);
        w.Write(s.FourierFrequencies);
        w.Write(s.SoftplusBeta);
        ReadOnlySpan<float> p = m.Parameters;
        w.Write(p.Length);
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(p));
    }

    private static Mlp ReadMlp(BinaryReader r)
    {
        var shape = new MlpShape(
            dataDimension: r.ReadInt32(),
            conditionDimension: r.ReadInt32(),
            hiddenWidth: r.ReadInt32(),
            hiddenLayers: r.ReadInt32(),
            activation: (Activation)r.ReadInt32(),
            timeEncoding: (TimeEncoding)r.ReadInt32(),
            fourierFrequencies: r.ReadInt32(),
            softplusBeta: r.ReadSingle());
        int count = r.ReadInt32();
        if (count != shape.ParameterCount)
        {
            throw new InvalidDataException($"A network stores {count} parameters; its shape needs {shape.ParameterCount}.");
        }

        byte[] bytes = r.ReadBytes(checked(count * sizeof(float)));
        if (bytes.Length != count * sizeof(float))
        {
            throw new EndOfStreamException();
        }

        return new Mlp(shape, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes));
    }
}
