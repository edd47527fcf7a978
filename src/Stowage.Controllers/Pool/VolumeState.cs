namespace Stowage.Controllers.Pool;

/// <summary>
/// What the pool records about a volume in <c>volumes/&lt;name&gt;/state.json</c>. The kernel's own state
/// (loop devices, mounts) is always re-read rather than trusted from here; <see cref="LoopDevice"/>
/// is informational.
/// </summary>
internal sealed record VolumeState
{
    /// <summary>The volume's name (also its directory's name).</summary>
    public required string Name { get; init; }

    /// <summary>Whether the volume is an image on a loop device or a plain directory.</summary>
    public required PoolMode Mode { get; init; }

    /// <summary>Where the volume is in its life.</summary>
    public required VolumeStatePhase Phase { get; init; }

    /// <summary>The requested size, a whole number of MiB.</summary>
    public required long SizeBytes { get; init; }

    /// <summary>The image file's size (0 for unenforced volumes).</summary>
    public long ImageBytes { get; init; }

    /// <summary>The size being expanded to, while <see cref="Phase"/> is <see cref="VolumeStatePhase.Expanding"/>.</summary>
    public long? TargetSizeBytes { get; init; }

    /// <summary>The image size being expanded to, while <see cref="Phase"/> is <see cref="VolumeStatePhase.Expanding"/>.</summary>
    public long? TargetImageBytes { get; init; }

    /// <summary>The loop device last seen holding the image.</summary>
    public string? LoopDevice { get; init; }

    /// <summary>Bytes this volume counts against the pool (the larger of the current and target sizes).</summary>
    public long ProvisionedBytes => Mode == PoolMode.Enforced
        ? Math.Max(ImageBytes, TargetImageBytes ?? 0)
        : Math.Max(SizeBytes, TargetSizeBytes ?? 0);
}
