using Microsoft.ML.Runtime;

namespace Microsoft.ML.LocalFlow.Tests.StandIn;

[TestClass]
public sealed class MLContextTests
{
    [TestMethod]
    public void ChannelMessagesReachTheLogEvent()
    {
        var ml = new MLContext(1);
        var events = new List<LoggingEventArgs>();
        ml.Log += (_, e) => events.Add(e);
        var host = ((IHostEnvironment)ml).Register("Trainer");
        using (var ch = host.Start("Fit"))
        {
            ch.Info(MessageSensitivity.None, "epoch {0} loss {1}", 3, 0.5);
            ch.Warning(MessageSensitivity.None, "careful");
        }
        Assert.HasCount(2, events);
        Assert.AreEqual(ChannelMessageKind.Info, events[0].Kind);
        Assert.AreEqual("epoch 3 loss 0.5", events[0].RawMessage);
        Assert.AreEqual("Trainer; Fit", events[0].Source);
        Assert.AreEqual("[Source=Trainer; Fit, Kind=Info] epoch 3 loss 0.5", events[0].Message);
        Assert.AreEqual(ChannelMessageKind.Warning, events[1].Kind);
        Assert.AreEqual("plain", new LoggingEventArgs("plain").Message);
    }

    [TestMethod]
    public void ProgressCheckpointsAreTraced()
    {
        var ml = new MLContext(1);
        var events = new List<LoggingEventArgs>();
        ml.Log += (_, e) => events.Add(e);
        int done = 0;
        using (var pch = ((IHostEnvironment)ml).StartProgressChannel("Training"))
        {
            pch.SetHeader(new ProgressHeader(["Loss"], ["iterations"]), e => e.SetProgress(0, done, 10));
            done = 4;
            pch.Checkpoint(0.25);
        }
        Assert.HasCount(1, events);
        Assert.AreEqual(ChannelMessageKind.Trace, events[0].Kind);
        Assert.AreEqual("iterations: 4/10, Loss=0.25", events[0].RawMessage);
    }

    [TestMethod]
    public void SeededHostsRepeat()
    {
        var a = ((IHostEnvironment)new MLContext(3)).Register("x").Rand.Next();
        var b = ((IHostEnvironment)new MLContext(3)).Register("x").Rand.Next();
        Assert.AreEqual(a, b);
        Assert.AreEqual(new Random(5).Next(), ((IHostEnvironment)new MLContext(3)).Register("x", seed: 5).Rand.Next());
        Assert.IsNotNull(new MLContext().Transforms);
        Assert.IsNotNull(new MLContext().ComponentCatalog);
    }
}
