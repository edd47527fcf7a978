namespace Stowage.Controllers.Protection;

/// <summary>Whether a claim is in use by a pod (Kubernetes' rule: a pod in the claim's namespace, scheduled to a node, naming the claim).</summary>
public interface IClaimUsage
{
    /// <summary>Raised with a claim key (namespace/name) when a pod that used it went away or stopped using it.</summary>
    event Action<string>? ClaimMayBeFree;

    /// <summary>True while a scheduled pod uses the claim.</summary>
    Task<bool> IsInUseAsync(string ns, string claim, CancellationToken cancellationToken);
}
