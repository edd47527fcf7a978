using System.Formats.Tar;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stowage.Node.Images;

/// <summary>
/// Reads an exported image: an <b>OCI image layout</b> (<c>oci-layout</c>, <c>index.json</c> → manifest → config and
/// layers under <c>blobs/ALG/HEX</c>) or a <b><c>docker save</c> tarball</b> (<c>manifest.json</c>: Config, RepoTags,
/// Layers), as a directory or a tar (optionally gzipped) that is first unpacked to a scratch directory.
/// </summary>
internal sealed class ImageArchive
{
    private ImageArchive(byte[] config, IReadOnlyList<string> layers)
    {
        Config = config;
        Layers = layers;
    }

    /// <summary>The image config JSON, as stored.</summary>
    public byte[] Config { get; }

    /// <summary>The layer files, bottom first.</summary>
    public IReadOnlyList<string> Layers { get; }

    /// <summary>Finds the image in <paramref name="dir"/> (an unpacked layout); <paramref name="reference"/> picks among several.</summary>
    public static ImageArchive Open(string dir, ImageReference reference)
    {
        if (File.Exists(Path.Combine(dir, "index.json")))
        {
            return OpenOci(dir, reference);
        }
        if (File.Exists(Path.Combine(dir, "manifest.json")))
        {
            return OpenDockerSave(dir, reference);
        }
        throw new InvalidDataException("this is neither an OCI image layout (no index.json) nor a docker save tarball (no manifest.json)");
    }

    private static ImageArchive OpenOci(string dir, ImageReference reference)
    {
        var descriptor = PickManifest(dir, ReadJson(Path.Combine(dir, "index.json")), reference, depth: 0);
        var manifest = ReadJson(Blob(dir, descriptor));
        var config = manifest["config"]?["digest"]?.GetValue<string>() ?? throw new InvalidDataException("the image manifest has no config");
        var layers = manifest["layers"]?.AsArray().Select(l => Blob(dir, l!)).ToList() ?? [];
        return new ImageArchive(File.ReadAllBytes(Blob(dir, new JsonObject { ["digest"] = config })), layers);
    }

    /// <summary>The manifest descriptor for the reference: by ref.name annotation, else linux/amd64, else the only or first one.</summary>
    private static JsonNode PickManifest(string dir, JsonNode index, ImageReference reference, int depth)
    {
        var manifests = index["manifests"]?.AsArray().Where(m => m is not null).Select(m => m!).ToList() ?? [];
        if (manifests.Count == 0 || depth > 4)
        {
            throw new InvalidDataException("the OCI index lists no image manifest");
        }
        var chosen = manifests.FirstOrDefault(m => m["annotations"]?["org.opencontainers.image.ref.name"]?.GetValue<string>() is { } refName
                         && (refName == reference.Tag || refName == reference.ToString()))
                     ?? manifests.FirstOrDefault(m => m["platform"]?["os"]?.GetValue<string>() == "linux"
                         && m["platform"]?["architecture"]?.GetValue<string>() == "amd64")
                     ?? manifests[0];
        var mediaType = chosen["mediaType"]?.GetValue<string>() ?? "";
        return mediaType.Contains("index", StringComparison.Ordinal) || mediaType.Contains("manifest.list", StringComparison.Ordinal)
            ? PickManifest(dir, ReadJson(Blob(dir, chosen)), reference, depth + 1)
            : chosen;
    }

    private static ImageArchive OpenDockerSave(string dir, ImageReference reference)
    {
        var entries = ReadJson(Path.Combine(dir, "manifest.json")).AsArray().Where(e => e is not null).Select(e => e!).ToList();
        if (entries.Count == 0)
        {
            throw new InvalidDataException("manifest.json lists no image");
        }
        var wanted = reference.ToString();
        var entry = entries.FirstOrDefault(e => e["RepoTags"]?.AsArray().Any(t => t?.GetValue<string>() is { } tag
                        && ImageReference.TryParse(tag, out var r, out _) && r.ToString() == wanted) == true)
                    ?? entries[0];
        var config = entry["Config"]?.GetValue<string>() ?? throw new InvalidDataException("manifest.json has no Config");
        var layers = entry["Layers"]?.AsArray().Select(l => Inside(dir, l!.GetValue<string>())).ToList() ?? [];
        return new ImageArchive(File.ReadAllBytes(Inside(dir, config)), layers);
    }

    private static string Blob(string dir, JsonNode descriptor)
    {
        var digest = descriptor["digest"]?.GetValue<string>() ?? throw new InvalidDataException("a descriptor has no digest");
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new InvalidDataException($"invalid digest \"{digest}\"");
        }
        return Inside(dir, $"blobs/{digest[..colon]}/{digest[(colon + 1)..]}");
    }

    /// <summary>A path named by the archive, which must stay inside it.</summary>
    private static string Inside(string dir, string relative)
    {
        var path = Path.Combine(dir, LayerApplier.SafeRelative(relative));
        return File.Exists(path) ? path : throw new InvalidDataException($"the image archive lacks {relative}");
    }

    private static JsonNode ReadJson(string file)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllBytes(file)) ?? throw new InvalidDataException($"{Path.GetFileName(file)} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Path.GetFileName(file)} is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Unpacks an archive file (tar, maybe gzipped) into <paramref name="dir"/>: files, directories, and symbolic links that stay inside.</summary>
    public static async Task ExtractAsync(string file, string dir, CancellationToken cancellationToken)
    {
        await using var stream = LayerApplier.OpenMaybeGzip(file);
        await using var reader = new TarReader(stream);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            var relative = LayerApplier.SafeRelative(entry.Name);
            if (relative.Length == 0)
            {
                continue;
            }
            var path = Path.Combine(dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(path);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    await using (var output = new FileStream(path, FileMode.Create, FileAccess.Write))
                    {
                        if (entry.DataStream is { } data)
                        {
                            await data.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                        }
                    }
                    break;
                case TarEntryType.SymbolicLink:
                    // Older docker save links repeated layers ("../ID/layer.tar"); allow only links that stay inside.
                    var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, entry.LinkName));
                    if (!target.StartsWith(Path.GetFullPath(dir) + "/", StringComparison.Ordinal))
                    {
                        throw new InvalidDataException($"archive entry \"{entry.Name}\" links outside the archive");
                    }
                    File.CreateSymbolicLink(path, entry.LinkName);
                    break;
            }
        }
    }
}
