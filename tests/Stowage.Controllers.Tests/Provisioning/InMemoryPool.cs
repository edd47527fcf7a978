using System.Collections.Concurrent;
using Stowage.Controllers.Pool;
using Stowage.Controllers.Provisioning;

namespace Stowage.Controllers.Tests.Provisioning;

/// <summary>An in-memory pool with a capacity, for testing the provisioning controllers without the kernel.</summary>
public sealed class InMemoryPool : IVolumePool
{
    private readonly ConcurrentDictionary<string, long> _volumes = new();
    private readonly ConcurrentDictionary<string, bool> _inUse = new();

    public InMemoryPool(long capacity) => CapacityBytes = capacity;

    public string Directory => "/pool";

    public bool SizesEnforced => true;

    public string? NotEnforcedReason => null;

    public long CapacityBytes { get; }

    public long ProvisionedBytes => _volumes.Values.Sum();

    public IReadOnlyDictionary<string, long> Volumes => _volumes;

    public void Add(string name, long size) => _volumes[name] = size;

    /// <summary>Marks a volume as used by a pod: its filesystem cannot grow until <see cref="Release"/> (as offline-only growth).</summary>
    public void Hold(string name) => _inUse[name] = true;

    /// <summary>Ends <see cref="Hold"/>.</summary>
    public void Release(string name) => _inUse.TryRemove(name, out _);

    /// <summary>How many times a held volume was asked to grow.</summary>
    public int RefusedWhileHeld { get; private set; }

    public Task<PooledVolume> CreateAsync(string name, long sizeBytes, CancellationToken cancellationToken)
    {
        lock (_volumes)
        {
            if (!_volumes.ContainsKey(name) && ProvisionedBytes + sizeBytes > CapacityBytes)
            {
                throw new PoolFullException($"pool \"/pool\" has {CapacityBytes - ProvisionedBytes} bytes free of {CapacityBytes}; cannot provision {sizeBytes}");
            }
            _volumes.TryAdd(name, sizeBytes);
        }
        return Task.FromResult(new PooledVolume(name, "/pool/" + name, _volumes[name]));
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        _volumes.TryRemove(name, out _);
        return Task.CompletedTask;
    }

    public Task ScrubAsync(string name, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<ExpandKind> ExpandAsync(string name, long newSizeBytes, CancellationToken cancellationToken)
    {
        if (_inUse.ContainsKey(name))
        {
            RefusedWhileHeld++;
            return Task.FromResult(ExpandKind.WaitingForUnmount);
        }
        _volumes[name] = Math.Max(_volumes[name], newSizeBytes);
        return Task.FromResult(ExpandKind.Offline);
    }

    public Task<VolumeStats?> StatsAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_volumes.TryGetValue(name, out var size) ? new VolumeStats(size, 0, size) : null);

    public IReadOnlyList<string> VolumeNames() => _volumes.Keys.ToList();
}
