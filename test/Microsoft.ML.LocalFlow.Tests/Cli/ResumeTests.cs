namespace Microsoft.ML.LocalFlow.Tests.Cli;

[TestClass]
[TestCategory("Cli")]
[TestCategory("CliEndToEnd")]
public sealed class ResumeTests
{
    private static readonly string[] Config = ["--iterations", "150", "--hidden", "16", "--layers", "2", "--batch", "64", "--threads", "1", "--seed", "4", "--quiet"];

    [TestMethod]
    public void CancelAfterFirstCheckpoint_ThenResume_GivesTheUninterruptedModel()
    {
        using var dir = new TempDirectory();
        string data = EndToEndTests.DataFile("faithful.csv");
        string model = dir.File("m.lfm");
        string checkpoint = Path.Combine(model + ".checkpoint", "checkpoint.lfm");

        // Cancel as soon as the first block's checkpoint exists, as a Ctrl+C would. The watcher also stops when the fit
        // ends, so a fit that outruns it cannot hang the test.
        using var cts = new CancellationTokenSource();
        Task<LfmResult> fit = Task.Run(() => LfmInvoker.Run(cts.Token, ["fit", data, "--model", model, .. Config]));
        while (!File.Exists(checkpoint) && !fit.IsCompleted)
        {
            Thread.Sleep(1);
        }

        cts.Cancel();
        LfmResult cancelled = fit.GetAwaiter().GetResult();
        if (cancelled.ExitCode == 0)
        {
            // The whole fit finished between two polls (a few milliseconds on a quiet machine): no interruption happened.
            Assert.Inconclusive("the fit completed before the cancellation reached it; nothing was interrupted in this run");
        }

        LfmInvoker.AssertOneLineError(cancelled, 130, "checkpointed", "--resume");
        Assert.IsFalse(File.Exists(model), "no model after a cancelled fit");
        Assert.IsTrue(File.Exists(checkpoint), "the checkpoint is kept for --resume");

        LfmResult resumed = LfmInvoker.Run(["fit", data, "--model", model, "--resume", .. Config]);
        Assert.AreEqual(0, resumed.ExitCode, resumed.ToString());
        Assert.IsFalse(Directory.Exists(model + ".checkpoint"), "the checkpoint is removed once the model is written");

        string reference = dir.File("reference.lfm");
        Assert.AreEqual(0, LfmInvoker.Run(["fit", data, "--model", reference, .. Config]).ExitCode);
        Assert.AreEqual(0, LfmInvoker.Run("sample", "-m", model, "-n", "100", "-o", dir.File("a.csv"), "-s", "1").ExitCode);
        Assert.AreEqual(0, LfmInvoker.Run("sample", "-m", reference, "-n", "100", "-o", dir.File("b.csv"), "-s", "1").ExitCode);
        Assert.AreEqual(File.ReadAllText(dir.File("b.csv")), File.ReadAllText(dir.File("a.csv")), "resumed and uninterrupted fits generate the same rows");
    }
}
