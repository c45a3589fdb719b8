using Microsoft.ML.LocalFlow.Cli.Infrastructure;

namespace Microsoft.ML.LocalFlow.Tests.Cli;

[TestClass]
[TestCategory("Cli")]
public sealed class AtomicFileTests
{
    [TestMethod]
    public void Write_ReplacesTheTarget_AndLeavesNoTemporaryFile()
    {
        using var dir = new TempDirectory();
        string target = dir.Write("out.csv", "old");
        AtomicFile.Write(target, s => s.Write("new"u8));
        Assert.AreEqual("new", File.ReadAllText(target));
        CollectionAssert.AreEqual(new[] { "out.csv" }, dir.FileNames());
    }

    [TestMethod]
    public void FailedWrite_KeepsTheOldTarget_AndDeletesTheTemporaryFile()
    {
        using var dir = new TempDirectory();
        string target = dir.Write("out.csv", "old");
        Assert.ThrowsExactly<InvalidOperationException>(() => AtomicFile.Write(target, s =>
        {
            s.Write("partial"u8);
            throw new InvalidOperationException("boom");
        }));
        Assert.AreEqual("old", File.ReadAllText(target));
        CollectionAssert.AreEqual(new[] { "out.csv" }, dir.FileNames());
    }

    [TestMethod]
    public void FailedWrite_OfANewTarget_LeavesNothing()
    {
        using var dir = new TempDirectory();
        string target = dir.File("model.lfm");
        Assert.ThrowsExactly<OperationCanceledException>(() => AtomicFile.WriteViaTemporaryPath(target, temp =>
        {
            File.WriteAllText(temp, "half a model");
            throw new OperationCanceledException();
        }));
        Assert.IsEmpty(dir.FileNames());
    }

    [TestMethod]
    public void WriteViaTemporaryPath_WritesInTheTargetDirectory()
    {
        using var dir = new TempDirectory();
        string target = dir.File("model.lfm");
        string? seen = null;
        AtomicFile.WriteViaTemporaryPath(target, temp =>
        {
            seen = temp;
            File.WriteAllText(temp, "x");
        });
        Assert.AreEqual(dir.Path, Path.GetDirectoryName(seen));
        Assert.AreEqual("x", File.ReadAllText(target));
    }

    [TestMethod]
    public void MissingDirectory_IsBadInput_NamingIt()
    {
        using var dir = new TempDirectory();
        string target = Path.Combine(dir.Path, "nope", "out.csv");
        CliException e = Assert.ThrowsExactly<CliException>(() => AtomicFile.Write(target, _ => { }));
        Assert.AreEqual(ExitCode.BadInput, e.ExitCode);
        Assert.Contains("does not exist", e.Message);
    }

    [TestMethod]
    public void DirectoryAsTarget_IsBadInput()
    {
        using var dir = new TempDirectory();
        CliException e = Assert.ThrowsExactly<CliException>(() => AtomicFile.Write(dir.Path, _ => { }));
        Assert.Contains("is a directory", e.Message);
    }
}
