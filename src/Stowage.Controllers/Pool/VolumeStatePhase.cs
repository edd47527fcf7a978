namespace Stowage.Controllers.Pool;

/// <summary>Where a volume is in its life, as recorded in its state file (see <see cref="StoragePool"/>).</summary>
internal enum VolumeStatePhase
{
    /// <summary>Being created; never handed to a caller. Opening the pool removes it.</summary>
    Creating,

    /// <summary>Created: attached and mounted whenever the pool is open.</summary>
    Ready,

    /// <summary>Growing to the target size; opening the pool finishes the growth.</summary>
    Expanding,

    /// <summary>Being emptied by a new filesystem; opening the pool finishes the scrub.</summary>
    Scrubbing,

    /// <summary>Being deleted; opening the pool finishes the deletion.</summary>
    Deleting,
}
