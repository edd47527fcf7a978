using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Stowage.Runtime.Linux;

namespace Stowage.Controllers.Pool;

/// <summary>
/// A node's storage pool: a directory whose volumes are real, size-limited filesystems.
/// </summary>
/// <remarks>
/// <para><b>Modes.</b> Opening a pool tries, once, to make a tiny volume the way every volume is
/// made. If that works the pool is <see cref="PoolMode.Enforced"/>: each volume is a sparse image
/// file attached to a loop device and formatted ext4, so a write past its size fails with ENOSPC,
/// <c>df</c> inside it shows its size and usage is statvfs of it. Otherwise (not root, no loop
/// devices, no mkfs.ext4, …) the pool is <see cref="PoolMode.Unenforced"/>: volumes are plain
/// directories, sizes are only counted. <see cref="ModeReason"/> says which and why, for the startup
/// message; the pool never falls back silently.</para>
///
/// <para><b>Layout.</b> <c>&lt;pool&gt;/volumes/&lt;name&gt;/image</c> (sparse), <c>…/mnt</c> (the mount point, and
/// the volume's <see cref="PoolVolume.Path"/>) and <c>…/state.json</c>, which is replaced atomically
/// (write a temporary, fsync, rename, fsync the directory). The mount point directory is made
/// immutable while nothing is mounted on it, so a write meant for an unmounted volume fails instead
/// of filling the pool's disk.</para>
///
/// <para><b>State machine</b> of a volume, as recorded in its state file:</para>
/// <code>
///   (none) ──create──▶ creating ──▶ ready ──expand──▶ expanding ──▶ ready
///                                     │  ──scrub───▶ scrubbing ──▶ ready
///                                     └──delete──▶ deleting ──▶ (none)
/// </code>
/// <para>Creating: directory → state "creating" → image → loop device → mkfs → mount → state
/// "ready". The image is normally a copy of an in-memory template of that size, already formatted
/// (with a UUID of its own), so the mkfs step is skipped; the first volume of a size makes the
/// template (see <see cref="Ext4TemplateCache"/>). Every step re-reads the kernel (mount table, <c>losetup -j</c>) instead of trusting the
/// record, so any step can run again. When the pool opens it settles every volume:</para>
/// <list type="bullet">
/// <item><b>creating</b> (or a directory without a state file and without an image): <b>removed</b>.
/// Such a volume was never returned to a caller, so it holds no data and no PV names it; the
/// caller's retry of <see cref="CreateAsync"/> makes it again from scratch. Finishing it instead
/// would leave a volume for a claim that may be gone.</item>
/// <item><b>ready</b>: its image is attached (a loop device already holding it is reused, so a
/// process restart does not detach anything) and its filesystem mounted.</item>
/// <item><b>expanding</b>, <b>scrubbing</b>, <b>deleting</b>: the operation is finished.</item>
/// </list>
/// <para>A volume that cannot be settled (its image is missing, its filesystem will not mount) is
/// kept and reported through <see cref="PoolVolume.Problem"/> and a warning; nothing is deleted that
/// might hold data.</para>
///
/// <para><b>Sizes.</b> An enforced volume's filesystem is exactly its size as <c>df</c> shows it (the
/// Size column; 1Gi shows <c>1.0G</c>): the image is the request plus ext4's metadata, fitted at
/// creation and computed from the layout when growing (see <see cref="Ext4Tools"/> and
/// <see cref="Ext4Geometry"/>). Of that size ext4 keeps min(2 %, 16 MiB) back for its own use when
/// full, so an empty volume's Avail is that much smaller and a writer gets ENOSPC there.</para>
///
/// <para><b>Accounting.</b> A volume counts its image size against the pool (the request plus
/// ext4's metadata, measured: 6 % at 64 MiB, 3.4 % at 1 GiB; growth adds about 2.4 % of what is
/// added), because that is what it can come to
/// occupy; an unenforced volume counts its requested size. A create or an expansion that would take
/// the total past capacity × overcommit ratio is refused with <see cref="PoolFullException"/>. A
/// create reserves an estimate that errs large and then settles on the exact image.</para>
///
/// <para><b>Concurrency.</b> Operations on one volume are serialised; operations on different volumes
/// run in parallel, with the capacity check and reservation done atomically.</para>
///
/// <para><b>Lifetime.</b> Volumes outlive the process, as kubelet's mounts do: <see cref="DisposeAsync"/>
/// unmounts nothing. <see cref="TearDownAllAsync"/> deletes every volume.</para>
/// </remarks>
public sealed partial class StoragePool : IAsyncDisposable
{
    // Scratch space where a template filesystem per volume size is formatted (see Ext4TemplateCache).
    private const string TemplateDirectory = ".templates";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, VolumeState> _volumes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _problems = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly string _volumesDirectory;
    private readonly VolumeDisk _disk;
    private readonly ILogger _logger;
    private string? _onlineRefusal;

