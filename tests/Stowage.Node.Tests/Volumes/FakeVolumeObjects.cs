using System.Collections.Concurrent;
using Stowage.Api.Core;
using Stowage.Node.Volumes;

namespace Stowage.Node.Tests.Volumes;

/// <summary>An in-memory <see cref="IVolumeObjectSource"/>: objects keyed by namespace/name.</summary>
internal sealed class FakeVolumeObjects : IVolumeObjectSource
{
    public ConcurrentDictionary<string, ConfigMap> ConfigMaps { get; } = new();
    public ConcurrentDictionary<string, Secret> Secrets { get; } = new();
    public ConcurrentDictionary<string, PersistentVolumeClaim> Claims { get; } = new();
    public ConcurrentDictionary<string, PersistentVolume> Volumes { get; } = new();
    public ConcurrentDictionary<string, Endpoints> Endpoints { get; } = new();

    public Task<ConfigMap?> GetConfigMapAsync(string ns, string name, CancellationToken cancellationToken) =>
        Task.FromResult(ConfigMaps.GetValueOrDefault($"{ns}/{name}"));

    public Task<Secret?> GetSecretAsync(string ns, string name, CancellationToken cancellationToken) =>
        Task.FromResult(Secrets.GetValueOrDefault($"{ns}/{name}"));

    public Task<PersistentVolumeClaim?> GetClaimAsync(string ns, string name, CancellationToken cancellationToken) =>
        Task.FromResult(Claims.GetValueOrDefault($"{ns}/{name}"));

    public Task<PersistentVolume?> GetVolumeAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(Volumes.GetValueOrDefault(name));

    public Task<Endpoints?> GetEndpointsAsync(string ns, string name, CancellationToken cancellationToken) =>
        Task.FromResult(Endpoints.GetValueOrDefault($"{ns}/{name}"));
}
