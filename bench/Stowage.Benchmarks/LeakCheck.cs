using System.Diagnostics;

namespace Stowage.Benchmarks;

/// <summary>What a pool left behind: loop devices on its images, mounts under it, volume directories.</summary>
internal sealed record LeakCheck(int LoopDevices, int Mounts, int VolumeDirectories)
{
    public int Total => LoopDevices + Mounts + VolumeDirectories;

    public static async Task<LeakCheck> RunAsync(string poolDir, CancellationToken cancellationToken)
    {
        var loops = (await LoopDevicesUnderAsync(poolDir, cancellationToken)).Count;
        var mounts = MountsUnder(poolDir).Count;
        var volumes = Path.Combine(poolDir, "volumes");
        var dirs = Directory.Exists(volumes) ? Directory.GetFileSystemEntries(volumes).Length : 0;
        return new LeakCheck(loops, mounts, dirs);
    }

    /// <summary>Last resort after a failed run: unmounts, detaches and deletes everything under <paramref name="root"/>.</summary>
    public static async Task ForceCleanAsync(string root)
    {
        foreach (var mount in MountsUnder(root).OrderByDescending(m => m.Length))
        {
            await RunAsync("umount", ["-l", mount], CancellationToken.None);
        }
        foreach (var device in await LoopDevicesUnderAsync(root, CancellationToken.None))
        {
            await RunAsync("losetup", ["-d", device], CancellationToken.None);
        }
        if (Directory.Exists(root))
        {
            // Mount points are made immutable (chattr +i) so nothing is written to them unmounted.
            await RunAsync("chattr", ["-R", "-i", root], CancellationToken.None);
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<List<string>> LoopDevicesUnderAsync(string dir, CancellationToken cancellationToken)
    {
        var prefix = Path.GetFullPath(dir).TrimEnd('/') + "/";
        var output = await RunAsync("losetup", ["-a"], cancellationToken);
        return output.Split('\n').Where(l => l.Contains(prefix, StringComparison.Ordinal)).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]).ToList();
    }

    private static List<string> MountsUnder(string dir)
    {
        var prefix = Path.GetFullPath(dir).TrimEnd('/') + "/";
        return File.ReadAllLines("/proc/mounts").Select(l => l.Split(' ')).Where(f => f.Length > 1)
            .Select(f => f[1].Replace("\\040", " ", StringComparison.Ordinal)).Where(m => m.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }

    private static async Task<string> RunAsync(string file, string[] args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return output;
    }
}
