namespace Stowage.Controllers.Pool;

/// <summary>
/// A volume's usage, in the terms of kubelet's volume stats: capacity = blocks × fragment size,
/// used = (blocks − free) × fragment size, available = blocks available to unprivileged users ×
/// fragment size — exactly what <c>df</c> prints for the volume.
/// </summary>
/// <param name="CapacityBytes">The filesystem's size.</param>
/// <param name="UsedBytes">Bytes in use.</param>
/// <param name="AvailableBytes">Bytes a writer can still use.</param>
/// <param name="Inodes">Total inodes (null for unenforced volumes).</param>
/// <param name="InodesUsed">Inodes in use (null for unenforced volumes).</param>
/// <param name="InodesFree">Free inodes (null for unenforced volumes).</param>
/// <param name="Exact">True when read from the volume's own filesystem (statvfs); false for an
/// unenforced volume, whose usage is summed from its files' lengths and whose capacity is the
/// recorded size.</param>
public sealed record VolumeUsage(long CapacityBytes, long UsedBytes, long AvailableBytes, long? Inodes, long? InodesUsed, long? InodesFree, bool Exact);
