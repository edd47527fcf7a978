using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stowage.Node.Images;

/// <summary>
/// The node's unpacked images, under <see cref="NodePaths.Images"/>:
/// <code>
/// &lt;id&gt;/image.json, &lt;id&gt;/rootfs/   one image (id = SHA-256 of its config; "builtin-busybox" for the built-in one)
/// refs/&lt;escaped name&gt;              a name → the id it points to
/// .tmp-*/                           imports in progress
/// </code>
/// Every change lands by rename (an image directory, then its name), so a reader — the agent starting a container,
/// a server listing images — sees an image whole or not at all. An image directory is never rewritten: importing a
/// name again points it at a new directory, and containers started from the old one keep their overlay lower layer.
/// The built-in busybox answers to any tag of <c>docker.io/library/busybox</c> that was not itself imported, so
/// manifests naming <c>busybox:1.28</c> run.
/// </summary>
public sealed class ImageStore
{
    /// <summary>The built-in image's id (its directory).</summary>
    public const string BuiltInId = "builtin-busybox";

    private const string BusyboxRepository = "docker.io/library/busybox";
    private readonly string busybox;

    /// <summary>Opens the store at <paramref name="dir"/> (<see cref="NodePaths.Images"/>).</summary>
    /// <param name="dir">The store's directory.</param>
    /// <param name="busyboxPath">The host's static busybox, the built-in image's only binary.</param>
    public ImageStore(string dir, string busyboxPath = "/bin/busybox")
    {
        Dir = Path.GetFullPath(dir);
        busybox = busyboxPath;
    }

    /// <summary>The store's directory.</summary>
    public string Dir { get; }

    private string Refs => Path.Combine(Dir, "refs");

    /// <summary>What the agent says when a pod's image is not here.</summary>
    public static string NotFoundMessage(string image)
    {
        var name = ImageReference.TryParse(image, out var reference, out _) ? reference.ToString() : image;
        var shortName = reference is null ? image
            : (reference.Domain == "docker.io" ? reference.Path.StartsWith("library/", StringComparison.Ordinal) ? reference.Path[8..] : reference.Path : reference.Repository)
              + (reference.Tag is null ? "" : ":" + reference.Tag);
        return $"image \"{name}\" is not on this node; import it with: stowage image import {shortName} FILE (an OCI layout or docker save tarball)";
    }

