using Microsoft.Extensions.Logging;
using Stowage.Runtime.Linux;

namespace Stowage.Node.Volumes;

// Tear-down, leftovers and usage: all read from the disk and /proc/self/mountinfo, never from memory.
public sealed partial class PodVolumeManager
{
    /// <summary>
    /// Unmounts everything mounted under the pod's directory (deepest first, lazily when busy) and
    /// removes its volume and plugin directories. Idempotent; correct after an agent restart. The
    /// directories are removed only once nothing is mounted below them, so a failed unmount can
    /// never delete what a mounted volume holds (a local PV's data, an NFS export).
    /// </summary>
    /// <exception cref="IOException">Something under the pod's directory is still mounted.</exception>
    public Task TearDownAsync(string podUid, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("pod volumes need Linux");
        }
        ArgumentException.ThrowIfNullOrEmpty(podUid);
        cancellationToken.ThrowIfCancellationRequested();
        var podDir = _paths.Pod(podUid);
        var real = FileSystemCalls.TryRealPath(podDir);
        if (real is null)
        {
            return Task.CompletedTask;
        }
        foreach (var mountPoint in MountPoints.AtOrBelow(real))
        {
            VolumeLibc.Unmount(mountPoint);
            LogUnmounted(podUid, mountPoint);
        }
        var left = MountPoints.AtOrBelow(real);
        if (left.Count > 0)
        {
            throw new IOException($"pod {podUid}: still mounted after unmounting: {string.Join(", ", left)}");
        }
        foreach (var dir in new[] { Path.Combine(podDir, "volumes"), Path.Combine(podDir, "plugins") })
        {
            if (Directory.Exists(dir))
            {
                // Directory.Delete removes symbolic links, never what they point to.
                Directory.Delete(dir, recursive: true);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// The UIDs of pods that have volume or plugin directories on this node: after a restart the
    /// agent tears down those of pods it no longer runs.
    /// </summary>
    public IReadOnlyList<string> ListPodDirs()
    {
        if (!Directory.Exists(_paths.Pods))
        {
            return [];
        }
        return Directory.EnumerateDirectories(_paths.Pods)
            .Where(d => Directory.Exists(Path.Combine(d, "volumes")) || Directory.Exists(Path.Combine(d, "plugins")))
            .Select(d => Path.GetFileName(d))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The usage of one of a pod's volumes (see <see cref="VolumeUsage"/>), or null when the volume
    /// has no directory under the pod (hostPath volumes, which kubelet does not measure either, or
    /// a volume not set up).
    /// </summary>
    public VolumeUsage? Usage(string podUid, string volumeName)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        foreach (var plugin in VolumePlugins.WithPodDirectory)
        {
            var dir = Path.Combine(_paths.PodVolumes(podUid), plugin, volumeName);
            if (FileSystemCalls.TryRealPath(dir) is not { } real || !Directory.Exists(real))
            {
                continue;
            }
            var stat = FileSystemCalls.StatFileSystem(real);
            var capacity = (long)(stat.Blocks * stat.FragmentSize);
            var available = (long)(stat.BlocksAvailable * stat.FragmentSize);
            if (MountPoints.IsMountPoint(real))
            {
                return new VolumeUsage(capacity, (long)((stat.Blocks - stat.BlocksFree) * stat.FragmentSize), available,
                    (long)stat.Files, (long)(stat.Files - stat.FilesFree), (long)stat.FilesFree);
            }
            var (bytes, inodes) = DiskUsage(real);
            return new VolumeUsage(capacity, bytes, available, (long)stat.Files, inodes, (long)stat.FilesFree);
        }
        return null;
    }

    // du of a directory: file lengths and entries, not following links or entering mounts below it.
    private static (long Bytes, long Inodes) DiskUsage(string dir)
    {
        long bytes = 0;
        long inodes = 1;
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos("*", options))
        {
            inodes++;
            if (entry is FileInfo file)
            {
                bytes += file.Length;
            }
        }
        return (bytes, inodes);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod {PodUid}: unmounted {MountPoint}")]
    private partial void LogUnmounted(string podUid, string mountPoint);
}
