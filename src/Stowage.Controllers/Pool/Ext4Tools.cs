using System.Globalization;
using Stowage.Runtime.Linux;

namespace Stowage.Controllers.Pool;

/// <summary>
/// The commands behind an enforced volume — losetup, mkfs.ext4, mount, umount, e2fsck, resize2fs,
/// chattr (attaching, mounting and chattr are system calls, the rest child processes) — and the arithmetic that sizes an image so that its filesystem holds at least the
/// requested size.
/// </summary>
/// <remarks>
/// <para>Why the image is larger than the request: ext4 keeps its journal, inode tables (256 bytes
/// per 16 KiB, i.e. 1/64 of the disk), bitmaps, and group descriptors reserved for growing 1024-fold
/// outside what <c>statvfs</c> (and so <c>df</c>) reports as the size. With mkfs.ext4's defaults a 64 MiB
/// image shows 59M in <c>df -h</c> and a 1 GiB image 974M. The pool formats with fixed parameters
/// (4 KiB blocks, 256-byte inodes, one inode per 16 KiB, no reserved blocks, a journal of 1/64 of the
/// size between 4 and 128 MiB), so the overhead is 2–7 % and predictable; creation then adjusts the
/// image until the filesystem is exactly the requested size (see <see cref="VolumeDisk"/>), and
/// growth computes the exact size from the filesystem's layout (see <see cref="Ext4Geometry"/>).</para>
/// </remarks>
internal sealed class Ext4Tools
{
    private readonly CommandRunner _commands;
    private readonly TimeSpan _busyGrace;
    private readonly Func<string, CancellationToken, Task>? _onBusy;

    /// <param name="commands">Runs the tools.</param>
    /// <param name="busyGrace">How long an unmount refused as busy (or a check of a device in use) is tried again before the volume counts as in use.</param>
    /// <param name="onBusy">Called with the mount point or device each time it is found busy (tests).</param>
    public Ext4Tools(CommandRunner commands, TimeSpan? busyGrace = null, Func<string, CancellationToken, Task>? onBusy = null)
    {
        _commands = commands;
        _busyGrace = busyGrace ?? DefaultBusyGrace;
        _onBusy = onBusy;
    }

    /// <summary>
    /// How long a busy mount (or a device found in use once unmounted) is tried again. Fleeting holders
    /// are gone within milliseconds: a file closed a moment ago can still be held by a child that another
    /// thread of this process forked and that has not reached exec yet (close-on-exec closes it only
    /// there); a mount namespace being set up for a container holds a copy of every mount until it
    /// pivots into its root. A pod that uses the volume keeps it busy.
    /// </summary>
    public static readonly TimeSpan DefaultBusyGrace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The smallest enforced volume: the 4 MiB minimum journal needs a filesystem of about 9 MiB, so
    /// smaller requests get 8 MiB (Kubernetes allows a volume larger than the claim asked for).
    /// </summary>
    public const long MinimumSizeBytes = 8 * ByteSize.MiB;

    /// <summary>The journal for a volume of <paramref name="sizeBytes"/>, in MiB: 1/64 of it, within 4..128 MiB.</summary>
    public static long JournalMiB(long sizeBytes) => Math.Clamp((sizeBytes / 64 + ByteSize.MiB - 1) / ByteSize.MiB, 4, 128);

    /// <summary>
    /// A first guess at the image whose filesystem holds <paramref name="sizeBytes"/>, erring large:
    /// (size + journal + 256 KiB + size/128) × 64/63, in whole MiB. 64/63 is the inode tables;
    /// size/128 covers bitmaps, backup superblocks and the descriptors reserved for growth (about
    /// size/256 measured). The pool reserves this much, then formats to the exact size.
    /// </summary>
    public static long ImageBytesFor(long sizeBytes)
    {
        var payload = sizeBytes + JournalMiB(sizeBytes) * ByteSize.MiB + 256 * 1024 + sizeBytes / 128;
        return ByteSize.RoundUpToMiB(checked(payload * 64 / 63 + 1));
    }

    /// <summary>
    /// A guess, erring large, at the image after growing a volume from <paramref name="currentSizeBytes"/>
    /// to <paramref name="newSizeBytes"/> (what an expansion reserves): the added block groups bring
    /// their inode tables and descriptors but no journal.
    /// </summary>
    public static long GrownImageBytes(long currentImageBytes, long currentSizeBytes, long newSizeBytes)
    {
        var growth = newSizeBytes - currentSizeBytes;
        return ByteSize.RoundUpToMiB(checked(currentImageBytes + ((growth + growth / 128 + 256 * 1024) * 64 / 63) + 1));
    }

