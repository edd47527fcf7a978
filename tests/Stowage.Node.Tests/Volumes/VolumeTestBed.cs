using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Node.Volumes;

namespace Stowage.Node.Tests.Volumes;

/// <summary>
/// A node root in a temporary directory, a manager over it and a fake API. Dispose unmounts
/// whatever a test left mounted under the root (even when it failed) and removes the root.
/// </summary>
internal sealed class VolumeTestBed : IDisposable
{
    public VolumeTestBed()
    {
        Root = Directory.CreateTempSubdirectory("stowage-volumes-").FullName;
        Paths = new NodePaths(Path.Combine(Root, "node"));
        Manager = NewManager();
    }

    public string Root { get; }

    public NodePaths Paths { get; }

    public FakeVolumeObjects Objects { get; } = new();

    public PodVolumeManager Manager { get; }

    public static NodeResources Node { get; } = new(CpuCores: 4, MemoryBytes: 8L << 30, EphemeralStorageBytes: 100L << 30);

    /// <summary>A second manager over the same root, as after an agent restart.</summary>
    public PodVolumeManager NewManager() =>
        new(Paths, Objects, NullLogger<PodVolumeManager>.Instance, TimeProvider.System, Node);

    /// <summary>A directory outside the node root for host paths.</summary>
    public string HostDir(string name)
    {
        var dir = Path.Combine(Root, "host", name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static Pod Pod(string uid, IReadOnlyList<Volume> volumes, IReadOnlyList<Container>? containers = null) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "web",
            Namespace = "default",
            Uid = uid,
            Labels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front\"end" },
            Annotations = new Dictionary<string, string> { ["note"] = "hello" },
        },
        Spec = new PodSpec { Volumes = volumes, Containers = containers ?? [new Container { Name = "app" }] },
    };

    /// <summary>Mount points at or below <paramref name="dir"/> according to the kernel.</summary>
    public static IReadOnlyList<string> MountsBelow(string dir)
    {
        var real = new DirectoryInfo(dir).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dir;
        return File.ReadLines("/proc/self/mountinfo")
            .Select(l => l.Split(' ')[4])
            .Where(m => m == real || m.StartsWith(real.TrimEnd('/') + "/", StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>The filesystem type mounted at <paramref name="dir"/>, or null.</summary>
    public static string? FileSystemAt(string dir) =>
        File.ReadLines("/proc/self/mountinfo")
            .Select(l => l.Split(' '))
            .LastOrDefault(f => f[4] == dir) is { } fields
            ? fields[Array.IndexOf(fields, "-") + 1]
            : null;

    public static async Task<string> RunAsync(string file, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "test";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "test@example.com";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)}: {error}");
        return output.Trim();
    }

    public void Dispose()
    {
        if (OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess)
        {
            foreach (var mount in MountsBelow(Root).OrderByDescending(m => m.Length))
            {
                using var umount = Process.Start("umount", ["-l", mount]);
                umount.WaitForExit();
            }
        }
        Directory.Delete(Root, recursive: true);
    }
}
