using Stowage.Api.Core;
using Stowage.Node.Volumes;
using Stowage.Runtime.Client;

namespace Stowage.Node.Agent;

/// <summary>The objects volumes and environments are made from, read from the API server.</summary>
/// <param name="client">The agent's API client.</param>
public sealed class ApiObjectSource(ApiClient client) : IVolumeObjectSource
{
    /// <inheritdoc/>
    public Task<ConfigMap?> GetConfigMapAsync(string ns, string name, CancellationToken cancellationToken) =>
        client.GetAsync(ResourceTypes.ConfigMaps, ns, name, cancellationToken);

    /// <inheritdoc/>
    public Task<Secret?> GetSecretAsync(string ns, string name, CancellationToken cancellationToken) =>
        client.GetAsync(ResourceTypes.Secrets, ns, name, cancellationToken);

    /// <inheritdoc/>
    public Task<PersistentVolumeClaim?> GetClaimAsync(string ns, string name, CancellationToken cancellationToken) =>
        client.GetAsync(ResourceTypes.PersistentVolumeClaims, ns, name, cancellationToken);

    /// <inheritdoc/>
    public Task<PersistentVolume?> GetVolumeAsync(string name, CancellationToken cancellationToken) =>
        client.GetAsync(ResourceTypes.PersistentVolumes, null, name, cancellationToken);

    /// <inheritdoc/>
    public Task<Endpoints?> GetEndpointsAsync(string ns, string name, CancellationToken cancellationToken) =>
        client.GetAsync(ResourceTypes.Endpoints, ns, name, cancellationToken);
}