    private StoragePool(string directory, PoolMode mode, string modeReason, PoolOptions options, VolumeDisk disk, ILogger logger)
    {
        Directory = directory;
        Mode = mode;
        ModeReason = modeReason;
        OvercommitRatio = options.OvercommitRatio;
        _volumesDirectory = Path.Combine(directory, "volumes");
        _disk = disk;
        _logger = logger;
    }

    /// <summary>The pool's directory, absolute with symbolic links resolved.</summary>
    public string Directory { get; }

    /// <summary>Whether new volumes have their sizes enforced.</summary>
    public PoolMode Mode { get; }

    /// <summary>Why the pool is in its mode, e.g. <c>sizes are not enforced: not running as root</c>.</summary>
    public string ModeReason { get; }

    /// <summary>The smallest enforced volume (8 MiB): smaller requests get this much.</summary>
    public const long MinimumEnforcedSizeBytes = Ext4Tools.MinimumSizeBytes;

    /// <summary>The pool's cap in bytes.</summary>
    public long CapacityBytes { get; private set; }

    /// <summary>How far provisioned sizes may exceed <see cref="CapacityBytes"/>.</summary>
    public decimal OvercommitRatio { get; }

    /// <summary>
    /// Why filesystems cannot grow while mounted on this node, once an expansion has found out
    /// (e.g. <c>resize2fs: Permission denied to resize filesystem</c>); null until then.
    /// </summary>
    public string? OnlineExpansionRefusal
    {
        get
        {
            lock (_gate)
            {
                return _onlineRefusal;
            }
        }
    }

