namespace Stowage.Controllers.Pool;

/// <summary>A volume in the pool.</summary>
/// <param name="Name">The volume's name, <c>pvc-&lt;claim uid&gt;</c> for provisioned volumes.</param>
/// <param name="Path">The directory a PV's <c>local.path</c> or <c>hostPath.path</c> points at: the
/// mounted filesystem (enforced) or a plain directory (unenforced).</param>
/// <param name="SizeBytes">The size the volume was provisioned or expanded to, a whole number of MiB.
/// For an enforced volume it is its filesystem's size as <c>df</c> shows it (where ext4's layout has
/// no filesystem of exactly that size, the next one up: a few blocks more).</param>
/// <param name="Mode">Whether the size is enforced.</param>
/// <param name="LoopDevice">The loop device holding the filesystem (enforced volumes), e.g. <c>/dev/loop3</c>.</param>
/// <param name="Problem">Why the volume cannot be used right now (for example its filesystem
/// could not be mounted when the pool opened), or null when it is usable.</param>
public sealed record PoolVolume(string Name, string Path, long SizeBytes, PoolMode Mode, string? LoopDevice, string? Problem = null);