    /// <summary>The size of the filesystem mounted at <paramref name="mountPoint"/> as <c>df</c> shows it, in bytes.</summary>
    public static long FilesystemBytes(string mountPoint)
    {
        var stats = FileSystemCalls.StatFileSystem(mountPoint);
        return checked((long)(stats.Blocks * (stats.FragmentSize != 0 ? stats.FragmentSize : stats.BlockSize)));
    }

    /// <summary>The layout of the filesystem on <paramref name="device"/>.</summary>
    public async Task<Ext4Geometry> ReadGeometryAsync(string device, CancellationToken cancellationToken)
    {
        var result = await _commands.RunAsync("dumpe2fs", ["-h", device], cancellationToken).ConfigureAwait(false);
        return Ext4Geometry.Parse(result.StandardOutput);
    }

    /// <summary>The loop devices backed by <paramref name="image"/> (normally none or one).</summary>
    public async Task<IReadOnlyList<string>> LoopDevicesOfAsync(string image, CancellationToken cancellationToken)
    {
        var result = await _commands.RunAsync("losetup", ["--list", "--noheadings", "--output", "NAME", "--associated", image], cancellationToken).ConfigureAwait(false);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Attaches <paramref name="image"/> to a free loop device and returns the device.</summary>
    public async Task<string> AttachAsync(string image, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (LoopDevices.TryAttach(image) is { } device)
        {
            return device;
        }
        var result = await _commands.RunAsync("losetup", ["--find", "--show", "--direct-io=off", image], cancellationToken).ConfigureAwait(false);
        return result.StandardOutput.Trim();
    }

    /// <summary>Detaches a loop device (the kernel defers it while the device is still mounted elsewhere).</summary>
    public Task DetachAsync(string device, CancellationToken cancellationToken) =>
        _commands.RunAsync("losetup", ["--detach", device], cancellationToken);

    /// <summary>Makes the loop device see its image's new size after the image grew.</summary>
    public Task RefreshSizeAsync(string device, CancellationToken cancellationToken) =>
        _commands.RunAsync("losetup", ["--set-capacity", device], cancellationToken);

    /// <summary>Makes an empty ext4 filesystem on <paramref name="device"/> (a loop device or an image file) for a volume of <paramref name="sizeBytes"/>.</summary>
    public Task FormatAsync(string device, long sizeBytes, CancellationToken cancellationToken) =>
        _commands.RunAsync("mkfs.ext4",
        [
            "-q", "-F",
            "-b", "4096", "-I", "256", "-i", "16384",
            // No blocks reserved for root: a volume belongs to its pods, whatever their uid.
            "-m", "0",
            "-J", "size=" + JournalMiB(sizeBytes).ToString(CultureInfo.InvariantCulture),
            // The checksum seed is stored, not derived from the UUID, so that a volume copied from
            // a template gets its own UUID by rewriting only its superblocks (see Ext4Template).
            "-O", "metadata_csum_seed",
            device,
        ], cancellationToken);

    /// <summary>
    /// Mounts <paramref name="device"/> at <paramref name="mountPoint"/>. With <c>discard</c>, blocks
    /// freed inside the volume are punched out of the sparse image, so the pool's disk gets them back.
    /// </summary>
    /// <remarks>mount(2) directly rather than mount(8): same effect, no process.</remarks>
    public Task MountAsync(string device, string mountPoint, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Libc.Mount(device, mountPoint, "ext4", "discard");
        return Task.CompletedTask;
    }

    /// <summary>
    /// Unmounts <paramref name="mountPoint"/>; false when it stays busy (in use by a process) for
    /// <see cref="DefaultBusyGrace"/>.
    /// </summary>
    public Task<bool> UnmountAsync(string mountPoint, CancellationToken cancellationToken) =>
        WhileBusyAsync(mountPoint, async token =>
        {
            var result = await _commands.TryRunAsync("umount", [mountPoint], token).ConfigureAwait(false);
            if (result.Succeeded || result.StandardError.Contains("not mounted", StringComparison.Ordinal))
            {
                return true;
            }
            if (result.StandardError.Contains("busy", StringComparison.Ordinal))
            {
                return false;
            }
            throw new CommandFailedException(CommandRunner.CommandLine("umount", [mountPoint]), result.ExitCode, result.StandardError);
        }, cancellationToken);

    /// <summary>
    /// Waits (up to <see cref="DefaultBusyGrace"/>) until no mount namespace has a filesystem of
    /// <paramref name="device"/> mounted; false when one still has (a pod's).
    /// </summary>
    public Task<bool> WaitUntilUnusedAsync(string device, CancellationToken cancellationToken) =>
        WhileBusyAsync(device, _ => Task.FromResult(Libc.IsBlockDeviceFree(device)), cancellationToken);

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds (true) or <see cref="DefaultBusyGrace"/> has
    /// passed, pausing 20, 40, 80, … ms after each busy answer (false); false when it stayed busy.
    /// </summary>
    private async Task<bool> WhileBusyAsync(string what, Func<CancellationToken, Task<bool>> attempt, CancellationToken cancellationToken)
    {
        var deadline = Environment.TickCount64 + (long)_busyGrace.TotalMilliseconds;
        var pause = TimeSpan.FromMilliseconds(20);
        while (!await attempt(cancellationToken).ConfigureAwait(false))
        {
            if (_onBusy is not null)
            {
                await _onBusy(what, cancellationToken).ConfigureAwait(false);
            }
            var left = deadline - Environment.TickCount64;
            if (left <= 0)
            {
                return false;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(left, pause.TotalMilliseconds)), cancellationToken).ConfigureAwait(false);
            pause *= 2;
        }
        return true;
    }

