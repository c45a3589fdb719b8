using Microsoft.ML.LocalFlow.Flow;
using Microsoft.ML.LocalFlow.Flow.Schedules;
using Microsoft.ML.LocalFlow.Numerics.Ode;

namespace Microsoft.ML.LocalFlow.Tests.Flow;

[TestClass]
public sealed class LocalFlowModelTests
{
    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "lfm-flow-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static void AssertSameParameters(LocalFlowModel a, LocalFlowModel b)
    {
        Assert.AreEqual(a.Blocks.Count, b.Blocks.Count);
        for (int i = 0; i < a.Blocks.Count; i++)
        {
            Assert.AreEqual(a.Blocks[i].Step, b.Blocks[i].Step);
            Assert.IsTrue(a.Blocks[i].Network.Parameters.SequenceEqual(b.Blocks[i].Network.Parameters), $"block {i} parameters differ");
        }
    }

    [TestMethod]
    public void SameSeedAndThreadsGiveABitIdenticalModel()
    {
        float[] x = FlowTestData.Small(500, 3);
        LocalFlowOptions o = FlowTestData.TinyOptions();
        o.IterationsPerBlock = 20;
        LocalFlowModel first = LocalFlowTrainer.Fit(x, 500, 3, o);
        AssertSameParameters(first, LocalFlowTrainer.Fit(x, 500, 3, o));
        o.Seed = 43;
        LocalFlowModel other = LocalFlowTrainer.Fit(x, 500, 3, o);
        Assert.IsFalse(other.Blocks[0].Network.Parameters.SequenceEqual(first.Blocks[0].Network.Parameters));
    }

