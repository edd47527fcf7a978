namespace Stowage.Controllers.Protection;

/// <summary>Claim usage on a cluster that runs no pods: nothing is ever in use.</summary>
public sealed class NoPods : IClaimUsage
{
    /// <inheritdoc/>
    public event Action<string>? ClaimMayBeFree { add { } remove { } }

    /// <inheritdoc/>
    public Task<bool> IsInUseAsync(string ns, string claim, CancellationToken cancellationToken) => Task.FromResult(false);
}