    /// <summary>
    /// Grows the mounted filesystem on <paramref name="device"/> to <paramref name="blocks"/> blocks.
    /// Returns null on success, or resize2fs's complaint when the kernel refuses online growth
    /// (EPERM: the process lacks CAP_SYS_RESOURCE, or the kernel cannot).
    /// </summary>
    public async Task<string?> TryGrowOnlineAsync(string device, long blocks, CancellationToken cancellationToken)
    {
        string[] arguments = [device, blocks.ToString(CultureInfo.InvariantCulture)];
        var result = await _commands.TryRunAsync("resize2fs", arguments, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return null;
        }
        var error = result.StandardError.Trim();
        if (error.Contains("Permission denied", StringComparison.Ordinal) || error.Contains("Operation not permitted", StringComparison.Ordinal)
            || error.Contains("not supported", StringComparison.OrdinalIgnoreCase))
        {
            return LastLine(error);
        }
        throw new CommandFailedException(CommandRunner.CommandLine("resize2fs", arguments), result.ExitCode, result.StandardError);
    }

    /// <summary>
    /// Checks the unmounted filesystem on <paramref name="device"/> (resize2fs insists) and grows it
    /// to <paramref name="blocks"/> blocks. False when e2fsck finds the device in use (still mounted
    /// in another mount namespace, e.g. a container's): then nothing was changed.
    /// </summary>
    public async Task<bool> GrowOfflineAsync(string device, long blocks, CancellationToken cancellationToken)
    {
        if (!await CheckAsync(device, force: true, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }
        await _commands.RunAsync("resize2fs", [device, blocks.ToString(CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Runs <c>e2fsck -p</c> (automatic repair of what is safe to repair). False when the device is in
    /// use; throws when the filesystem has errors e2fsck will not fix unattended.
    /// </summary>
    public async Task<bool> CheckAsync(string device, bool force, CancellationToken cancellationToken)
    {
        string[] arguments = force ? ["-f", "-p", device] : ["-p", device];
        var result = await _commands.TryRunAsync("e2fsck", arguments, cancellationToken).ConfigureAwait(false);
        // e2fsck exit codes: 0 clean, 1 errors corrected, 2 corrected and a reboot is wanted (for a root fs).
        if (result.ExitCode is 0 or 1 or 2)
        {
            return true;
        }
        if ((result.StandardError + result.StandardOutput).Contains("is in use", StringComparison.Ordinal))
        {
            return false;
        }
        throw new CommandFailedException(CommandRunner.CommandLine("e2fsck", arguments), result.ExitCode, result.StandardError + result.StandardOutput);
    }

    /// <summary>
    /// Sets or clears the immutable attribute of a mount point directory. Set while the volume is
    /// unmounted, it makes a write meant for the volume fail (EPERM) instead of landing, unlimited,
    /// on the pool's own disk; mounting over an immutable directory works. Best effort: false when
    /// the pool's filesystem has no such attribute (tmpfs). An ioctl, as chattr does it.
    /// </summary>
    public Task<bool> SetImmutableAsync(string directory, bool immutable, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(LoopDevices.TrySetImmutable(directory, immutable));
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? text;
}
