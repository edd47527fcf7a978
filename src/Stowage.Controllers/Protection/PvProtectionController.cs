using Microsoft.Extensions.Logging;
using Stowage.Api.Core;
using Stowage.Runtime.Client;
using Stowage.Runtime.Controllers;
using Stowage.Runtime.Informers;
using Stowage.Runtime.Queues;

namespace Stowage.Controllers.Protection;

/// <summary>
/// kubernetes.io/pv-protection (Kubernetes' pv-protection controller): a volume being deleted keeps
/// the finalizer exactly while it is Bound; volumes lacking the finalizer get it.
/// </summary>
public sealed class PvProtectionController
{
    private readonly ApiClient _client;
    private readonly Informer<PersistentVolume> _volumes;
    private readonly WorkQueue<string> _queue;
    private readonly ControllerRunner _runner;

    /// <summary>Creates the controller over a shared volume informer.</summary>
    public PvProtectionController(ApiClient client, Informer<PersistentVolume> volumes, TimeProvider clock, ILogger logger)
    {
        _client = client;
        _volumes = volumes;
        _queue = new WorkQueue<string>(clock);
        volumes.OnAdd(pv => _queue.Add(pv.Metadata.Name!));
        volumes.OnUpdate((_, pv) => _queue.Add(pv.Metadata.Name!));
        _runner = new ControllerRunner("pv-protection", [volumes], _queue, ReconcileAsync, 2, logger);
    }

    /// <summary>Runs until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => _runner.RunAsync(cancellationToken);

    private async Task<ReconcileResult> ReconcileAsync(string name, CancellationToken cancellationToken)
    {
        var pv = _volumes.Get(name);
        if (pv is null)
        {
            return ReconcileResult.Done;
        }
        var finalizers = pv.Metadata.Finalizers ?? [];
        var has = finalizers.Contains(Finalizers.PvProtection);
        if (pv.Metadata.DeletionTimestamp is null)
        {
            if (!has)
            {
                _volumes.Remember(await _client.UpdateAsync(ResourceTypes.PersistentVolumes,
                    pv with { Metadata = pv.Metadata with { Finalizers = [.. finalizers, Finalizers.PvProtection] } }, cancellationToken).ConfigureAwait(false));
            }
            return ReconcileResult.Done;
        }
        if (has && pv.Status?.Phase != "Bound")
        {
            await _client.UpdateAsync(ResourceTypes.PersistentVolumes,
                pv with { Metadata = pv.Metadata with { Finalizers = finalizers.Where(f => f != Finalizers.PvProtection).ToList() } }, cancellationToken).ConfigureAwait(false);
        }
        return ReconcileResult.Done;
    }
}
