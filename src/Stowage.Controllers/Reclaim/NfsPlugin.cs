using Stowage.Api.Core;

namespace Stowage.Controllers.Reclaim;

/// <summary>
/// NFS volumes. Kubernetes recycles NFS by mounting the export in a recycler pod; this node's kernel
/// may have no NFS client, in which case recycling fails with a message that says so (the volume goes
/// Failed, never silently Available with old data). NFS has no deleter, as in Kubernetes.
/// </summary>
public sealed class NfsPlugin : IVolumePlugin
{
    /// <inheritdoc/>
    public string Name => "kubernetes.io/nfs";

    /// <inheritdoc/>
    public bool CanRecycle => true;

    /// <inheritdoc/>
    public bool CanDelete => false;

    /// <inheritdoc/>
    public bool Supports(PersistentVolume volume) => volume.Spec?.Nfs is not null;

    /// <inheritdoc/>
    public Task RecycleAsync(PersistentVolume volume, CancellationToken cancellationToken)
    {
        var nfs = volume.Spec!.Nfs!;
        var kernelHasNfs = File.Exists("/proc/filesystems") && File.ReadAllText("/proc/filesystems").Contains("\tnfs", StringComparison.Ordinal);
        throw new VolumePluginException(kernelHasNfs
            ? $"recycling NFS export {nfs.Server}:{nfs.Path} needs the node agent, which this server does not run yet"
            : $"cannot mount NFS export {nfs.Server}:{nfs.Path} on this node: the kernel has no NFS client");
    }

    /// <inheritdoc/>
    public Task DeleteAsync(PersistentVolume volume, CancellationToken cancellationToken) =>
        throw new VolumePluginException("NFS volumes cannot be deleted by a plugin");
}
