using System.Security.Cryptography;
using System.Text;

namespace Microsoft.ML.LocalFlow.Flow.Serialization;

/// <summary>
/// The container every LocalFlow model is stored in: magic bytes, a format version, named sections holding opaque
/// byte payloads, and a SHA-256 checksum. Layers above the flow (e.g. the tabular encoder) add their own sections.
/// </summary>
/// <remarks>
/// <para>Layout (little-endian):</para>
/// <code>
/// magic      8 bytes  "LFMODEL\0"
/// version    u32      FormatVersion
/// count      u32      number of sections
/// repeated:  u16 name length, UTF-8 name, u64 payload length, payload
/// checksum   32 bytes SHA-256 of every byte above (magic included)
/// </code>
/// <para>Format versions: 1 = first release (2026-11).</para>
/// <para>Reading checks the magic, then the version, then the checksum, then the section bounds, and throws
/// <see cref="InvalidDataException"/> with a clear reason for a foreign, other-version, corrupt or truncated file.
/// Saving to a path writes a temporary file in the same directory, flushes it to disk and renames it over the
/// target, so a crash never leaves a half-written model under the target name.</para>
/// </remarks>
public sealed class ModelFile
{
    /// <summary>The format version this build writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>Largest file the reader accepts (2 GiB − 1), so a corrupt length can never make it allocate wildly.</summary>
    public const long MaxFileBytes = int.MaxValue;

    private static ReadOnlySpan<byte> Magic => "LFMODEL\0"u8;

    private const int HashBytes = 32;

    private readonly List<KeyValuePair<string, byte[]>> _sections = [];

    /// <summary>Section names in insertion order.</summary>
    public IEnumerable<string> SectionNames => _sections.Select(s => s.Key);

    /// <summary>Adds or replaces section <paramref name="name"/>.</summary>
    /// <param name="name">1–256 UTF-8 bytes.</param>
    /// <param name="payload">The bytes (kept by reference).</param>
    /// <exception cref="ArgumentException">The name is empty or too long.</exception>
    public void SetSection(string name, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(payload);
        int n = Encoding.UTF8.GetByteCount(name);
        if (n == 0 || n > 256)
        {
            throw new ArgumentException($"Section name '{name}' must be 1–256 UTF-8 bytes.", nameof(name));
        }

        int i = _sections.FindIndex(s => s.Key == name);
        if (i >= 0)
        {
            _sections[i] = new(name, payload);
        }
        else
        {
            _sections.Add(new(name, payload));
        }
    }

    /// <summary>Whether section <paramref name="name"/> exists.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True when present.</returns>
    public bool HasSection(string name) => _sections.Exists(s => s.Key == name);

    /// <summary>Gets section <paramref name="name"/>.</summary>
    /// <param name="name">The name.</param>
    /// <param name="payload">The payload when found.</param>
    /// <returns>True when found.</returns>
    public bool TryGetSection(string name, out byte[] payload)
    {
        int i = _sections.FindIndex(s => s.Key == name);
        payload = i >= 0 ? _sections[i].Value : [];
        return i >= 0;
    }

    /// <summary>Gets section <paramref name="name"/>, or throws.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The payload.</returns>
    /// <exception cref="InvalidDataException">The file has no such section.</exception>
    public byte[] GetSection(string name) =>
        TryGetSection(name, out byte[] p) ? p : throw new InvalidDataException($"The model file has no '{name}' section.");

