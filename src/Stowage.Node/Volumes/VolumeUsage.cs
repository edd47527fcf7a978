namespace Stowage.Node.Volumes;

/// <summary>
/// A pod volume's usage, in kubelet's volume stats terms. For a volume that is its own filesystem
/// (tmpfs, a bind-mounted local PV, nfs, glusterfs) all figures come from statvfs, as <c>df</c>
/// shows them. For a plain directory (a disk emptyDir, gitRepo, configMap) the used bytes are the
/// sum of its files (as kubelet's du) and capacity and available are those of the filesystem it lives on.
/// </summary>
/// <param name="CapacityBytes">Size of the filesystem.</param>
/// <param name="UsedBytes">Bytes the volume uses.</param>
/// <param name="AvailableBytes">Bytes a writer can still use.</param>
/// <param name="Inodes">Total inodes of the filesystem.</param>
/// <param name="InodesUsed">Inodes the volume uses.</param>
/// <param name="InodesFree">Free inodes of the filesystem.</param>
public sealed record VolumeUsage(long CapacityBytes, long UsedBytes, long AvailableBytes, long Inodes, long InodesUsed, long InodesFree);
