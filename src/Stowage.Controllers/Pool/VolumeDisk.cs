using Microsoft.Extensions.Logging;
using Stowage.Runtime.Linux;

namespace Stowage.Controllers.Pool;

/// <summary>
/// The on-disk steps of a volume's life: create, bring back up after a restart, grow, scrub and
/// remove. Each step reads the kernel's state (mounts, loop devices) instead of trusting what was
/// recorded, so that it can run again after a crash at any point. <see cref="StoragePool"/> owns the
/// locking and the accounting; this class owns the order of the commands.
/// </summary>
internal sealed class VolumeDisk
{
    // Corrections of the image size at creation. One lands exactly except across a block group
    // boundary; the bound only caps the cost of a pathological layout.
    private const int SizeAttempts = 4;

    // Below about 9 MiB the 4 MiB minimum journal does not fit.
    private const long MinimumImageBytes = 10 * ByteSize.MiB;

    private readonly Ext4Tools _ext4;
    private readonly ILogger _logger;
    private readonly Func<CreateStep, CancellationToken, Task>? _afterCreateStep;
    private readonly Ext4TemplateCache _templates;

    /// <param name="ext4">The tools.</param>
    /// <param name="logger">For the pool's log.</param>
    /// <param name="afterCreateStep">The crash tests' hook.</param>
    /// <param name="templateDirectory">Scratch space for formatting templates (emptied now).</param>
    public VolumeDisk(Ext4Tools ext4, ILogger logger, Func<CreateStep, CancellationToken, Task>? afterCreateStep, string templateDirectory)
    {
        _ext4 = ext4;
        _logger = logger;
        _afterCreateStep = afterCreateStep;
        _templates = new Ext4TemplateCache(templateDirectory, FormatTemplateAsync);
    }

