using Stowage.Api.Core;
using Stowage.Runtime.Client;
using Stowage.Runtime.Informers;

namespace Stowage.Controllers.Protection;

/// <summary>
/// Kubernetes' rule for a claim in use: a pod in the claim's namespace, scheduled to a node
/// (spec.nodeName set), whose volumes name the claim — whatever the pod's phase. The pod informer is
/// consulted first; before a claim is declared free, a live list confirms it (as Kubernetes does), so
/// a cache that lags never releases a claim a pod still holds.
/// </summary>
public sealed class PodClaimUsage : IClaimUsage
{
    private readonly ApiClient _client;
    private readonly Informer<Pod> _pods;

    /// <summary>Creates the usage view over a pod informer.</summary>
    public PodClaimUsage(ApiClient client, Informer<Pod> pods)
    {
        _client = client;
        _pods = pods;
        pods.OnUpdate((old, now) =>
        {
            foreach (var claim in ClaimsOf(old).Except(Scheduled(now) ? ClaimsOf(now) : []))
            {
                ClaimMayBeFree?.Invoke(old.Metadata.Namespace + "/" + claim);
            }
        });
        pods.OnDelete(pod =>
        {
            foreach (var claim in ClaimsOf(pod))
            {
                ClaimMayBeFree?.Invoke(pod.Metadata.Namespace + "/" + claim);
            }
        });
    }

    /// <inheritdoc/>
    public event Action<string>? ClaimMayBeFree;

    /// <summary>The claims a pod's volumes name.</summary>
    public static IEnumerable<string> ClaimsOf(Pod pod) =>
        pod.Spec?.Volumes?.Select(v => v.PersistentVolumeClaim?.ClaimName).OfType<string>().Where(c => c.Length > 0) ?? [];

    /// <summary>True when the pod has been scheduled to a node.</summary>
    public static bool Scheduled(Pod pod) => !string.IsNullOrEmpty(pod.Spec?.NodeName);

    /// <inheritdoc/>
    public async Task<bool> IsInUseAsync(string ns, string claim, CancellationToken cancellationToken)
    {
        if (_pods.List().Any(p => p.Metadata.Namespace == ns && Scheduled(p) && ClaimsOf(p).Contains(claim)))
        {
            return true;
        }
        var live = await _client.ListAsync(ResourceTypes.Pods, ns, cancellationToken).ConfigureAwait(false);
        return live.Items.Any(p => Scheduled(p) && ClaimsOf(p).Contains(claim));
    }
}
