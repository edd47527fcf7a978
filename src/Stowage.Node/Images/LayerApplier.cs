using System.Formats.Tar;
using System.IO.Compression;

namespace Stowage.Node.Images;

/// <summary>
/// Applies image layers (tar, or tar+gzip detected by its magic bytes) onto a root filesystem in order, with the
/// OCI whiteouts: <c>.wh.NAME</c> deletes NAME from the layers below, <c>.wh..wh..opq</c> hides everything the layers
/// below put in its directory. Entries that would leave the root — <c>..</c>, or a path through a symbolic link
/// (which could point anywhere on the host) — are refused, so a hostile image cannot write outside its rootfs.
/// </summary>
internal static class LayerApplier
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueWhiteout = ".wh..wh..opq";

    /// <summary>Opens a layer or archive file, undoing gzip when its first bytes say so.</summary>
    public static Stream OpenMaybeGzip(string file)
    {
        var stream = File.OpenRead(file);
        Span<byte> magic = stackalloc byte[4];
        var read = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read >= 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        {
            return new GZipStream(stream, CompressionMode.Decompress);
        }
        if (read == 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd)
        {
            stream.Dispose();
            throw new InvalidDataException($"{Path.GetFileName(file)} is zstd-compressed, which this node cannot unpack; export the image with gzip or uncompressed layers");
        }
        return stream;
    }

    /// <summary>Applies one layer file onto <paramref name="rootfs"/>.</summary>
    public static async Task ApplyAsync(string layerFile, string rootfs, CancellationToken cancellationToken)
    {
        await using var stream = OpenMaybeGzip(layerFile);
        await using var reader = new TarReader(stream);
        // Paths this layer wrote: an opaque whiteout hides only what the layers below left.
        var written = new HashSet<string>(StringComparer.Ordinal);
        var directoryModes = new List<(string Path, UnixFileMode Mode)>();
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            var relative = SafeRelative(entry.Name);
            if (relative.Length == 0)
            {
                continue;
            }
            var name = Path.GetFileName(relative);
            var parent = Path.GetDirectoryName(relative) ?? "";
            var parentPath = EnsureDirectories(rootfs, parent);
            if (name == OpaqueWhiteout)
            {
                HideLower(parentPath, written);
                continue;
            }
            if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
            {
                // .wh..wh.* other than the opaque marker is aufs bookkeeping with no meaning here.
                if (!name.StartsWith(WhiteoutPrefix + WhiteoutPrefix, StringComparison.Ordinal))
                {
                    Delete(Path.Combine(parentPath, name[WhiteoutPrefix.Length..]));
                }
                continue;
            }
            var path = Path.Combine(parentPath, name);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    if (Kind(path) != EntryKind.Directory)
                    {
                        Delete(path);
                        Directory.CreateDirectory(path);
                    }
                    // Modes of directories last: a read-only directory must still take the entries below it.
                    directoryModes.Add((path, entry.Mode));
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    Delete(path);
                    await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                    {
                        if (entry.DataStream is { } data)
                        {
                            await data.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                        }
                    }
                    SetMode(path, entry.Mode);
                    break;
                case TarEntryType.SymbolicLink:
                    Delete(path);
                    File.CreateSymbolicLink(path, entry.LinkName);
                    break;
                case TarEntryType.HardLink:
                    var target = Path.Combine(rootfs, SafeRelative(entry.LinkName));
                    EnsureDirectories(rootfs, Path.GetDirectoryName(SafeRelative(entry.LinkName)) ?? "");
                    if (Kind(target) is not (EntryKind.File or EntryKind.Link))
                    {
                        throw new InvalidDataException($"layer entry \"{entry.Name}\" links to \"{entry.LinkName}\", which is not a file in the image");
                    }
                    Delete(path);
                    NativeFiles.HardLink(target, path);
                    break;
                default:
                    // Devices and fifos: runc provides the container's /dev, and fifos in images are vanishingly rare.
                    continue;
            }
            NativeFiles.TryChown(path, entry.Uid, entry.Gid);
            written.Add(path);
        }
        foreach (var (path, mode) in directoryModes)
        {
            SetMode(path, mode);
        }
    }

    /// <summary>The entry's path relative to the root, without "./" or a leading "/"; refuses "..".</summary>
    internal static string SafeRelative(string entryName)
    {
        var parts = entryName.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        if (parts.Contains(".."))
        {
            throw new InvalidDataException($"layer entry \"{entryName}\" would escape the root filesystem (\"..\")");
        }
        return string.Join('/', parts);
    }

    /// <summary>Makes the directories of <paramref name="relative"/> below the root; refuses to pass through a symbolic link.</summary>
    private static string EnsureDirectories(string rootfs, string relative)
    {
        var current = rootfs;
        foreach (var part in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            switch (Kind(current))
            {
                case EntryKind.Directory:
                    break;
                case EntryKind.Link:
                    throw new InvalidDataException($"layer entry below \"{relative}\" goes through the symbolic link \"{Path.GetRelativePath(rootfs, current)}\"");
                case EntryKind.File:
                    File.Delete(current);
                    Directory.CreateDirectory(current);
                    break;
                default:
                    Directory.CreateDirectory(current);
                    break;
            }
        }
        return current;
    }

    /// <summary>Deletes what lower layers left in <paramref name="dir"/>, keeping what this layer wrote.</summary>
    private static void HideLower(string dir, HashSet<string> written)
    {
        foreach (var child in Directory.EnumerateFileSystemEntries(dir).ToList())
        {
            if (!written.Contains(child))
            {
                Delete(child);
            }
            else if (Kind(child) == EntryKind.Directory)
            {
                HideLower(child, written);
            }
        }
    }

    private static void Delete(string path)
    {
        switch (Kind(path))
        {
            case EntryKind.Directory:
                Directory.Delete(path, recursive: true);
                break;
            case EntryKind.File or EntryKind.Link:
                File.Delete(path);
                break;
        }
    }

    /// <summary>Sets a file's mode (the node agent runs on Linux only; the guard keeps the analyzer informed).</summary>
    internal static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    private enum EntryKind { None, File, Directory, Link }

    private static EntryKind Kind(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return EntryKind.Link;
        }
        return Directory.Exists(path) ? EntryKind.Directory : info.Exists ? EntryKind.File : EntryKind.None;
    }
}
