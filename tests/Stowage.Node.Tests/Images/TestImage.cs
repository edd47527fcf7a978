using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Stowage.Node.Tests.Images;

/// <summary>
/// Builds a small image the way registries and <c>docker save</c> lay it out, written here with System.Formats.Tar:
/// layer 1 (plain tar) holds busybox, files, a symlink and a hard link; layer 2 (gzip) deletes a file with a
/// whiteout, makes a directory opaque and adds files. Its config sets Entrypoint, Cmd, Env and WorkingDir.
/// </summary>
internal static class TestImage
{
    /// <summary>What a container of this image prints when run without command or args.</summary>
    public const string ExpectedOutput =
        "hi from image\n/app\nhello from layer 1\nextra.txt\nhard\nhello.txt\nlink\nnew.txt\nhello from layer 1\nhello from layer 1\n";

    public static byte[] Layer1()
    {
        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            Directory(tar, "bin/");
            File(tar, "bin/busybox", System.IO.File.ReadAllBytes("/bin/busybox"), (UnixFileMode)0b111_101_101);
            foreach (var applet in new[] { "sh", "cat", "ls", "echo", "pwd" })
            {
                Link(tar, TarEntryType.SymbolicLink, "bin/" + applet, "busybox");
            }
            Directory(tar, "./app/");
            File(tar, "./app/hello.txt", "hello from layer 1\n");
            File(tar, "./app/gone.txt", "deleted by layer 2\n");
            Link(tar, TarEntryType.SymbolicLink, "./app/link", "hello.txt");
            Link(tar, TarEntryType.HardLink, "./app/hard", "app/hello.txt");
            Directory(tar, "opq/");
            File(tar, "opq/old.txt", "hidden by layer 2\n");
        }
        return buffer.ToArray();
    }

    public static byte[] Layer2Gzip()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            File(tar, "app/.wh.gone.txt", "");
            File(tar, "opq/new.txt", "new\n");
            File(tar, "opq/.wh..wh..opq", "");
            File(tar, "app/extra.txt", "extra\n");
        }
        return buffer.ToArray();
    }

    public static byte[] Layer(params (string Name, string Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                File(tar, name, content);
            }
        }
        return buffer.ToArray();
    }

    public static byte[] Config(IReadOnlyList<byte[]> layers) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["architecture"] = "amd64",
        ["os"] = "linux",
        ["config"] = new JsonObject
        {
            ["Entrypoint"] = new JsonArray("/bin/sh", "-c"),
            ["Cmd"] = new JsonArray("echo \"$GREETING\"; pwd; cat hello.txt; ls /app; ls /opq; cat link; cat hard"),
            ["Env"] = new JsonArray("PATH=/bin", "GREETING=hi from image"),
            ["WorkingDir"] = "/app",
        },
        ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray() },
    }.ToJsonString());

    /// <summary>Writes an OCI image layout directory holding the image under the tag <paramref name="tag"/>.</summary>
    public static void WriteOciLayout(string dir, string tag, IReadOnlyList<byte[]> layers)
    {
        var blobs = System.IO.Directory.CreateDirectory(Path.Combine(dir, "blobs", "sha256")).FullName;
        string Blob(byte[] content)
        {
            var hex = Convert.ToHexStringLower(SHA256.HashData(content));
            System.IO.File.WriteAllBytes(Path.Combine(blobs, hex), content);
            return "sha256:" + hex;
        }
        var config = Config(layers);
        var manifest = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = new JsonObject { ["mediaType"] = "application/vnd.oci.image.config.v1+json", ["digest"] = Blob(config), ["size"] = config.Length },
            ["layers"] = new JsonArray([.. layers.Select(l => (JsonNode)new JsonObject
            {
                ["mediaType"] = l[0] == 0x1f ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.oci.image.layer.v1.tar",
                ["digest"] = Blob(l),
                ["size"] = l.Length,
            })]),
        }.ToJsonString());
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["manifests"] = new JsonArray(new JsonObject
            {
                ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
                ["digest"] = Blob(manifest),
                ["size"] = manifest.Length,
                ["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = tag },
            }),
        };
        System.IO.File.WriteAllText(Path.Combine(dir, "index.json"), index.ToJsonString());
        System.IO.File.WriteAllText(Path.Combine(dir, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    /// <summary>Writes a <c>docker save</c> tarball: manifest.json, the config and one directory per layer.</summary>
    public static void WriteDockerSave(string file, string repoTag, IReadOnlyList<byte[]> layers)
    {
        var config = Config(layers);
        var configName = Convert.ToHexStringLower(SHA256.HashData(config)) + ".json";
        var layerNames = layers.Select(l => Convert.ToHexStringLower(SHA256.HashData(l)) + "/layer.tar").ToList();
        var manifest = new JsonArray(new JsonObject
        {
            ["Config"] = configName,
            ["RepoTags"] = new JsonArray(repoTag),
            ["Layers"] = new JsonArray([.. layerNames.Select(n => (JsonNode)n)]),
        });
        using var stream = System.IO.File.Create(file);
        using var tar = new TarWriter(stream, TarEntryFormat.Pax);
        File(tar, "manifest.json", manifest.ToJsonString());
        File(tar, configName, Encoding.UTF8.GetString(config));
        for (var i = 0; i < layers.Count; i++)
        {
            Directory(tar, layerNames[i].Split('/')[0] + "/");
            File(tar, layerNames[i], layers[i], (UnixFileMode)0b110_100_100);
        }
    }

    private static void Directory(TarWriter tar, string name) =>
        tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name) { Mode = (UnixFileMode)0b111_101_101 });

    private static void File(TarWriter tar, string name, string content) =>
        File(tar, name, Encoding.UTF8.GetBytes(content), (UnixFileMode)0b110_100_100);

    private static void File(TarWriter tar, string name, byte[] content, UnixFileMode mode) =>
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = mode, DataStream = new MemoryStream(content) });

    private static void Link(TarWriter tar, TarEntryType type, string name, string target) =>
        tar.WriteEntry(new PaxTarEntry(type, name) { LinkName = target, Mode = (UnixFileMode)0b111_111_111 });
}
