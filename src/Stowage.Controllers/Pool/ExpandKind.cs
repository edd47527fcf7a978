namespace Stowage.Controllers.Pool;

/// <summary>What <see cref="StoragePool.ExpandAsync"/> did.</summary>
public enum ExpandKind
{
    /// <summary>The volume is already at least the requested size; nothing changed.</summary>
    Unchanged,

    /// <summary>The filesystem grew while mounted.</summary>
    Online,

    /// <summary>The filesystem was unmounted, checked, grown and mounted again at the same path.</summary>
    Offline,

    /// <summary>
    /// The image grew but the filesystem could only grow offline and the volume is in use (mounted
    /// into a pod): it grows when the volume is no longer in use — on the next call to
    /// <see cref="StoragePool.ExpandAsync"/> or when the pool next opens. Kubernetes' equivalent is
    /// the claim condition <c>FileSystemResizePending</c>.
    /// </summary>
    WaitingForUnmount,

    /// <summary>An unenforced volume: the new size is recorded (and counted) but there is nothing to grow.</summary>
    Recorded,
}
