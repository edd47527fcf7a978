using Stowage.Api.Core;
using Stowage.Controllers.Reclaim;
using Stowage.Controllers.VolumeBinding;

namespace Stowage.Controllers.Provisioning;

/// <summary>Recycle and Delete of the local provisioner's volumes, through the pool.</summary>
public sealed class LocalPoolPlugin : IVolumePlugin
{
    private readonly IVolumePool _pool;

    /// <summary>Creates the plugin over the node's pool.</summary>
    public LocalPoolPlugin(IVolumePool pool) => _pool = pool;

    /// <inheritdoc/>
    public string Name => Provisioners.Local;

    /// <inheritdoc/>
    public bool CanRecycle => true;

    /// <inheritdoc/>
    public bool CanDelete => true;

    /// <inheritdoc/>
    public bool Supports(PersistentVolume volume) =>
        volume.Metadata.Annotations?.GetValueOrDefault(BinderAnnotations.ProvisionedBy) == Provisioners.Local;

    /// <inheritdoc/>
    public Task RecycleAsync(PersistentVolume volume, CancellationToken cancellationToken) =>
        _pool.ScrubAsync(volume.Metadata.Name!, cancellationToken);

    /// <inheritdoc/>
    public Task DeleteAsync(PersistentVolume volume, CancellationToken cancellationToken) =>
        _pool.DeleteAsync(volume.Metadata.Name!, cancellationToken);
}
