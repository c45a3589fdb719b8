using Microsoft.ML.LocalFlow.Flow.Interpolants;
using Microsoft.ML.LocalFlow.Flow.Schedules;
using Microsoft.ML.LocalFlow.Numerics.Nn;
using Microsoft.ML.LocalFlow.Numerics.Ode;

namespace Microsoft.ML.LocalFlow.Flow;

/// <summary>
/// Everything a Local Flow Matching fit needs besides the data. Every property has a default (see docs/flow.md for
/// why); <see cref="Validate"/> names the first bad property and its value.
/// </summary>
public sealed class LocalFlowOptions
{
    /// <summary>The chain of blocks (OU step sizes, last block free). Default: the official POWER chain 0.15, 0.2, 0.26, free.</summary>
    public StepSizeSchedule Schedule { get; set; } = StepSizeSchedule.Power;

    /// <summary>Hidden width H of every block's MLP. Default 256 (the official POWER width).</summary>
    public int HiddenWidth { get; set; } = 256;

    /// <summary>Hidden layers K. Default 3.</summary>
    public int HiddenLayers { get; set; } = 3;

    /// <summary>Hidden nonlinearity. Default ReLU (official).</summary>
    public Activation Activation { get; set; } = Activation.Relu;

    /// <summary>How t enters the network. Default Raw (official: t concatenated to the input).</summary>
    public TimeEncoding TimeEncoding { get; set; } = TimeEncoding.Raw;

    /// <summary>Fourier frequencies when <see cref="TimeEncoding"/> is Fourier. Default 8.</summary>
    public int FourierFrequencies { get; set; } = 8;

    /// <summary>Optimiser iterations per block (an upper bound when early stopping is on). Default 1000.</summary>
    public int IterationsPerBlock { get; set; } = 1000;

    /// <summary>Pairs (x_l, x_r) per iteration, drawn with replacement from the pool. Default 1024.</summary>
    public int BatchSize { get; set; } = 1024;

    /// <summary>Base learning rate. Default 5e-3 (the official POWER rate; with the cosine decay it also suits smaller batches).</summary>
    public double LearningRate { get; set; } = 5e-3;

    /// <summary>Learning-rate schedule within each block. Default Cosine.</summary>
    public LearningRateScheduleKind LearningRateSchedule { get; set; } = LearningRateScheduleKind.Cosine;

    /// <summary>Step schedule: iterations between decays. Default 1000 (official).</summary>
    public int LearningRateStepSize { get; set; } = 1000;

    /// <summary>Step schedule: the decay factor in (0, 1]. Default 0.99 (official POWER).</summary>
    public double LearningRateDecay { get; set; } = 0.99;

    /// <summary>Linear warm-up iterations at the start of each block (all schedules). Default 0.</summary>
    public int WarmupIterations { get; set; }

    /// <summary>Adam or AdamW. Default Adam (official).</summary>
    public OptimizerKind Optimizer { get; set; } = OptimizerKind.Adam;

    /// <summary>AdamW decoupled weight decay (ignored by Adam). Default 0.</summary>
    public double WeightDecay { get; set; }

    /// <summary>Global gradient-norm clip; 0 turns clipping off. Default 0 (official tabular runs do not clip).</summary>
    public double GradientClipNorm { get; set; }

    /// <summary>Initialise block n from block n−1's weights (official, except BSDS300). Default true.</summary>
    public bool WarmStart { get; set; } = true;

    /// <summary>The interpolant. Default Trigonometric (official tabular).</summary>
    public InterpolantKind Interpolant { get; set; } = InterpolantKind.Trigonometric;

    /// <summary>σ_min of <see cref="InterpolantKind.LinearSigmaMin"/>. Default 1e-4.</summary>
    public double SigmaMin { get; set; } = 1e-4;

    /// <summary>Time sampling and num_tk. Default U(0, 1), one draw per pair.</summary>
    public TimeSampling TimeSampling { get; set; } = TimeSampling.Uniform;

    /// <summary>Fraction of rows held out for validation loss and early stopping, in [0, 0.5]. Default 0 (no split).</summary>
    public double ValidationFraction { get; set; }

    /// <summary>Iterations between validation evaluations (when <see cref="ValidationFraction"/> &gt; 0). Default 100.</summary>
    public int ValidationInterval { get; set; } = 100;

    /// <summary>Stop a block after this many validation evaluations without improvement and keep its best weights; 0 never stops early. Default 0.</summary>
    public int EarlyStoppingPatience { get; set; }

    /// <summary>Solver for the push-forward of the pool between blocks. Default RK4 with 10 steps (the PyTorch reference's setting).</summary>
    public OdeSolverOptions PushForward { get; set; } = OdeSolverOptions.Fixed(OdeSolverKind.Rk4, 10);

    /// <summary>Seed of every random draw of the fit (initial weights, batches, noise, times, validation split). Default 0.</summary>
    public ulong Seed { get; set; }

    /// <summary>Worker threads; 0 uses <see cref="Environment.ProcessorCount"/>. The same seed and thread count give a bit-identical model. Default 0.</summary>
    public int Threads { get; set; }

