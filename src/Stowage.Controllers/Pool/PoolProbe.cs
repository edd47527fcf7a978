using Stowage.Runtime.Linux;

namespace Stowage.Controllers.Pool;

/// <summary>
/// Decides whether a pool can enforce sizes, by trying: it makes a tiny image in
/// <c>&lt;pool&gt;/.probe</c>, attaches it to a loop device, formats and mounts it, then removes it all.
/// Cheaper checks (root, /dev/loop-control, the tools) come first so that the reason names the
/// real cause rather than a command's error.
/// </summary>
internal static class PoolProbe
{
    private const string ProbeDirectory = ".probe";

    private static readonly (string Tool, string Package)[] Tools =
    [
        ("losetup", "util-linux"), ("mount", "mount"), ("umount", "mount"),
        ("mkfs.ext4", "e2fsprogs"), ("e2fsck", "e2fsprogs"), ("resize2fs", "e2fsprogs"), ("dumpe2fs", "e2fsprogs"),
    ];

    /// <summary>The pool's mode and the reason to print at start.</summary>
    public static async Task<(PoolMode Mode, string Reason)> DetectAsync(string poolDirectory, bool forceUnenforced, Ext4Tools ext4, CancellationToken cancellationToken)
    {
        const string NotEnforced = "sizes are not enforced: ";
        if (forceUnenforced)
        {
            return (PoolMode.Unenforced, NotEnforced + "plain directories were asked for (ForceUnenforced)");
        }
        if (!OperatingSystem.IsLinux())
        {
            return (PoolMode.Unenforced, NotEnforced + "loop devices need Linux");
        }
        if (!Environment.IsPrivilegedProcess)
        {
            return (PoolMode.Unenforced, NotEnforced + "not running as root");
        }
        if (!File.Exists("/dev/loop-control") && !File.Exists("/dev/loop0"))
        {
            return (PoolMode.Unenforced, NotEnforced + "no loop devices (/dev/loop-control is missing)");
        }
        foreach (var (tool, package) in Tools)
        {
            if (CommandRunner.Find(tool) is null)
            {
                return (PoolMode.Unenforced, NotEnforced + $"{tool} not found (install {package})");
            }
        }
        var directory = Path.Combine(poolDirectory, ProbeDirectory);
        try
        {
            await TryVolumeAsync(directory, ext4, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CommandFailedException or IOException or UnauthorizedAccessException)
        {
            return (PoolMode.Unenforced, NotEnforced + "a test volume on a loop device failed: " + e.Message);
        }
        return (PoolMode.Enforced, "sizes are enforced: each volume is an ext4 filesystem in a sparse image on a loop device");
    }

    private static async Task TryVolumeAsync(string directory, Ext4Tools ext4, CancellationToken cancellationToken)
    {
        var image = Path.Combine(directory, "image");
        var mountPoint = Path.Combine(directory, "mnt");
        // A probe left behind by a crash is cleaned first, by the same code as any probe.
        await CleanAsync(directory, image, mountPoint, ext4, CancellationToken.None).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(mountPoint);
            var stream = new FileStream(image, FileMode.CreateNew, FileAccess.Write);
            await using (stream.ConfigureAwait(false))
            {
                stream.SetLength(Ext4Tools.ImageBytesFor(Ext4Tools.MinimumSizeBytes));
            }
            var device = await ext4.AttachAsync(image, cancellationToken).ConfigureAwait(false);
            await ext4.FormatAsync(device, Ext4Tools.MinimumSizeBytes, cancellationToken).ConfigureAwait(false);
            await ext4.MountAsync(device, FileSystemCalls.RealPath(mountPoint), cancellationToken).ConfigureAwait(false);
            var stats = FileSystemCalls.StatFileSystem(mountPoint);
            if (stats.Blocks * stats.FragmentSize < (ulong)Ext4Tools.MinimumSizeBytes)
            {
                throw new IOException($"the test volume's filesystem is {stats.Blocks * stats.FragmentSize} bytes, less than the 8Mi asked for");
            }
        }
        finally
        {
            await CleanAsync(directory, image, mountPoint, ext4, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task CleanAsync(string directory, string image, string mountPoint, Ext4Tools ext4, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }
        var real = FileSystemCalls.RealPath(directory);
        var mounts = await MountTable.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (mounts.IsMountPoint(Path.Combine(real, "mnt")) && !await ext4.UnmountAsync(mountPoint, cancellationToken).ConfigureAwait(false))
        {
            throw new IOException($"the probe volume at {mountPoint} is busy and cannot be unmounted");
        }
        if (File.Exists(image))
        {
            foreach (var device in await ext4.LoopDevicesOfAsync(image, cancellationToken).ConfigureAwait(false))
            {
                await ext4.DetachAsync(device, cancellationToken).ConfigureAwait(false);
            }
        }
        mounts = await MountTable.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (mounts.MountsBelow(real).Any())
        {
            throw new IOException($"something is still mounted below {directory}; it is left alone");
        }
        Directory.Delete(directory, recursive: true);
    }
}