    /// <summary>
    /// Opens (creating if needed) the pool in <see cref="PoolOptions.Directory"/>: detects the mode
    /// and settles every volume found on disk (see the class remarks), so that <see cref="Get"/>
    /// works for each.
    /// </summary>
    public static async Task<StoragePool> OpenAsync(PoolOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Directory);
        if (options.OvercommitRatio <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.OvercommitRatio, "the overcommit ratio must be positive");
        }
        if (options.CapacityBytes is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.CapacityBytes, "the capacity cannot be negative");
        }

        System.IO.Directory.CreateDirectory(options.Directory);
        // Canonical, because the kernel's mount table shows resolved paths.
        var directory = FileSystemCalls.RealPath(options.Directory);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "volumes"));
        var commands = new CommandRunner();
        var ext4 = new Ext4Tools(commands, options.BusyGrace, options.OnBusy);
        var (mode, reason) = await PoolProbe.DetectAsync(directory, options.ForceUnenforced, ext4, cancellationToken).ConfigureAwait(false);
        var pool = new StoragePool(directory, mode, reason, options, new VolumeDisk(ext4, logger, options.AfterCreateStep, Path.Combine(directory, TemplateDirectory)), logger);
        await pool.SettleAsync(cancellationToken).ConfigureAwait(false);
        pool.CapacityBytes = options.CapacityBytes ?? await pool.DefaultCapacityAsync(commands, cancellationToken).ConfigureAwait(false);

        if (mode == PoolMode.Enforced)
        {
            PoolLog.Enforced(logger, directory, reason, pool.CapacityBytes, pool.OvercommitRatio);
        }
        else
        {
            PoolLog.NotEnforced(logger, directory, reason, pool.CapacityBytes, pool.OvercommitRatio);
        }
        return pool;
    }

    /// <summary>The volume called <paramref name="name"/>, or null when the pool has no such (usable or created) volume.</summary>
    public PoolVolume? Get(string name)
    {
        lock (_gate)
        {
            return _volumes.TryGetValue(name, out var state) && state.Phase is not (VolumeStatePhase.Creating or VolumeStatePhase.Deleting)
                ? ToVolume(state)
                : null;
        }
    }

    /// <summary>
    /// The names of the volumes on disk, for orphan detection by the caller — including volumes that
    /// have a <see cref="PoolVolume.Problem"/> or whose state cannot be read, and excluding volumes being
    /// created right now. A name is an orphan when no PV names it and no claim with its UID exists
    /// (a claim being provisioned has a volume before it has a PV).
    /// </summary>
    public IReadOnlyList<string> ListVolumeNames()
    {
        lock (_gate)
        {
            return _volumes.Where(v => v.Value.Phase != VolumeStatePhase.Creating).Select(v => v.Key)
                .Union(_problems.Keys).Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>The pool's capacity, what is provisioned, and what is free.</summary>
    public PoolCapacity Capacity
    {
        get
        {
            lock (_gate)
            {
                var provisioned = ProvisionedBytes();
                return new PoolCapacity(CapacityBytes, OvercommitRatio, provisioned, Math.Max(0, Limit(CapacityBytes, OvercommitRatio) - provisioned));
            }
        }
    }

    /// <summary>
    /// Creates volume <paramref name="name"/> of <paramref name="sizeBytes"/> (rounded up to a whole MiB,
    /// and to at least <see cref="MinimumEnforcedSizeBytes"/> in an enforced pool),
    /// or returns it if it exists with that size (re-mounting it if needed). Throws
    /// <see cref="PoolFullException"/> when it does not fit, and <see cref="PoolException"/> when the
    /// name exists with another size. A failed create removes what it made.
    /// </summary>
    public async Task<PoolVolume> CreateAsync(string name, long sizeBytes, CancellationToken cancellationToken)
    {
        ValidateName(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeBytes);
        var size = ByteSize.RoundUpToMiB(sizeBytes);
        if (Mode == PoolMode.Enforced)
        {
            size = Math.Max(size, Ext4Tools.MinimumSizeBytes);
        }
        var paths = PathsOf(name);
        var volumeLock = await LockAsync(name, cancellationToken).ConfigureAwait(false);
        try
        {
            VolumeState? existing;
            VolumeState creating;
            lock (_gate)
            {
                if (_problems.TryGetValue(name, out var problem) && !_volumes.ContainsKey(name))
                {
                    throw new PoolException($"volume {name} exists on disk but cannot be used: {problem}");
                }
                if (_volumes.TryGetValue(name, out existing) && existing.Phase != VolumeStatePhase.Creating)
                {
                    if (existing.SizeBytes != size)
                    {
                        throw new PoolException($"volume {name} already exists with size {ByteSize.Format(existing.SizeBytes)}; it cannot be created with size {ByteSize.Format(size)}");
                    }
                    creating = existing;
                }
                else
                {
                    creating = new VolumeState
                    {
                        Name = name,
                        Mode = Mode,
                        Phase = VolumeStatePhase.Creating,
                        SizeBytes = size,
                        ImageBytes = Mode == PoolMode.Enforced ? Ext4Tools.ImageBytesFor(size) : 0,
                    };
                    _volumes.Remove(name); // a "creating" leftover of a simulated crash in this process
                    EnsureFits(creating.ProvisionedBytes, $"cannot provision {ByteSize.Format(size, roundUp: true)}", creating);
                    _volumes[name] = creating;
                    existing = null;
                }
            }
            if (existing is not null)
            {
                return await EnsureUpAsync(paths, existing, cancellationToken).ConfigureAwait(false);
            }

            VolumeState ready;
            try
            {
                ready = await _disk.CreateAsync(paths, creating, cancellationToken).ConfigureAwait(false);
            }
            catch (SimulatedCrashException)
            {
                throw; // as if the process died: nothing is rolled back
            }
            catch (Exception e)
            {
                await RollBackAsync(paths, name, e).ConfigureAwait(false);
                throw;
            }
            lock (_gate)
            {
                _volumes[name] = ready;
                _problems.Remove(name);
            }
            PoolLog.Created(_logger, name, ready.SizeBytes, paths.Mount, ready.Mode);
            return ToVolume(ready);
        }
        finally
        {
            volumeLock.Release();
        }
    }

    /// <summary>Capacity, used and available bytes (and inodes) of a volume, as <c>df</c> shows them.</summary>
    public async Task<VolumeUsage> UsageAsync(string name, CancellationToken cancellationToken)
    {
        var state = Require(name);
        return await _disk.UsageAsync(PathsOf(name), state, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes a volume and its data: unmounts it, detaches its loop device, removes its files.
    /// Deleting a volume that does not exist succeeds. Throws <see cref="PoolException"/> while the
    /// volume is in use, leaving it intact.
    /// </summary>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        ValidateName(name);
        var paths = PathsOf(name);
        var volumeLock = await LockAsync(name, cancellationToken).ConfigureAwait(false);
        try
        {
            if (System.IO.Directory.Exists(paths.Directory))
            {
                await _disk.UnmountOrThrowAsync(name, paths, cancellationToken).ConfigureAwait(false);
                VolumeState? state;
                lock (_gate)
                {
                    state = _volumes.GetValueOrDefault(name);
                }
                if (state is not null)
                {
                    var deleting = state with { Phase = VolumeStatePhase.Deleting };
                    await VolumeStateFile.WriteAsync(paths.Directory, deleting, cancellationToken).ConfigureAwait(false);
                    SetState(deleting);
                }
                await _disk.RemoveAsync(paths, cancellationToken).ConfigureAwait(false);
                PoolLog.Deleted(_logger, name);
            }
            lock (_gate)
            {
                _volumes.Remove(name);
                _problems.Remove(name);
            }
        }
        finally
        {
            volumeLock.Release();
        }
    }

    /// <summary>
    /// Empties a volume, keeping it (Kubernetes' Recycle): an enforced volume gets a fresh filesystem.
    /// Throws <see cref="PoolException"/> while the volume is in use.
    /// </summary>
    public async Task ScrubAsync(string name, CancellationToken cancellationToken)
    {
        ValidateName(name);
        var volumeLock = await LockAsync(name, cancellationToken).ConfigureAwait(false);
        try
        {
            var state = Require(name);
            var ready = await _disk.ScrubAsync(PathsOf(name), state, cancellationToken).ConfigureAwait(false);
            SetState(ready);
            ClearProblem(name);
            PoolLog.Scrubbed(_logger, name);
        }
        finally
        {
            volumeLock.Release();
        }
    }

    /// <summary>
    /// Grows a volume to <paramref name="newSizeBytes"/> (rounded up to a whole MiB), keeping its data:
    /// online where the kernel allows it, else offline — unmounted, checked, grown and mounted again
    /// at the same path. Never shrinks. The result says which, so that the caller can set the claim's
    /// conditions. Callers must not hand the volume to a new pod while this runs: it may be
    /// unmounted for a moment.
    /// </summary>
    public async Task<ExpandResult> ExpandAsync(string name, long newSizeBytes, CancellationToken cancellationToken)
    {
        ValidateName(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(newSizeBytes);
        var size = ByteSize.RoundUpToMiB(newSizeBytes);
        var paths = PathsOf(name);
        var volumeLock = await LockAsync(name, cancellationToken).ConfigureAwait(false);
        try
        {
            VolumeState state;
            VolumeState expanding;
            lock (_gate)
            {
                state = RequireLocked(name);
                if (state.Mode == PoolMode.Enforced)
                {
                    size = Math.Max(size, Ext4Tools.MinimumSizeBytes);
                }
                if (size < state.SizeBytes)
                {
                    throw new PoolException($"volume {name} is {ByteSize.Format(state.SizeBytes)}; it cannot shrink to {ByteSize.Format(size)}");
                }
                if (state.Phase == VolumeStatePhase.Ready && size == state.SizeBytes)
                {
                    return new ExpandResult(ExpandKind.Unchanged, ToVolume(state), _onlineRefusal);
                }
                if (state.Phase is not (VolumeStatePhase.Ready or VolumeStatePhase.Expanding))
                {
                    throw new PoolException($"volume {name} cannot be expanded while {state.Phase.ToString().ToLowerInvariant()}");
                }
                // An expansion still pending keeps its (larger) target: a volume never shrinks.
                var target = Math.Max(size, state.TargetSizeBytes ?? 0);
                expanding = state with
                {
                    Phase = VolumeStatePhase.Expanding,
                    TargetSizeBytes = target,
                    TargetImageBytes = state.Mode == PoolMode.Enforced
                        ? Math.Max(state.TargetImageBytes ?? 0, Ext4Tools.GrownImageBytes(state.ImageBytes, state.SizeBytes, target))
                        : null,
                };
                EnsureFits(expanding.ProvisionedBytes - state.ProvisionedBytes,
                    $"cannot grow volume {name} from {ByteSize.Format(state.SizeBytes)} to {ByteSize.Format(target, roundUp: true)}", expanding);
                _volumes[name] = expanding;
            }
            try
            {
                await VolumeStateFile.WriteAsync(paths.Directory, expanding, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                SetState(state);
                throw;
            }

            var (kind, after, refusal) = await _disk.GrowAsync(paths, expanding, OnlineExpansionRefusal, cancellationToken).ConfigureAwait(false);
            SetState(after);
            ClearProblem(name);
            NoteOnlineRefusal(refusal);
            if (kind is ExpandKind.Online or ExpandKind.Offline or ExpandKind.Recorded)
            {
                PoolLog.Expanded(_logger, name, after.SizeBytes, kind);
            }
            return new ExpandResult(kind, ToVolume(after), refusal);
        }
        finally
        {
            volumeLock.Release();
        }
    }

    /// <summary>
    /// Deletes every volume on disk (for tests, and for removing a pool), then the pool's
    /// <c>volumes</c> directory, and the pool directory itself if nothing else is in it.
    /// </summary>
    public async Task TearDownAllAsync(CancellationToken cancellationToken)
    {
        if (System.IO.Directory.Exists(_volumesDirectory))
        {
            foreach (var entry in System.IO.Directory.EnumerateDirectories(_volumesDirectory).Select(Path.GetFileName).ToList())
            {
                if (entry is not null && IsValidName(entry))
                {
                    await DeleteAsync(entry, cancellationToken).ConfigureAwait(false);
                }
            }
            System.IO.Directory.Delete(_volumesDirectory, recursive: false);
        }
        var templates = Path.Combine(Directory, TemplateDirectory);
        if (System.IO.Directory.Exists(templates) && !System.IO.Directory.EnumerateFileSystemEntries(templates).Any())
        {
            System.IO.Directory.Delete(templates);
        }
        if (System.IO.Directory.Exists(Directory) && !System.IO.Directory.EnumerateFileSystemEntries(Directory).Any())
        {
            System.IO.Directory.Delete(Directory);
        }
    }

    /// <summary>Releases the pool's in-memory resources. Volumes stay attached and mounted.</summary>
    public ValueTask DisposeAsync()
    {
        foreach (var semaphore in _locks.Values)
        {
            semaphore.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Capacity × ratio, in whole bytes.</summary>
    internal static long Limit(long capacityBytes, decimal overcommitRatio) =>
        (long)Math.Min(long.MaxValue, decimal.Floor(capacityBytes * overcommitRatio));

    private async Task<PoolVolume> EnsureUpAsync(VolumePaths paths, VolumeState state, CancellationToken cancellationToken)
    {
        if (state.Phase is VolumeStatePhase.Ready or VolumeStatePhase.Expanding)
        {
            CheckModeUsable(state);
            state = await _disk.BringUpAsync(paths, state, cancellationToken).ConfigureAwait(false);
            SetState(state);
            ClearProblem(state.Name);
        }
        return ToVolume(state);
    }

    private async Task RollBackAsync(VolumePaths paths, string name, Exception cause)
    {
        try
        {
            await _disk.RemoveAsync(paths, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PoolException or CommandFailedException or IOException or UnauthorizedAccessException)
        {
            PoolLog.RollbackFailed(_logger, name, new AggregateException(cause, e));
        }
        lock (_gate)
        {
            _volumes.Remove(name);
        }
    }

    // Under _gate. The one place that refuses for capacity, so every refusal reads the same.
    private void EnsureFits(long additionalBytes, string what, VolumeState wanted)
    {
        var limit = Limit(CapacityBytes, OvercommitRatio);
        var provisioned = ProvisionedBytes();
        if (additionalBytes <= 0 || provisioned + additionalBytes <= limit)
        {
            return;
        }
        var overhead = wanted.Mode == PoolMode.Enforced
            ? $"{ByteSize.Format(wanted.ProvisionedBytes, roundUp: true)} with ext4's metadata; "
            : "";
        throw new PoolFullException(
            $"pool \"{Directory}\" has {ByteSize.Format(Math.Max(0, limit - provisioned))} free of {ByteSize.Format(limit)}; " +
            $"{what} ({overhead}overcommit ratio {OvercommitRatio.ToString("0.##########", CultureInfo.InvariantCulture)})");
    }

    private long ProvisionedBytes() => _volumes.Values.Sum(v => v.ProvisionedBytes);

    private VolumeState Require(string name)
    {
        ValidateName(name);
        lock (_gate)
        {
            return RequireLocked(name);
        }
    }

    private VolumeState RequireLocked(string name)
    {
        if (_volumes.TryGetValue(name, out var state) && state.Phase is not (VolumeStatePhase.Creating or VolumeStatePhase.Deleting))
        {
            return state;
        }
        throw new PoolException(_problems.TryGetValue(name, out var problem)
            ? $"volume {name} cannot be used: {problem}"
            : $"pool \"{Directory}\" has no volume {name}");
    }

    private void SetState(VolumeState state)
    {
        lock (_gate)
        {
            _volumes[state.Name] = state;
        }
    }

    private void ClearProblem(string name)
    {
        lock (_gate)
        {
            _problems.Remove(name);
        }
    }

    private void NoteOnlineRefusal(string? refusal)
    {
        if (refusal is null)
        {
            return;
        }
        lock (_gate)
        {
            if (_onlineRefusal is not null)
            {
                return;
            }
            _onlineRefusal = refusal;
        }
        PoolLog.OnlineGrowthRefused(_logger, Directory, refusal);
    }

    private PoolVolume ToVolume(VolumeState state)
    {
        lock (_gate)
        {
            return new(state.Name, PathsOf(state.Name).Mount, state.SizeBytes, state.Mode, state.LoopDevice, _problems.GetValueOrDefault(state.Name));
        }
    }

    private VolumePaths PathsOf(string name) => VolumePaths.For(_volumesDirectory, name);

    private async Task<SemaphoreSlim> LockAsync(string name, CancellationToken cancellationToken)
    {
        var semaphore = _locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        return semaphore;
    }

    private static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValidName(name))
        {
            throw new ArgumentException($"\"{name}\" is not a volume name: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters", nameof(name));
        }
    }

    private static bool IsValidName(string? name) => name is { Length: > 0 and <= 253 } && VolumeName().IsMatch(name);

    // A DNS subdomain, as PV names are: never "..", never a path separator.
    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
    private static partial Regex VolumeName();
}