    /// <summary>
    /// Creates the volume described by <paramref name="state"/> (phase <see cref="VolumeStatePhase.Creating"/>)
    /// and returns its ready state: directory, state file "creating", image, loop device, ext4, mount,
    /// state file "ready". Leftovers of an earlier attempt at the same name are removed first.
    /// </summary>
    public async Task<VolumeState> CreateAsync(VolumePaths paths, VolumeState state, CancellationToken cancellationToken)
    {
        if (Directory.Exists(paths.Directory))
        {
            await RemoveAsync(paths, cancellationToken).ConfigureAwait(false);
        }
        Directory.CreateDirectory(paths.Directory);
        await StepAsync(CreateStep.DirectoryCreated, cancellationToken).ConfigureAwait(false);
        await VolumeStateFile.WriteAsync(paths.Directory, state, cancellationToken).ConfigureAwait(false);
        await StepAsync(CreateStep.StateWritten, cancellationToken).ConfigureAwait(false);

        if (state.Mode == PoolMode.Unenforced)
        {
            Directory.CreateDirectory(paths.Mount);
            return await WriteAsync(paths, state with { Phase = VolumeStatePhase.Ready }, cancellationToken).ConfigureAwait(false);
        }

        // Usually a copy of the template for this size, which already holds the filesystem (with a
        // UUID of its own), so no mkfs runs; else an empty sparse image, formatted once attached.
        var template = await _templates.ForAsync(state.SizeBytes, cancellationToken).ConfigureAwait(false);
        if (template is not null)
        {
            template.WriteImage(paths.Image);
        }
        else
        {
            var stream = new FileStream(paths.Image, FileMode.CreateNew, FileAccess.Write);
            await using (stream.ConfigureAwait(false))
            {
                stream.SetLength(state.ImageBytes); // sparse: no data blocks until the filesystem writes them
            }
        }
        await StepAsync(CreateStep.ImageCreated, cancellationToken).ConfigureAwait(false);
        var device = await _ext4.AttachAsync(paths.Image, cancellationToken).ConfigureAwait(false);
        await StepAsync(CreateStep.LoopAttached, cancellationToken).ConfigureAwait(false);
        var imageBytes = template?.ImageBytes ?? await FormatToSizeAsync(paths, device, state, cancellationToken).ConfigureAwait(false);
        await StepAsync(CreateStep.Formatted, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(paths.Mount);
        await _ext4.SetImmutableAsync(paths.Mount, immutable: true, cancellationToken).ConfigureAwait(false);
        await _ext4.MountAsync(device, paths.Mount, cancellationToken).ConfigureAwait(false);
        await StepAsync(CreateStep.Mounted, cancellationToken).ConfigureAwait(false);
        CheckSize(paths, state);
        var ready = state with { Phase = VolumeStatePhase.Ready, ImageBytes = imageBytes, LoopDevice = device };
        return await WriteAsync(paths, ready, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes a created volume usable again — after a reboot (no loop device, nothing mounted), a
    /// crash, or an administrator's umount: attaches the image unless a loop device already holds it,
    /// detaches stray devices, and mounts the filesystem (after <c>e2fsck -p</c> if a first mount fails).
    /// </summary>
    public async Task<VolumeState> BringUpAsync(VolumePaths paths, VolumeState state, CancellationToken cancellationToken)
    {
        if (state.Mode == PoolMode.Unenforced)
        {
            Directory.CreateDirectory(paths.Mount);
            return state;
        }
        if (!File.Exists(paths.Image))
        {
            throw new PoolException($"the image of volume {state.Name} ({paths.Image}) is missing");
        }
        var mounts = await MountTable.ReadAsync(cancellationToken).ConfigureAwait(false);
        var device = await DeviceForAsync(paths, mounts, cancellationToken).ConfigureAwait(false);
        var mounted = mounts.SourceAt(paths.Mount);
        if (mounted is not null && mounted != device)
        {
            throw new PoolException($"{mounted} is mounted at the path of volume {state.Name} ({paths.Mount}), not its loop device {device}");
        }
        if (mounted is null)
        {
            Directory.CreateDirectory(paths.Mount);
            await _ext4.SetImmutableAsync(paths.Mount, immutable: true, cancellationToken).ConfigureAwait(false);
            try
            {
                await _ext4.MountAsync(device, paths.Mount, cancellationToken).ConfigureAwait(false);
            }
            catch (CommandFailedException)
            {
                // A filesystem left dirty by a power loss may need a check the kernel will not do.
                await _ext4.CheckAsync(device, force: false, cancellationToken).ConfigureAwait(false);
                await _ext4.MountAsync(device, paths.Mount, cancellationToken).ConfigureAwait(false);
            }
        }
        return state.LoopDevice == device ? state : await WriteAsync(paths, state with { LoopDevice = device }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Grows a volume whose state is <see cref="VolumeStatePhase.Expanding"/> to exactly its target
    /// size (see <see cref="Ext4Geometry"/>): image, loop device, then the filesystem — online unless
    /// <paramref name="onlineRefusal"/> says (or resize2fs now says) the kernel refuses, else offline.
    /// Safe to repeat at any point: a filesystem already large enough is only recorded.
    /// </summary>
    /// <returns>What happened, the volume's state afterwards, and why online growth was refused (if it was).</returns>
    public async Task<(ExpandKind Kind, VolumeState State, string? OnlineRefusal)> GrowAsync(
        VolumePaths paths, VolumeState state, string? onlineRefusal, CancellationToken cancellationToken)
    {
        var target = state.TargetSizeBytes ?? state.SizeBytes;
        if (state.Mode == PoolMode.Unenforced)
        {
            return (ExpandKind.Recorded, await FinishGrowthAsync(paths, state, state.ImageBytes, cancellationToken).ConfigureAwait(false), null);
        }
        // Mounted first, whatever happened before: the current usable size is measured, not recorded.
        state = await BringUpAsync(paths, state, cancellationToken).ConfigureAwait(false);
        var device = state.LoopDevice!;
        var geometry = await _ext4.ReadGeometryAsync(device, cancellationToken).ConfigureAwait(false);
        var usable = Ext4Tools.FilesystemBytes(paths.Mount) / geometry.BlockSize;
        var blocks = geometry.BlocksFor(usable, (target + geometry.BlockSize - 1) / geometry.BlockSize);
        if (blocks == geometry.BlockCount)
        {
            // Grown before a crash, or by an earlier attempt: only the record is behind.
            var imageBytes = new FileInfo(paths.Image).Length;
            return (ExpandKind.Unchanged, await FinishGrowthAsync(paths, state, imageBytes, cancellationToken).ConfigureAwait(false), onlineRefusal);
        }
        var newImageBytes = blocks * geometry.BlockSize;
        await GrowImageAsync(paths.Image, newImageBytes, cancellationToken).ConfigureAwait(false);
        await _ext4.RefreshSizeAsync(device, cancellationToken).ConfigureAwait(false);

        if (onlineRefusal is null)
        {
            onlineRefusal = await _ext4.TryGrowOnlineAsync(device, blocks, cancellationToken).ConfigureAwait(false);
            if (onlineRefusal is null)
            {
                return (ExpandKind.Online, await FinishGrowthAsync(paths, state, newImageBytes, cancellationToken).ConfigureAwait(false), null);
            }
        }
        if (!await _ext4.UnmountAsync(paths.Mount, cancellationToken).ConfigureAwait(false))
        {
            return (ExpandKind.WaitingForUnmount, state, onlineRefusal);
        }
        if (!await _ext4.WaitUntilUnusedAsync(device, cancellationToken).ConfigureAwait(false))
        {
            // Still mounted in another mount namespace (a pod's): grows when that one lets go.
            await _ext4.MountAsync(device, paths.Mount, CancellationToken.None).ConfigureAwait(false);
            return (ExpandKind.WaitingForUnmount, state, onlineRefusal);
        }
        bool grown;
        try
        {
            grown = await _ext4.GrowOfflineAsync(device, blocks, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Leave the volume usable at its old size rather than unmounted; the state still says
            // "expanding", so the next attempt (or the next open) tries again.
            await _ext4.MountAsync(device, paths.Mount, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        await _ext4.MountAsync(device, paths.Mount, cancellationToken).ConfigureAwait(false);
        return grown
            ? (ExpandKind.Offline, await FinishGrowthAsync(paths, state, newImageBytes, cancellationToken).ConfigureAwait(false), onlineRefusal)
            : (ExpandKind.WaitingForUnmount, state, onlineRefusal);
    }

    /// <summary>
    /// Empties a volume. An enforced volume gets a new filesystem (milliseconds whatever it held, and
    /// mkfs discards the old blocks, which punches them out of the image); an unenforced one has its
    /// entries deleted. Throws <see cref="PoolException"/> while the volume is in use.
    /// </summary>
    public async Task<VolumeState> ScrubAsync(VolumePaths paths, VolumeState state, CancellationToken cancellationToken)
    {
        if (state.Mode == PoolMode.Unenforced)
        {
            await DeleteContentsAsync(paths.Mount, cancellationToken).ConfigureAwait(false);
            return state.Phase == VolumeStatePhase.Ready ? state : await WriteAsync(paths, state with { Phase = VolumeStatePhase.Ready }, cancellationToken).ConfigureAwait(false);
        }
        await UnmountOrThrowAsync(state.Name, paths, cancellationToken).ConfigureAwait(false);
        var mounts = await MountTable.ReadAsync(cancellationToken).ConfigureAwait(false);
        var device = await DeviceForAsync(paths, mounts, cancellationToken).ConfigureAwait(false);
        if (!await _ext4.WaitUntilUnusedAsync(device, cancellationToken).ConfigureAwait(false))
        {
            await _ext4.MountAsync(device, paths.Mount, CancellationToken.None).ConfigureAwait(false);
            throw new PoolException($"volume {state.Name} is in use: its filesystem is still mounted in another mount namespace (a container's; stop what uses it first)");
        }
        var scrubbing = await WriteAsync(paths, state with { Phase = VolumeStatePhase.Scrubbing }, cancellationToken).ConfigureAwait(false);
        // A growth still pending completes here. A fresh filesystem is laid out differently from a
        // grown one (journal, reserved descriptors), so it is fitted to the size like a new volume.
        var size = scrubbing.TargetSizeBytes ?? scrubbing.SizeBytes;
        var image = Math.Max(new FileInfo(paths.Image).Length, scrubbing.TargetImageBytes ?? scrubbing.ImageBytes);
        await GrowImageAsync(paths.Image, image, cancellationToken).ConfigureAwait(false);
        await _ext4.RefreshSizeAsync(device, cancellationToken).ConfigureAwait(false);
        var fitted = scrubbing with { SizeBytes = size, ImageBytes = image };
        var imageBytes = await FormatToSizeAsync(paths, device, fitted, cancellationToken).ConfigureAwait(false);
        await _ext4.MountAsync(device, paths.Mount, cancellationToken).ConfigureAwait(false);
        CheckSize(paths, fitted);
        var ready = fitted with
        {
            Phase = VolumeStatePhase.Ready,
            ImageBytes = imageBytes,
            TargetSizeBytes = null,
            TargetImageBytes = null,
            LoopDevice = device,
        };
        return await WriteAsync(paths, ready, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Unmounts the volume if it is mounted; <see cref="PoolException"/> when it is in use.</summary>
    public async Task UnmountOrThrowAsync(string name, VolumePaths paths, CancellationToken cancellationToken)
    {
        var mounts = await MountTable.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (mounts.IsMountPoint(paths.Mount) && !await _ext4.UnmountAsync(paths.Mount, cancellationToken).ConfigureAwait(false))
        {
            throw new PoolException($"volume {name} is in use: its filesystem at {paths.Mount} is busy (stop what uses it first)");
        }
    }

    /// <summary>
    /// Removes everything of a volume, whatever its state: unmounts, detaches its loop devices, then
    /// deletes the image, the mount directory, the state file (last, so that a crash part-way still
    /// finds the volume recorded) and the directory. Never deletes through a mount.
    /// </summary>
    public async Task RemoveAsync(VolumePaths paths, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(paths.Directory))
        {
            return;
        }
        var name = Path.GetFileName(paths.Directory);
        await UnmountOrThrowAsync(name, paths, cancellationToken).ConfigureAwait(false);
        if (File.Exists(paths.Image))
        {
            foreach (var device in await _ext4.LoopDevicesOfAsync(paths.Image, cancellationToken).ConfigureAwait(false))
            {
                await _ext4.DetachAsync(device, cancellationToken).ConfigureAwait(false);
            }
        }
        var mounts = await MountTable.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (mounts.IsMountPoint(paths.Mount) || mounts.MountsBelow(paths.Directory).Any())
        {
            throw new PoolException($"something is still mounted in {paths.Directory}; volume {name} is left alone");
        }
        File.Delete(paths.Image);
        if (Directory.Exists(paths.Mount))
        {
            await _ext4.SetImmutableAsync(paths.Mount, immutable: false, cancellationToken).ConfigureAwait(false);
            Directory.Delete(paths.Mount, recursive: true);
        }
        VolumeStateFile.Delete(paths.Directory);
        Directory.Delete(paths.Directory, recursive: true);
    }

    /// <summary>The volume's usage: statvfs of its mounted filesystem, or a walk of an unenforced directory.</summary>
    public async Task<VolumeUsage> UsageAsync(VolumePaths paths, VolumeState state, CancellationToken cancellationToken)
    {
        if (state.Mode == PoolMode.Unenforced)
        {
            long used = 0;
            foreach (var file in new DirectoryInfo(paths.Mount).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint }))
            {
                cancellationToken.ThrowIfCancellationRequested();
                used += file.Length;
            }
            return new VolumeUsage(state.SizeBytes, used, Math.Max(0, state.SizeBytes - used), null, null, null, Exact: false);
        }
        var mounts = await MountTable.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (!mounts.IsMountPoint(paths.Mount))
        {
            // statvfs of the bare directory would report the pool's disk: wrong, and silently so.
            throw new PoolException($"volume {state.Name} is not mounted at {paths.Mount}");
        }
        var stats = FileSystemCalls.StatFileSystem(paths.Mount);
        var unit = stats.FragmentSize != 0 ? stats.FragmentSize : stats.BlockSize;
        return new VolumeUsage(
            CapacityBytes: checked((long)(stats.Blocks * unit)),
            UsedBytes: checked((long)((stats.Blocks - stats.BlocksFree) * unit)),
            AvailableBytes: checked((long)(stats.BlocksAvailable * unit)),
            Inodes: checked((long)stats.Files),
            InodesUsed: checked((long)(stats.Files - stats.FilesFree)),
            InodesFree: checked((long)stats.FilesFree),
            Exact: true);
    }

    /// <summary>
    /// Formats the (unmounted) device and adjusts the image until the filesystem is exactly the
    /// requested size — or, where that size falls in a gap of ext4's layout, the least above it —
    /// starting from the image <paramref name="state"/> estimated. Returns the image's final size.
    /// </summary>
    private async Task<long> FormatToSizeAsync(VolumePaths paths, string device, VolumeState state, CancellationToken cancellationToken)
    {
        var fitted = await FitAsync(paths.Image, device, state.SizeBytes, state.ImageBytes, async () =>
        {
            Directory.CreateDirectory(paths.Mount);
            await _ext4.MountAsync(device, paths.Mount, cancellationToken).ConfigureAwait(false);
            var usable = Ext4Tools.FilesystemBytes(paths.Mount);
            await UnmountOrThrowAsync(state.Name, paths, cancellationToken).ConfigureAwait(false);
            return usable;
        }, cancellationToken).ConfigureAwait(false);
        return fitted!.Value.ImageBytes;
    }

    /// <summary>
    /// Formats the image file <paramref name="image"/> itself (no loop device) to exactly
    /// <paramref name="sizeBytes"/>, for <see cref="Ext4TemplateCache"/>; returns its layout, or null
    /// where mkfs does not record its overhead (e2fsprogs before 1.46.5) and only a mount could measure it.
    /// </summary>
    private async Task<Ext4Geometry?> FormatTemplateAsync(string image, long sizeBytes, CancellationToken cancellationToken)
    {
        var stream = new FileStream(image, FileMode.CreateNew, FileAccess.Write);
        await using (stream.ConfigureAwait(false))
        {
            stream.SetLength(Ext4Tools.ImageBytesFor(sizeBytes));
        }
        var fitted = await FitAsync(image, null, sizeBytes, Ext4Tools.ImageBytesFor(sizeBytes), null, cancellationToken).ConfigureAwait(false);
        return fitted?.Geometry;
    }

    /// <summary>
    /// Formats <paramref name="device"/> (or, when null, the file <paramref name="image"/>) and adjusts
    /// the image until the filesystem is exactly <paramref name="sizeBytes"/> — or, where that size
    /// falls in a gap of ext4's layout, the least above it — starting from <paramref name="imageBytes"/>.
    /// Within a block group each block added to the image adds one usable block, so one correction
    /// usually lands exactly; one that crosses a group boundary is measured again. The filesystem is
    /// measured unmounted where mkfs records its overhead (e2fsprogs 1.46.5 and later), so that no
    /// mount is made and undone: a mount namespace created meanwhile by any process on the node would
    /// copy it and keep the device busy. Otherwise <paramref name="measureMounted"/> measures it, or,
    /// when null, the result is null.
    /// </summary>
    private async Task<(long ImageBytes, Ext4Geometry Geometry)?> FitAsync(string image, string? device, long sizeBytes, long imageBytes,
        Func<Task<long>>? measureMounted, CancellationToken cancellationToken)
    {
        const long BlockSize = 4096; // as FormatAsync formats
        var wanted = (sizeBytes + BlockSize - 1) / BlockSize;
        var blocks = imageBytes / BlockSize;
        var tried = new Dictionary<long, long>(); // image blocks → usable blocks
        long? best = null;
        Ext4Geometry? geometry = null;
        for (var attempt = 0; ; attempt++)
        {
            var usable = await FormatAndMeasureAsync(blocks).ConfigureAwait(false);
            if (usable is null)
            {
                return null;
            }
            tried[blocks] = usable.Value;
            if (usable >= wanted && (best is null || blocks < best))
            {
                best = blocks;
            }
            var next = blocks + (wanted - usable.Value);
            if (usable == wanted || attempt == SizeAttempts || tried.ContainsKey(next) || next * BlockSize < MinimumImageBytes)
            {
                break;
            }
            blocks = next;
        }
        // Every attempt short (never seen): grow by twice what is missing and let CheckSize judge.
        best ??= blocks + (wanted - tried[blocks]) * 2 + ByteSize.MiB / BlockSize;
        if (best != blocks)
        {
            await FormatAndMeasureAsync(best.Value).ConfigureAwait(false);
        }
        return (best.Value * BlockSize, geometry!);

        async Task<long?> FormatAndMeasureAsync(long imageBlocks)
        {
            var stream = new FileStream(image, FileMode.Open, FileAccess.Write);
            await using (stream.ConfigureAwait(false))
            {
                stream.SetLength(imageBlocks * BlockSize); // may shrink: the volume is new or being emptied
            }
            if (device is not null)
            {
                await _ext4.RefreshSizeAsync(device, cancellationToken).ConfigureAwait(false);
            }
            await _ext4.FormatAsync(device ?? image, sizeBytes, cancellationToken).ConfigureAwait(false);
            geometry = await _ext4.ReadGeometryAsync(device ?? image, cancellationToken).ConfigureAwait(false);
            if (geometry.OverheadBlocks is { } overhead)
            {
                return geometry.BlockCount - overhead;
            }
            return measureMounted is null ? null : await measureMounted().ConfigureAwait(false) / BlockSize;
        }
    }

    /// <summary>The invariant every enforced volume is handed out with: df shows at least its size.</summary>
    private static void CheckSize(VolumePaths paths, VolumeState state)
    {
        var actual = Ext4Tools.FilesystemBytes(paths.Mount);
        if (actual < state.SizeBytes)
        {
            throw new PoolException($"the filesystem of volume {state.Name} came out {ByteSize.Format(state.SizeBytes - actual, roundUp: true)} smaller than the {ByteSize.Format(state.SizeBytes)} asked for");
        }
    }

    private async Task<VolumeState> FinishGrowthAsync(VolumePaths paths, VolumeState state, long imageBytes, CancellationToken cancellationToken)
    {
        var target = state.TargetSizeBytes ?? state.SizeBytes;
        if (state.Mode == PoolMode.Enforced && Ext4Tools.FilesystemBytes(paths.Mount) < target)
        {
            PoolLog.GrownShort(_logger, state.Name, Ext4Tools.FilesystemBytes(paths.Mount), target);
        }
        var ready = state with
        {
            Phase = VolumeStatePhase.Ready,
            SizeBytes = target,
            ImageBytes = imageBytes,
            TargetSizeBytes = null,
            TargetImageBytes = null,
        };
        return await WriteAsync(paths, ready, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The loop device for the volume's image: the one mounted at its path if any, else one already
    /// attached (after a crash), else a newly attached one (after a reboot). Other devices holding
    /// the same image and mounted nowhere are leftovers of a crash between attach and record; they
    /// are detached.
    /// </summary>
    private async Task<string> DeviceForAsync(VolumePaths paths, MountTable mounts, CancellationToken cancellationToken)
    {
        var devices = await _ext4.LoopDevicesOfAsync(paths.Image, cancellationToken).ConfigureAwait(false);
        var mounted = mounts.SourceAt(paths.Mount);
        var device = mounted is not null && devices.Contains(mounted)
            ? mounted
            : devices.FirstOrDefault(d => mounts.MountPointsOf(d).Any()) ?? devices.FirstOrDefault();
        device ??= await _ext4.AttachAsync(paths.Image, cancellationToken).ConfigureAwait(false);
        foreach (var stray in devices.Where(d => d != device && !mounts.MountPointsOf(d).Any()))
        {
            await _ext4.DetachAsync(stray, cancellationToken).ConfigureAwait(false);
        }
        return device;
    }

    private static async Task GrowImageAsync(string image, long bytes, CancellationToken cancellationToken)
    {
        var stream = new FileStream(image, FileMode.Open, FileAccess.Write);
        await using (stream.ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (stream.Length < bytes)
            {
                stream.SetLength(bytes); // never shrinks: a smaller recorded size after a crash is ignored
            }
        }
    }

    private static async Task DeleteContentsAsync(string directory, CancellationToken cancellationToken)
    {
        var mounts = await MountTable.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (mounts.MountsBelow(directory).Any())
        {
            throw new PoolException($"something is mounted below {directory}; it is not emptied");
        }
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry is DirectoryInfo child && !child.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                child.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }
    }

    private static async Task<VolumeState> WriteAsync(VolumePaths paths, VolumeState state, CancellationToken cancellationToken)
    {
        await VolumeStateFile.WriteAsync(paths.Directory, state, cancellationToken).ConfigureAwait(false);
        return state;
    }

    private Task StepAsync(CreateStep step, CancellationToken cancellationToken) =>
        _afterCreateStep?.Invoke(step, cancellationToken) ?? Task.CompletedTask;
}
