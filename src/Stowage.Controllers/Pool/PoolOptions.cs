namespace Stowage.Controllers.Pool;

/// <summary>How to open a node's storage pool.</summary>
public sealed record PoolOptions
{
    /// <summary>
    /// The pool's directory (created if missing). Volumes live in <c>&lt;Directory&gt;/volumes/&lt;name&gt;</c>.
    /// </summary>
    public required string Directory { get; init; }

    /// <summary>
    /// The pool's cap (<c>--pool-size</c>). Null means the free space of the filesystem holding the
    /// directory when the pool opens, plus what the pool's images already occupy on it.
    /// </summary>
    public long? CapacityBytes { get; init; }

    /// <summary>
    /// How far provisioned sizes may exceed <see cref="CapacityBytes"/>: images are sparse, so a
    /// ratio above 1 overcommits the disk on the bet that volumes are not all full at once. 1
    /// means no overcommit: every volume can be filled without the pool's disk running out first.
    /// </summary>
    public decimal OvercommitRatio { get; init; } = 1m;

    /// <summary>Use plain directories even where loop devices and ext4 would work.</summary>
    public bool ForceUnenforced { get; init; }

    /// <summary>
    /// Called after each step of <see cref="StoragePool.CreateAsync"/>; throwing
    /// <see cref="SimulatedCrashException"/> from it stops creation as a crash would (no rollback).
    /// For crash tests only.
    /// </summary>
    internal Func<CreateStep, CancellationToken, Task>? AfterCreateStep { get; init; }

    /// <summary>How long an unmount refused as busy, or a device in use once unmounted, is tried again (see <see cref="Ext4Tools.DefaultBusyGrace"/>).</summary>
    internal TimeSpan? BusyGrace { get; init; }

    /// <summary>Called with the mount point or device each time it is found busy. For tests only.</summary>
    internal Func<string, CancellationToken, Task>? OnBusy { get; init; }
}
