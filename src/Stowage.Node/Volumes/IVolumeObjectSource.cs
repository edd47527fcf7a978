using Stowage.Api.Core;

namespace Stowage.Node.Volumes;

/// <summary>
/// The API objects volumes are made from, as the agent reads them (the agent backs this with the
/// API server; tests with fakes). Null = not found.
/// </summary>
public interface IVolumeObjectSource
{
    /// <summary>A ConfigMap.</summary>
    Task<ConfigMap?> GetConfigMapAsync(string ns, string name, CancellationToken cancellationToken);

    /// <summary>A Secret.</summary>
    Task<Secret?> GetSecretAsync(string ns, string name, CancellationToken cancellationToken);

    /// <summary>A PersistentVolumeClaim.</summary>
    Task<PersistentVolumeClaim?> GetClaimAsync(string ns, string name, CancellationToken cancellationToken);

    /// <summary>A PersistentVolume.</summary>
    Task<PersistentVolume?> GetVolumeAsync(string name, CancellationToken cancellationToken);

    /// <summary>An Endpoints object (glusterfs' servers).</summary>
    Task<Endpoints?> GetEndpointsAsync(string ns, string name, CancellationToken cancellationToken);
}