    /// <summary>Builds the built-in busybox image if it is not built yet.</summary>
    /// <exception cref="InvalidOperationException">The host has no static busybox.</exception>
    public async Task EnsureBuiltInAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(Dir, BuiltInId, "image.json")))
        {
            return;
        }
        await BuildAtomicallyAsync(BuiltInId, async rootfs =>
        {
            await BuiltInBusybox.BuildAsync(busybox, rootfs, cancellationToken).ConfigureAwait(false);
            return new StoredImage(BuiltInId, [], BuiltInBusybox.Cmd, BuiltInBusybox.Env, null, 0);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The image a pod names, or null when it is not on this node (or the name is invalid).</summary>
    public ImageRecord? Resolve(string image)
    {
        if (!ImageReference.TryParse(image, out var reference, out _))
        {
            return null;
        }
        var name = reference.ToString();
        var id = ReadRef(name);
        if (id is null && reference.Repository == BusyboxRepository && reference.Digest is null)
        {
            id = BuiltInId;
        }
        return id is not null && Read(id) is { } stored
            ? new ImageRecord(name, Path.Combine(Dir, id, "rootfs"), stored.Entrypoint, stored.Cmd, stored.Env, stored.WorkingDir)
            : null;
    }

    /// <summary>The images on this node with their names and sizes (for the Node's status).</summary>
    public Task<IReadOnlyList<ImageSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (Directory.Exists(Refs))
        {
            foreach (var file in Directory.EnumerateFiles(Refs))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!Path.GetFileName(file).StartsWith('.') && ReadRef(Uri.UnescapeDataString(Path.GetFileName(file))) is { } id)
                {
                    (names.TryGetValue(id, out var list) ? list : names[id] = []).Add(Uri.UnescapeDataString(Path.GetFileName(file)));
                }
            }
        }
        if (Read(BuiltInId) is not null && ReadRef(BusyboxRepository + ":latest") is null)
        {
            (names.TryGetValue(BuiltInId, out var list) ? list : names[BuiltInId] = []).Add(BusyboxRepository + ":latest");
        }
        IReadOnlyList<ImageSummary> images = [.. names
            .Select(kv => (Stored: Read(kv.Key), Names: kv.Value))
            .Where(x => x.Stored is not null)
            .Select(x => new ImageSummary([.. x.Names.Order(StringComparer.Ordinal)], x.Stored!.SizeBytes))
            .OrderBy(i => i.Names[0], StringComparer.Ordinal)];
        return Task.FromResult(images);
    }

    /// <summary>
    /// Imports an OCI image layout or a <c>docker save</c> tarball (directory or tar, gzipped or not) under
    /// <paramref name="name"/>: unpacks its layers in order into a new image directory and points the name at it.
    /// </summary>
    /// <exception cref="FormatException">The name is not a valid image name.</exception>
    /// <exception cref="InvalidDataException">The file is not an image this store can read.</exception>
    public async Task<ImageRecord> ImportAsync(string name, string file, CancellationToken cancellationToken)
    {
        var reference = ImageReference.Parse(name);
        var scratch = Path.Combine(Dir, ".tmp-src-" + Guid.NewGuid().ToString("N"));
        try
        {
            string source;
            if (Directory.Exists(file))
            {
                source = file;
            }
            else if (File.Exists(file))
            {
                Directory.CreateDirectory(scratch);
                await ImageArchive.ExtractAsync(file, scratch, cancellationToken).ConfigureAwait(false);
                source = scratch;
            }
            else
            {
                throw new FileNotFoundException($"{file} does not exist", file);
            }
            var archive = ImageArchive.Open(source, reference);
            var id = Convert.ToHexStringLower(SHA256.HashData(archive.Config));
            if (Read(id) is null)
            {
                await BuildAtomicallyAsync(id, async rootfs =>
                {
                    foreach (var layer in archive.Layers)
                    {
                        await LayerApplier.ApplyAsync(layer, rootfs, cancellationToken).ConfigureAwait(false);
                    }
                    return ParseConfig(id, archive.Config);
                }, cancellationToken).ConfigureAwait(false);
            }
            WriteRef(reference.ToString(), id);
            return Resolve(reference.ToString()) ?? throw new IOException($"image {reference} vanished right after its import");
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static StoredImage ParseConfig(string id, byte[] config)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(config);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the image config is not valid JSON: {e.Message}", e);
        }
        var c = root?["config"];
        static IReadOnlyList<string> Strings(JsonNode? node) =>
            node is JsonArray a ? [.. a.Select(v => v?.GetValue<string>() ?? "")] : [];
        return new StoredImage(id, Strings(c?["Entrypoint"]), Strings(c?["Cmd"]), Strings(c?["Env"]),
            c?["WorkingDir"]?.GetValue<string>() is { Length: > 0 } wd ? wd : null, 0);
    }

    /// <summary>Builds an image in a scratch directory and renames it into place; a concurrent build of the same id wins harmlessly.</summary>
    private async Task BuildAtomicallyAsync(string id, Func<string, Task<StoredImage>> build, CancellationToken cancellationToken)
    {
        var tmp = Path.Combine(Dir, ".tmp-" + Guid.NewGuid().ToString("N"));
        var rootfs = Path.Combine(tmp, "rootfs");
        try
        {
            Directory.CreateDirectory(rootfs);
            var stored = await build(rootfs).ConfigureAwait(false);
            stored = stored with { SizeBytes = SizeOf(rootfs) };
            await File.WriteAllBytesAsync(Path.Combine(tmp, "image.json"),
                JsonSerializer.SerializeToUtf8Bytes(stored, ImageJsonContext.Default.StoredImage), cancellationToken).ConfigureAwait(false);
            try
            {
                Directory.Move(tmp, Path.Combine(Dir, id));
            }
            catch (IOException) when (Read(id) is not null)
            {
                // Another build of the same image got there first; its result is the same.
            }
        }
        finally
        {
            if (Directory.Exists(tmp))
            {
                Directory.Delete(tmp, recursive: true);
            }
        }
    }

    private static long SizeOf(string rootfs) =>
        new DirectoryInfo(rootfs)
            .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true })
            .Sum(f => f.Length);

    private StoredImage? Read(string id)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(Dir, id, "image.json")), ImageJsonContext.Default.StoredImage);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    private string? ReadRef(string name)
    {
        try
        {
            var id = File.ReadAllText(Path.Combine(Refs, Uri.EscapeDataString(name))).Trim();
            return id.Length > 0 && !id.Contains('/', StringComparison.Ordinal) && !id.StartsWith('.') ? id : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private void WriteRef(string name, string id)
    {
        Directory.CreateDirectory(Refs);
        var tmp = Path.Combine(Refs, ".tmp-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(tmp, id);
        File.Move(tmp, Path.Combine(Refs, Uri.EscapeDataString(name)), overwrite: true);
    }
}
