using Microsoft.Extensions.Logging;
using Stowage.Api.Core;
using Stowage.Runtime.Client;
using Stowage.Runtime.Controllers;
using Stowage.Runtime.Informers;
using Stowage.Runtime.Queues;

namespace Stowage.Controllers.Protection;

/// <summary>
/// kubernetes.io/pvc-protection (Kubernetes' pvc-protection controller): a claim being deleted keeps
/// the finalizer while a scheduled pod in its namespace uses it; claims lacking it get it. "In use"
/// is decided by <see cref="IClaimUsage"/> (pods arrive with the node agent), and an unused claim
/// is released at once.
/// </summary>
public sealed class PvcProtectionController
{
    private readonly ApiClient _client;
    private readonly Informer<PersistentVolumeClaim> _claims;
    private readonly IClaimUsage _usage;
    private readonly WorkQueue<string> _queue;
    private readonly ControllerRunner _runner;

    /// <summary>Creates the controller over a shared claim informer.</summary>
    public PvcProtectionController(ApiClient client, Informer<PersistentVolumeClaim> claims, IClaimUsage usage, IReadOnlyList<IInformer> usageInformers, TimeProvider clock, ILogger logger)
    {
        _client = client;
        _claims = claims;
        _usage = usage;
        _queue = new WorkQueue<string>(clock);
        claims.OnAdd(c => _queue.Add(Informer<PersistentVolumeClaim>.KeyOf(c)));
        claims.OnUpdate((_, c) => _queue.Add(Informer<PersistentVolumeClaim>.KeyOf(c)));
        usage.ClaimMayBeFree += key => _queue.Add(key);
        _runner = new ControllerRunner("pvc-protection", [claims, .. usageInformers], _queue, ReconcileAsync, 2, logger);
    }

    /// <summary>Runs until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => _runner.RunAsync(cancellationToken);

    private async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var claim = _claims.Get(key);
        if (claim is null)
        {
            return ReconcileResult.Done;
        }
        var finalizers = claim.Metadata.Finalizers ?? [];
        var has = finalizers.Contains(Finalizers.PvcProtection);
        if (claim.Metadata.DeletionTimestamp is null)
        {
            if (!has)
            {
                _claims.Remember(await _client.UpdateAsync(ResourceTypes.PersistentVolumeClaims,
                    claim with { Metadata = claim.Metadata with { Finalizers = [.. finalizers, Finalizers.PvcProtection] } }, cancellationToken).ConfigureAwait(false));
            }
            return ReconcileResult.Done;
        }
        if (has && !await _usage.IsInUseAsync(claim.Metadata.Namespace!, claim.Metadata.Name!, cancellationToken).ConfigureAwait(false))
        {
            await _client.UpdateAsync(ResourceTypes.PersistentVolumeClaims,
                claim with { Metadata = claim.Metadata with { Finalizers = finalizers.Where(f => f != Finalizers.PvcProtection).ToList() } }, cancellationToken).ConfigureAwait(false);
        }
        return ReconcileResult.Done;
    }
}