    [TestMethod]
    public void ResumeAfterInterruptionGivesTheSameModel()
    {
        float[] x = FlowTestData.Small(600, 4);
        string dir = TempDir();
        try
        {
            LocalFlowOptions o = FlowTestData.TinyOptions();
            o.IterationsPerBlock = 25;
            o.ValidationFraction = 0.1;
            o.ValidationInterval = 10;
            LocalFlowModel reference = LocalFlowTrainer.Fit(x, 600, 3, o);

            o.CheckpointDirectory = dir;
            using var cts = new CancellationTokenSource();
            var stopAfterBlock1 = new InlineProgress(p =>
            {
                if (p.Phase == LocalFlowPhase.BlockCompleted && p.Block == 1)
                {
                    cts.Cancel();
                }
            });
            Assert.ThrowsExactly<OperationCanceledException>(() => LocalFlowTrainer.Fit(x, 600, 3, default, 0, o, stopAfterBlock1, cts.Token));
            Assert.AreEqual(1, LocalFlowModel.Load(Path.Combine(dir, LocalFlowTrainer.CheckpointFileName)).Blocks.Count);

            var phases = new List<LocalFlowPhase>();
            LocalFlowModel resumed = LocalFlowTrainer.Fit(x, 600, 3, default, 0, o, new InlineProgress(p => phases.Add(p.Phase)));
            Assert.AreEqual(LocalFlowPhase.Resumed, phases[0]);
            AssertSameParameters(reference, resumed);

            // A checkpoint of other data is ignored, not resumed.
            float[] y = FlowTestData.Small(600, 5);
            phases.Clear();
            LocalFlowTrainer.Fit(y, 600, 3, default, 0, o, new InlineProgress(p => phases.Add(p.Phase)));
            Assert.IsFalse(phases.Contains(LocalFlowPhase.Resumed));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [TestMethod]
    public void SaveLoadGivesIdenticalSamplesAndScores()
    {
        LocalFlowModel m = FlowTestData.Tiny;
        using var ms = new MemoryStream();
        m.Save(ms);
        ms.Position = 0;
        LocalFlowModel back = LocalFlowModel.Load(ms);
        AssertSameParameters(m, back);
        Assert.AreEqual(m.Options.Schedule, back.Options.Schedule);
        CollectionAssert.AreEqual(LocalFlowSampler.Sample(m, 300, 9), LocalFlowSampler.Sample(back, 300, 9));
        float[] x = FlowTestData.Small(200, 8);
        var a = new double[200];
        var b = new double[200];
        LocalFlowLikelihood.LogLikelihood(m, x, 200, default, null, a);
        LocalFlowLikelihood.LogLikelihood(back, x, 200, default, null, b);
        CollectionAssert.AreEqual(a, b);

        string dir = TempDir();
        try
        {
            string path = Path.Combine(dir, "m.lfm");
            m.Save(path);
            AssertSameParameters(m, LocalFlowModel.Load(path));
            byte[] bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 2).ToArray());
            var ex = Assert.ThrowsExactly<InvalidDataException>(() => LocalFlowModel.Load(path));
            StringAssert.Contains(ex.Message, path);
            bytes[bytes.Length / 3] ^= 1;
            File.WriteAllBytes(path, bytes);
            Assert.ThrowsExactly<InvalidDataException>(() => LocalFlowModel.Load(path));
            File.WriteAllText(path, "a,b,c\n1,2,3\n");
            Assert.ThrowsExactly<InvalidDataException>(() => LocalFlowModel.Load(path));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [TestMethod]
    public void SamplingIsSeededThreadIndependentAndStreamsInPieces()
    {
        LocalFlowModel m = FlowTestData.Tiny;
        var one = new float[2500 * 3];
        LocalFlowSampler.Sample(m, 2500, 5, default, new SamplingOptions { Threads = 1, ChunkRows = 256 }, one);
        var two = new float[2500 * 3];
        LocalFlowSampler.Sample(m, 2500, 5, default, new SamplingOptions { Threads = 2, ChunkRows = 256 }, two);
        CollectionAssert.AreEqual(one, two);
        var pieces = new float[2500 * 3];
        LocalFlowSampler.Sample(m, 0, 1000, 5, default, new SamplingOptions { ChunkRows = 256 }, pieces.AsSpan(0, 3000));
        LocalFlowSampler.Sample(m, 1000, 1500, 5, default, new SamplingOptions { ChunkRows = 256 }, pieces.AsSpan(3000));
        CollectionAssert.AreEqual(one, pieces);
        var other = new float[2500 * 3];
        LocalFlowSampler.Sample(m, 2500, 6, default, null, other);
        CollectionAssert.AreNotEqual(one, other);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void PushForwardThenReverseReturnsTheInput(bool adaptive)
    {
        // The default push-forward solver (RK4 × 10), and Dopri5 at its default tolerances (1e-5) with the per-row norm,
        // through every block and back: max error < 1e-3 in flow coordinates. (With the whole-chunk RMS norm the worst
        // row of 300 came back at 1.2e-3: that norm bounds the chunk's RMS error, not every row's.)
        LocalFlowModel m = FlowTestData.Tiny;
        float[] x = FlowTestData.Small(300, 11);
        var z = new float[300 * 3];
        m.Normalization.Normalize(x, 300, z);
        float[] z0 = (float[])z.Clone();
        using var engine = new FlowEngine(3, 0, 128, 2);
        var lane = new FlowLane(3, 0, 300);
        OdeSolverOptions o = adaptive ? OdeSolverOptions.Adaptive() with { ErrorNorm = Dopri5ErrorNorm.RowMax } : new LocalFlowOptions().PushForward;
        foreach (LocalFlowBlock b in m.Blocks)
        {
            MlpVelocityField f = lane.Field(b.Network.Shape);
            f.Network = b.Network;
            lane.Solver.Integrate(f, 0, 1, z, 300, o);
        }

        Assert.IsTrue(z.Zip(z0).Max(p => Math.Abs(p.First - p.Second)) > 0.1, "the flow should move the points");
        for (int i = m.Blocks.Count - 1; i >= 0; i--)
        {
            MlpVelocityField f = lane.Field(m.Blocks[i].Network.Shape);
            f.Network = m.Blocks[i].Network;
            lane.Solver.Integrate(f, 1, 0, z, 300, o);
        }

        double err = z.Zip(z0).Max(p => Math.Abs(p.First - p.Second));
        Assert.IsTrue(err < 1e-3, $"max round-trip error {err}");
    }

    [TestMethod]
    public void ConstantColumnsAreCarriedExactly()
    {
        float[] x = FlowTestData.Small(400, 12);
        var wide = new float[400 * 4];
        for (int r = 0; r < 400; r++)
        {
            wide[r * 4] = 7.5f;
            x.AsSpan(r * 3, 3).CopyTo(wide.AsSpan((r * 4) + 1));
        }

        LocalFlowOptions o = FlowTestData.TinyOptions();
        o.IterationsPerBlock = 10;
        LocalFlowModel m = LocalFlowTrainer.Fit(wide, 400, 4, o);
        Assert.AreEqual(4, m.Dimension);
        Assert.AreEqual(3, m.FlowDimension);
        float[] s = LocalFlowSampler.Sample(m, 50, 1);
        for (int r = 0; r < 50; r++)
        {
            Assert.AreEqual(7.5f, s[r * 4]);
        }

        var lp = new double[2];
        LocalFlowLikelihood.LogLikelihood(m, wide.AsSpan(0, 8), 2, default, null, lp);
        Assert.IsTrue(double.IsFinite(lp[0]));
        wide[4] = 7.6f;
        LocalFlowLikelihood.LogLikelihood(m, wide.AsSpan(0, 8), 2, default, null, lp);
        Assert.AreEqual(double.NegativeInfinity, lp[1]);
    }

    [TestMethod]
    public void LikelihoodIsInOriginalUnits()
    {
        // Scaling the data by 10 shifts log p by −d·log 10 for the same (scale-invariant) training.
        float[] x = FlowTestData.Small(500, 13);
        float[] y = x.Select(v => v * 10).ToArray();
        LocalFlowOptions o = FlowTestData.TinyOptions();
        o.IterationsPerBlock = 15;
        LocalFlowModel mx = LocalFlowTrainer.Fit(x, 500, 3, o);
        LocalFlowModel my = LocalFlowTrainer.Fit(y, 500, 3, o);
        double nx = LocalFlowLikelihood.MeanNegativeLogLikelihood(mx, x.AsSpan(0, 300), 100);
        double ny = LocalFlowLikelihood.MeanNegativeLogLikelihood(my, y.AsSpan(0, 300), 100);
        Assert.AreEqual(nx + (3 * Math.Log(10)), ny, 1e-3);
        Assert.AreEqual(ny / (3 * Math.Log(2)), LocalFlowLikelihood.BitsPerDimension(ny, 3), 1e-12);
    }

    [TestMethod]
    public void HutchinsonLikelihoodIsCloseToExact()
    {
        LocalFlowModel m = FlowTestData.Tiny;
        float[] x = FlowTestData.Small(400, 14);
        double exact = LocalFlowLikelihood.MeanNegativeLogLikelihood(m, x, 400);
        double est = LocalFlowLikelihood.MeanNegativeLogLikelihood(m, x, 400, default,
            new LikelihoodOptions { Divergence = DivergenceMethod.Hutchinson, HutchinsonProbes = 4, Seed = 3 });
        Assert.AreEqual(exact, est, 0.05);
    }

    [TestMethod]
    public void DistilledStudentsSampleWithFewEvaluations()
    {
        LocalFlowModel m = FlowTestData.Tiny;
        LocalFlowModel d = LocalFlowDistiller.Distill(m, new DistillationOptions { Pairs = 3000, Iterations = 150, BatchSize = 256, Steps = 2, Threads = 2 });
        Assert.IsTrue(d.IsDistilled);
        var teacher = new float[2000 * 3];
        FlowResult rt = LocalFlowSampler.Sample(m, 2000, 4, default, null, teacher);
        var student = new float[2000 * 3];
        FlowResult rs = LocalFlowSampler.Sample(d, 2000, 4, default, new SamplingOptions { UseDistilled = true }, student);
        Assert.AreEqual(3 * 2, rs.FunctionEvaluations);
        Assert.AreEqual(3 * 10 * 4, rt.FunctionEvaluations);

        // Same noise, so rows correspond: the student reproduces the teacher's map closely relative to the data's spread.
        double mse = 0, var = 0;
        for (int i = 0; i < teacher.Length; i++)
        {
            mse += Math.Pow(teacher[i] - student[i], 2);
        }

        for (int j = 0; j < 3; j++)
        {
            var col = Enumerable.Range(0, 2000).Select(r => (double)teacher[(r * 3) + j]).ToArray();
            double mean = col.Average();
            var += col.Sum(v => (v - mean) * (v - mean));
        }

        Assert.IsTrue(mse / var < 0.05, $"relative error {mse / var}");
        using var ms = new MemoryStream();
        d.Save(ms);
        ms.Position = 0;
        Assert.IsTrue(LocalFlowModel.Load(ms).IsDistilled);
        Assert.ThrowsExactly<InvalidOperationException>(() => LocalFlowSampler.Sample(m, 10, 1, new SamplingOptions { UseDistilled = true }));
    }

    [TestMethod]
    public void ConditionSteersSamples()
    {
        // Two classes with means −2 and +2 in every column: a one-hot condition picks the class.
        var rng = new System.Random(5);
        int n = 1500;
        var x = new float[n * 2];
        var c = new float[n * 2];
        for (int r = 0; r < n; r++)
        {
            int k = r % 2;
            c[(r * 2) + k] = 1;
            for (int j = 0; j < 2; j++)
            {
                x[(r * 2) + j] = (float)((k == 0 ? -2 : 2) + (0.5 * FlowTestData.Gauss(rng)));
            }
        }

        LocalFlowOptions o = FlowTestData.TinyOptions();
        o.IterationsPerBlock = 150;
        LocalFlowModel m = LocalFlowTrainer.Fit(x, n, 2, c, 2, o);
        Assert.AreEqual(2, m.ConditionDimension);
        var s = new float[400 * 2];
        LocalFlowSampler.Sample(m, 400, 3, [1f, 0f], null, s);
        Assert.IsTrue(s.Average() < -1, $"class 0 mean {s.Average()}");
        LocalFlowSampler.Sample(m, 400, 3, [0f, 1f], null, s);
        Assert.IsTrue(s.Average() > 1, $"class 1 mean {s.Average()}");
        Assert.ThrowsExactly<ArgumentException>(() => LocalFlowSampler.Sample(m, 400, 3, [1f, 0f, 0f], null, s));
    }

    [TestMethod]
    public void OptionsValidationNamesTheProperty()
    {
        (Action<LocalFlowOptions> Set, string Name)[] cases =
        [
            (o => o.HiddenWidth = 0, nameof(LocalFlowOptions.HiddenWidth)),
            (o => o.BatchSize = -1, nameof(LocalFlowOptions.BatchSize)),
            (o => o.LearningRate = double.NaN, nameof(LocalFlowOptions.LearningRate)),
            (o => o.LearningRateDecay = 1.5, nameof(LocalFlowOptions.LearningRateDecay)),
            (o => o.ValidationFraction = 0.9, nameof(LocalFlowOptions.ValidationFraction)),
            (o => o.IterationsPerBlock = 0, nameof(LocalFlowOptions.IterationsPerBlock)),
            (o => o.GradientClipNorm = -1, nameof(LocalFlowOptions.GradientClipNorm)),
            (o => o.Threads = -2, nameof(LocalFlowOptions.Threads)),
            (o => o.PushForward = new OdeSolverOptions { Steps = 0 }, nameof(OdeSolverOptions.Steps)),
        ];
        foreach ((Action<LocalFlowOptions> set, string name) in cases)
        {
            var o = new LocalFlowOptions();
            set(o);
            var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => o.Validate(), name);
            Assert.AreEqual(name, ex.ParamName);
        }

        new LocalFlowOptions().Validate();
        LocalFlowOptions.FlowMatching().Validate();
        Assert.AreEqual(StepSizeSchedule.FlowMatching, LocalFlowOptions.FlowMatching().Schedule);
    }

    [TestMethod]
    public void BadDataIsRejectedClearly()
    {
        LocalFlowOptions o = FlowTestData.TinyOptions();
        var ex = Assert.ThrowsExactly<ArgumentException>(() => LocalFlowTrainer.Fit([1f, float.NaN, 2f, 3f], 2, 2, o));
        StringAssert.Contains(ex.Message, "Row 0, column 1");
        Assert.ThrowsExactly<ArgumentException>(() => LocalFlowTrainer.Fit([1f, 2f], 1, 2, o));
        Assert.ThrowsExactly<ArgumentException>(() => LocalFlowTrainer.Fit([1f, 2f, 1f, 2f], 2, 2, o));
        Assert.ThrowsExactly<ArgumentException>(() => LocalFlowTrainer.Fit([1f, 2f, 3f], 2, 2, o));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => LocalFlowSampler.Sample(FlowTestData.Tiny, -1, 1));
    }

    private sealed class InlineProgress(Action<LocalFlowProgress> report) : IProgress<LocalFlowProgress>
    {
        public void Report(LocalFlowProgress value) => report(value);
    }
}