    /// <summary>Rows per inference chunk (push-forward, sampling, likelihood). Default 1024.</summary>
    public int ChunkRows { get; set; } = 1024;

    /// <summary>Directory for a checkpoint written after each block; null writes none. Default null.</summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>Whether a fit with <see cref="CheckpointDirectory"/> set resumes from a compatible checkpoint found there (same data, options and seed). Default true.</summary>
    public bool ResumeFromCheckpoint { get; set; } = true;

    /// <summary>Iterations between progress reports. Default 50.</summary>
    public int ProgressInterval { get; set; } = 50;

    /// <summary>Plain flow matching: the same trainer with one free block (the paper's FM baseline).</summary>
    /// <param name="iterations">Iterations of the single block.</param>
    /// <returns>Options with <see cref="Schedule"/> = <see cref="StepSizeSchedule.FlowMatching"/>.</returns>
    public static LocalFlowOptions FlowMatching(int iterations = 4000) => new() { Schedule = StepSizeSchedule.FlowMatching, IterationsPerBlock = iterations };

    /// <summary>The effective thread count (<see cref="Threads"/>, or the processor count when 0).</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;

    /// <summary>A shallow copy (schedules and solver options are immutable).</summary>
    /// <returns>The copy.</returns>
    public LocalFlowOptions Clone() => (LocalFlowOptions)MemberwiseClone();

    /// <summary>Checks every property.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A property is out of range; the parameter name is the property and the message gives its value.</exception>
    /// <exception cref="ArgumentNullException">A required property is null.</exception>
    public void Validate()
    {
        if (Schedule is null)
        {
            throw new ArgumentNullException(nameof(Schedule), "A step-size schedule is required.");
        }

        Range(HiddenWidth, 1, 65536, nameof(HiddenWidth));
        Range(HiddenLayers, 1, 64, nameof(HiddenLayers));
        if (!Enum.IsDefined(Activation))
        {
            throw new ArgumentOutOfRangeException(nameof(Activation), Activation, "Unknown activation.");
        }

        if (!Enum.IsDefined(TimeEncoding))
        {
            throw new ArgumentOutOfRangeException(nameof(TimeEncoding), TimeEncoding, "Unknown time encoding.");
        }

        Range(FourierFrequencies, 1, 1024, nameof(FourierFrequencies));
        Range(IterationsPerBlock, 1, 100_000_000, nameof(IterationsPerBlock));
        Range(BatchSize, 1, 10_000_000, nameof(BatchSize));
        if ((long)BatchSize * (TimeSampling?.DrawsPerPair ?? 1) > 10_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize × TimeSampling.DrawsPerPair must be at most 10,000,000.");
        }

        Positive(LearningRate, nameof(LearningRate));
        if (!Enum.IsDefined(LearningRateSchedule))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRateSchedule), LearningRateSchedule, "Unknown learning-rate schedule.");
        }

        Range(LearningRateStepSize, 1, int.MaxValue, nameof(LearningRateStepSize));
        if (!(LearningRateDecay > 0 && LearningRateDecay <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRateDecay), LearningRateDecay, "LearningRateDecay must be in (0, 1].");
        }

        Range(WarmupIterations, 0, int.MaxValue, nameof(WarmupIterations));
        if (!Enum.IsDefined(Optimizer))
        {
            throw new ArgumentOutOfRangeException(nameof(Optimizer), Optimizer, "Unknown optimizer.");
        }

        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "WeightDecay must be finite and non-negative.");
        }

        if (!(GradientClipNorm >= 0) || !double.IsFinite(GradientClipNorm))
        {
            throw new ArgumentOutOfRangeException(nameof(GradientClipNorm), GradientClipNorm, "GradientClipNorm must be finite and non-negative (0 = off).");
        }

        if (!Enum.IsDefined(Interpolant))
        {
            throw new ArgumentOutOfRangeException(nameof(Interpolant), Interpolant, "Unknown interpolant.");
        }

        if (!(SigmaMin >= 0 && SigmaMin < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(SigmaMin), SigmaMin, "SigmaMin must be in [0, 1).");
        }

        if (TimeSampling is null)
        {
            throw new ArgumentNullException(nameof(TimeSampling), "A time sampling is required.");
        }

        TimeSampling.Validate();
        if (!(ValidationFraction >= 0 && ValidationFraction <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "ValidationFraction must be in [0, 0.5].");
        }

        Range(ValidationInterval, 1, int.MaxValue, nameof(ValidationInterval));
        Range(EarlyStoppingPatience, 0, int.MaxValue, nameof(EarlyStoppingPatience));
        if (PushForward is null)
        {
            throw new ArgumentNullException(nameof(PushForward), "Push-forward solver options are required.");
        }

        PushForward.Validate();
        Range(Threads, 0, 1024, nameof(Threads));
        Range(ChunkRows, 1, 1 << 20, nameof(ChunkRows));
        Range(ProgressInterval, 1, int.MaxValue, nameof(ProgressInterval));
    }

    private static void Range(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}]; it is {value}.");
        }
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive and finite; it is {value}.");
        }
    }
}