    /// <summary>Writes the file to <paramref name="stream"/>.</summary>
    /// <param name="stream">A writable stream.</param>
    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write((uint)FormatVersion);
            w.Write((uint)_sections.Count);
            foreach ((string name, byte[] payload) in _sections)
            {
                byte[] nb = Encoding.UTF8.GetBytes(name);
                w.Write((ushort)nb.Length);
                w.Write(nb);
                w.Write((ulong)payload.LongLength);
                w.Write(payload);
            }
        }

        byte[] hash = SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length));
        stream.Write(body.GetBuffer(), 0, (int)body.Length);
        stream.Write(hash);
    }

    /// <summary>Writes the file to <paramref name="path"/> atomically (temp file in the same directory, flush to disk, rename over).</summary>
    /// <param name="path">Target path.</param>
    /// <exception cref="IOException">The file cannot be written; the target is then unchanged.</exception>
    public void Save(string path) => WriteAtomically(path, Write);

    /// <summary>Writes a file atomically: <paramref name="write"/> fills a temporary file next to <paramref name="path"/>, which is flushed to disk and renamed over the target; on failure the temporary file is deleted and the target left unchanged.</summary>
    /// <param name="path">Target path.</param>
    /// <param name="write">Writes the content.</param>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        string tmp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }

            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(tmp);
            }
            catch (IOException)
            {
                // Best effort: the original error matters more.
            }

            throw;
        }
    }

    /// <summary>Reads a model file from <paramref name="stream"/> (to its end).</summary>
    /// <param name="stream">A readable stream.</param>
    /// <returns>The file.</returns>
    /// <exception cref="InvalidDataException">Not a LocalFlow model, another format version, corrupt (checksum) or truncated.</exception>
    public static ModelFile Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] all;
        using (var ms = new MemoryStream())
        {
            var buf = new byte[81920];
            int got;
            while ((got = stream.Read(buf, 0, buf.Length)) > 0)
            {
                if (ms.Length + got > MaxFileBytes)
                {
                    throw new InvalidDataException($"The model file is larger than {MaxFileBytes} bytes; it is not a LocalFlow model.");
                }

                ms.Write(buf, 0, got);
            }

            all = ms.ToArray();
        }

        return Parse(all);
    }

    /// <summary>Reads a model file from <paramref name="path"/>.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The file.</returns>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a LocalFlow model, another format version, corrupt or truncated; the message names the path.</exception>
    public static ModelFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            return Read(fs);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"'{path}': {ex.Message}", ex);
        }
    }

    private static ModelFile Parse(byte[] all)
    {
        if (all.Length < Magic.Length || !all.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException("This is not a LocalFlow model file (wrong magic bytes).");
        }

        if (all.Length < Magic.Length + 4)
        {
            throw new InvalidDataException("The model file is truncated (no format version).");
        }

        uint version = BitConverter.ToUInt32(all, Magic.Length);
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"The model file has format version {version}; this build reads version {FormatVersion}.");
        }

        if (all.Length < Magic.Length + 8 + HashBytes)
        {
            throw new InvalidDataException("The model file is truncated.");
        }

        int bodyLen = all.Length - HashBytes;
        byte[] hash = SHA256.HashData(all.AsSpan(0, bodyLen));
        if (!hash.AsSpan().SequenceEqual(all.AsSpan(bodyLen)))
        {
            throw new InvalidDataException("The model file is corrupt or truncated (checksum mismatch).");
        }

        var file = new ModelFile();
        int pos = Magic.Length + 4;
        uint count = BitConverter.ToUInt32(all, pos);
        pos += 4;
        for (uint s = 0; s < count; s++)
        {
            if (pos + 2 > bodyLen)
            {
                throw new InvalidDataException($"The model file is truncated in section {s + 1} of {count}.");
            }

            int nameLen = BitConverter.ToUInt16(all, pos);
            pos += 2;
            if (pos + nameLen + 8 > bodyLen)
            {
                throw new InvalidDataException($"The model file is truncated in section {s + 1} of {count}.");
            }

            string name = Encoding.UTF8.GetString(all, pos, nameLen);
            pos += nameLen;
            ulong len = BitConverter.ToUInt64(all, pos);
            pos += 8;
            if (len > (ulong)(bodyLen - pos))
            {
                throw new InvalidDataException($"Section '{name}' claims {len} bytes but only {bodyLen - pos} remain.");
            }

            file.SetSection(name, all.AsSpan(pos, (int)len).ToArray());
            pos += (int)len;
        }

        if (pos != bodyLen)
        {
            throw new InvalidDataException($"The model file has {bodyLen - pos} unexpected bytes after its last section.");
        }

        return file;
    }
}
