using Stowage.Controllers.Pool;

namespace Stowage.Controllers.Provisioning;

/// <summary>A volume in a node's storage pool.</summary>
/// <param name="Name">The volume name (pvc-&lt;claim uid&gt;).</param>
/// <param name="Path">Where its filesystem is mounted on the node.</param>
/// <param name="SizeBytes">Its size.</param>
public sealed record PooledVolume(string Name, string Path, long SizeBytes);

/// <summary>Bytes of a volume: capacity, used and available, from statfs of its filesystem.</summary>
/// <param name="CapacityBytes">Filesystem size.</param>
/// <param name="UsedBytes">Used.</param>
/// <param name="AvailableBytes">Available to unprivileged writers.</param>
public sealed record VolumeStats(long CapacityBytes, long UsedBytes, long AvailableBytes);

/// <summary>
/// What the local provisioner needs of a node's storage pool. Every operation is idempotent and keyed
/// by the volume name, so a controller killed at any point resumes by calling it again.
/// </summary>
public interface IVolumePool
{
    /// <summary>The pool's directory.</summary>
    string Directory { get; }

    /// <summary>True when every volume is its own size-limited filesystem.</summary>
    bool SizesEnforced { get; }

    /// <summary>Why sizes are not enforced (null when they are).</summary>
    string? NotEnforcedReason { get; }

    /// <summary>Total bytes the pool may provision (capacity × overcommit).</summary>
    long CapacityBytes { get; }

    /// <summary>Bytes promised to existing volumes.</summary>
    long ProvisionedBytes { get; }

    /// <summary>Creates (or finds) a volume; <see cref="PoolFullException"/> when it does not fit.</summary>
    Task<PooledVolume> CreateAsync(string name, long sizeBytes, CancellationToken cancellationToken);

    /// <summary>Removes a volume and its storage (no-op if absent).</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken);

    /// <summary>Empties a volume, keeping it.</summary>
    Task ScrubAsync(string name, CancellationToken cancellationToken);

    /// <summary>Grows a volume (never shrinks).</summary>
    Task<ExpandKind> ExpandAsync(string name, long newSizeBytes, CancellationToken cancellationToken);

    /// <summary>Usage of a volume's filesystem, or null when it does not exist.</summary>
    Task<VolumeStats?> StatsAsync(string name, CancellationToken cancellationToken);

    /// <summary>Names of every volume on disk (for orphan detection).</summary>
    IReadOnlyList<string> VolumeNames();
}
