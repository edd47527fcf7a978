namespace Stowage.Controllers.Pool;

/// <summary>
/// The pool's accounting. Provisioned bytes are what the volumes may come to occupy on the pool's
/// disk: image sizes (the requested size plus ext4's metadata) for enforced volumes, requested
/// sizes for unenforced ones.
/// </summary>
/// <param name="CapacityBytes">The pool's cap.</param>
/// <param name="OvercommitRatio">How far provisioning may exceed the cap.</param>
/// <param name="ProvisionedBytes">The sum over volumes (including expansions in progress).</param>
/// <param name="FreeBytes">What can still be provisioned: capacity × ratio − provisioned, at least 0.</param>
public sealed record PoolCapacity(long CapacityBytes, decimal OvercommitRatio, long ProvisionedBytes, long FreeBytes)
{
    /// <summary>Capacity × overcommit ratio: the most that may be provisioned.</summary>
    public long LimitBytes => StoragePool.Limit(CapacityBytes, OvercommitRatio);
}
