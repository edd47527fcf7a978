using Stowage.Controllers.Pool;

namespace Stowage.Controllers.Provisioning;

/// <summary>The node's <see cref="StoragePool"/> as the provisioning controllers see it.</summary>
public sealed class NodePool : IVolumePool
{
    private readonly StoragePool _pool;

    /// <summary>Wraps an open pool.</summary>
    public NodePool(StoragePool pool) => _pool = pool;

    /// <inheritdoc/>
    public string Directory => _pool.Directory;

    /// <inheritdoc/>
    public bool SizesEnforced => _pool.Mode == PoolMode.Enforced;

    /// <inheritdoc/>
    public string? NotEnforcedReason => SizesEnforced ? null : _pool.ModeReason;

    /// <inheritdoc/>
    public long CapacityBytes => _pool.Capacity.LimitBytes;

    /// <inheritdoc/>
    public long ProvisionedBytes => _pool.Capacity.ProvisionedBytes;

    /// <inheritdoc/>
    public async Task<PooledVolume> CreateAsync(string name, long sizeBytes, CancellationToken cancellationToken)
    {
        var volume = await _pool.CreateAsync(name, sizeBytes, cancellationToken).ConfigureAwait(false);
        return new PooledVolume(volume.Name, volume.Path, volume.SizeBytes);
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string name, CancellationToken cancellationToken) => _pool.DeleteAsync(name, cancellationToken);

    /// <inheritdoc/>
    public Task ScrubAsync(string name, CancellationToken cancellationToken) => _pool.ScrubAsync(name, cancellationToken);

    /// <inheritdoc/>
    public async Task<ExpandKind> ExpandAsync(string name, long newSizeBytes, CancellationToken cancellationToken) =>
        (await _pool.ExpandAsync(name, newSizeBytes, cancellationToken).ConfigureAwait(false)).Kind;

    /// <inheritdoc/>
    public async Task<VolumeStats?> StatsAsync(string name, CancellationToken cancellationToken)
    {
        if (_pool.Get(name) is null)
        {
            return null;
        }
        var usage = await _pool.UsageAsync(name, cancellationToken).ConfigureAwait(false);
        return new VolumeStats(usage.CapacityBytes, usage.UsedBytes, usage.AvailableBytes);
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> VolumeNames() => _pool.ListVolumeNames();
}
