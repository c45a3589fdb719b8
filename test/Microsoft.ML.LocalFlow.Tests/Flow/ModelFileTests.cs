using Microsoft.ML.LocalFlow.Flow.Serialization;

namespace Microsoft.ML.LocalFlow.Tests.Flow;

[TestClass]
public sealed class ModelFileTests
{
    private static byte[] Bytes(ModelFile f)
    {
        using var ms = new MemoryStream();
        f.Write(ms);
        return ms.ToArray();
    }

    private static ModelFile Sample()
    {
        var f = new ModelFile();
        f.SetSection("flow", [1, 2, 3]);
        f.SetSection("tabular.encoder", new byte[1000]);
        f.SetSection("empty", []);
        return f;
    }

    [TestMethod]
    public void RoundTripsSections()
    {
        ModelFile back = ModelFile.Read(new MemoryStream(Bytes(Sample())));
        CollectionAssert.AreEqual(new[] { "flow", "tabular.encoder", "empty" }, back.SectionNames.ToArray());
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, back.GetSection("flow"));
        Assert.AreEqual(1000, back.GetSection("tabular.encoder").Length);
        Assert.IsFalse(back.HasSection("nope"));
        Assert.ThrowsExactly<InvalidDataException>(() => back.GetSection("nope"));
    }

    [TestMethod]
    public void TruncatedCorruptForeignAndOtherVersionFilesThrowClearly()
    {
        byte[] good = Bytes(Sample());
        for (int cut = 0; cut < good.Length; cut += 37)
        {
            Assert.ThrowsExactly<InvalidDataException>(() => ModelFile.Read(new MemoryStream(good.AsSpan(0, cut).ToArray())), $"cut {cut}");
        }

        byte[] bad = (byte[])good.Clone();
        bad[30] ^= 0x10;
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => ModelFile.Read(new MemoryStream(bad)));
        StringAssert.Contains(ex.Message, "checksum");

        var foreign = "PK\u0003\u0004 this is a zip"u8.ToArray();
        ex = Assert.ThrowsExactly<InvalidDataException>(() => ModelFile.Read(new MemoryStream(foreign)));
        StringAssert.Contains(ex.Message, "not a LocalFlow model");

        byte[] v2 = (byte[])good.Clone();
        v2[8] = 2;
        ex = Assert.ThrowsExactly<InvalidDataException>(() => ModelFile.Read(new MemoryStream(v2)));
        StringAssert.Contains(ex.Message, "version 2");
    }

    [TestMethod]
    public void SaveIsAtomicAndLeavesNoTemporaryFiles()
    {
        string dir = Path.Combine(Path.GetTempPath(), "lfm-mf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "m.lfm");
            Sample().Save(path);
            Sample().Save(path); // overwrite
            Assert.AreEqual(1, Directory.GetFiles(dir).Length);
            Assert.AreEqual(3, ModelFile.Load(path).SectionNames.Count());

            // A writer that fails midway leaves the old file intact and no temp file behind.
            Assert.ThrowsExactly<InvalidOperationException>(() => ModelFile.WriteAtomically(path, s =>
            {
                s.WriteByte(1);
                throw new InvalidOperationException("boom");
            }));
            Assert.AreEqual(1, Directory.GetFiles(dir).Length);
            Assert.AreEqual(3, ModelFile.Load(path).SectionNames.Count());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
