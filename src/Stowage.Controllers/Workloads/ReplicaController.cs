using Microsoft.Extensions.Logging;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Selectors;
using Stowage.Runtime.Client;
using Stowage.Runtime.Controllers;
using Stowage.Runtime.Events;
using Stowage.Runtime.Informers;
using Stowage.Runtime.Queues;

namespace Stowage.Controllers.Workloads;

/// <summary>
/// The replica set controller (pkg/controller/replicaset), for apps/v1 ReplicaSets and core/v1
/// ReplicationControllers alike: keeps spec.replicas active pods that match the selector and are
/// owned by the set.
/// </summary>
/// <remarks>
/// <para>Each sync reads the set and every pod of its namespace from the informers, then:
/// claims pods (adopts matching orphans with a controller reference, releases owned pods that no
/// longer match), compares the active owned pods with spec.replicas, creates the missing ones from
/// the template (generateName "&lt;set&gt;-", batches of 1, 2, 4 … as Kubernetes' slow start, at most
/// 500 per sync) or deletes the surplus in <see cref="PodDeletionRanking"/> order, and finally
/// writes status (replicas, fullyLabeledReplicas, readyReplicas, availableReplicas,
/// observedGeneration, a ReplicaFailure condition while creating or deleting fails).</para>
/// <para>Pods created or deleted are recorded as <see cref="ControllerExpectations"/>: until the
/// informer has seen them all the set is not managed again (status is), so a burst of events never
/// creates twice. Pods that are Succeeded, Failed or being deleted do not count.</para>
/// </remarks>
/// <typeparam name="T">The set's record type.</typeparam>
public sealed class ReplicaController<T>
    where T : class, IApiObject<T>
{
    private const int BurstReplicas = 500;
    private readonly ApiClient _client;
    private readonly IReplicaKind<T> _kind;
    private readonly Informer<T> _sets;
    private readonly Informer<Pod> _pods;
    private readonly EventRecorder _recorder;
    private readonly TimeProvider _clock;
    private readonly WorkQueue<string> _queue;
    private readonly ControllerRunner _runner;
    private readonly ControllerExpectations _expectations;

    /// <summary>Creates the controller over shared informers of the sets and of pods.</summary>
    public ReplicaController(ApiClient client, IReplicaKind<T> kind, Informer<T> sets, Informer<Pod> pods, EventRecorder recorder, TimeProvider clock, ILogger logger, int workers = 4)
    {
        _client = client;
        _kind = kind;
        _sets = sets;
        _pods = pods;
        _recorder = recorder;
        _clock = clock;
        _queue = new WorkQueue<string>(clock);
        _expectations = new ControllerExpectations(clock);
        sets.OnAdd(s => _queue.Add(Informer<T>.KeyOf(s)));
        sets.OnUpdate((_, s) => _queue.Add(Informer<T>.KeyOf(s)));
        sets.OnDelete(s =>
        {
            _expectations.Delete(Informer<T>.KeyOf(s));
            _queue.Add(Informer<T>.KeyOf(s));
        });
        pods.OnAdd(PodAdded);
        pods.OnUpdate(PodUpdated);
        pods.OnDelete(PodDeleted);
        _runner = new ControllerRunner(kind.ControllerName, [sets, pods], _queue, SyncAsync, workers, logger);
    }

    /// <summary>Runs until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => _runner.RunAsync(cancellationToken);

    private async Task<ReconcileResult> SyncAsync(string key, CancellationToken cancellationToken)
    {
        var set = _sets.Get(key);
        if (set is null)
        {
            _expectations.Delete(key);
            return ReconcileResult.Done;
        }
        var needsSync = _expectations.Satisfied(key);
        var selector = _kind.Selector(set);
        var ns = set.Metadata.Namespace;
        var active = _pods.List().Where(p => p.Metadata.Namespace == ns && PodStates.IsActive(p)).ToList();
        var owned = await ClaimPodsAsync(set, selector, active, cancellationToken).ConfigureAwait(false);

        ReplicaFailure? failure = null;
        if (needsSync && set.Metadata.DeletionTimestamp is null)
        {
            try
            {
                await ManageReplicasAsync(key, set, owned, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiClientException e)
            {
                var diff = owned.Count - _kind.Replicas(set);
                failure = new ReplicaFailure(diff < 0 ? "FailedCreate" : "FailedDelete", e.Message);
                await UpdateStatusAsync(set, owned, failure, cancellationToken).ConfigureAwait(false);
                throw;
            }
        }
        var updated = await UpdateStatusAsync(set, owned, null, cancellationToken).ConfigureAwait(false);
        // Resync after minReadySeconds so that ready pods become available without another event.
        var minReady = _kind.MinReadySeconds(updated);
        var (counts, _) = _kind.Status(updated);
        if (minReady > 0 && counts.Ready == _kind.Replicas(updated) && counts.Available != _kind.Replicas(updated))
        {
            return new ReconcileResult(TimeSpan.FromSeconds(minReady));
        }
        return ReconcileResult.Done;
    }

    // ClaimPods (PodControllerRefManager): keep owned pods that match, release owned pods that do
    // not, adopt matching orphans unless the set is being deleted.
    private async Task<List<Pod>> ClaimPodsAsync(T set, Selector selector, List<Pod> pods, CancellationToken cancellationToken)
    {
        var uid = set.Metadata.Uid;
        var deleting = set.Metadata.DeletionTimestamp is not null;
        var claimed = new List<Pod>();
        foreach (var pod in pods)
        {
            var owner = OwnerReferences.ControllerOf(pod.Metadata);
            var matches = selector.Matches(pod.Metadata.Labels);
            if (owner is not null)
            {
                if (owner.Uid != uid)
                {
                    continue;
                }
                if (matches)
                {
                    claimed.Add(pod);
                }
                else if (!deleting)
                {
                    await ReleaseAsync(pod, uid!, cancellationToken).ConfigureAwait(false);
                }
                continue;
            }
            if (deleting || !matches || pod.Metadata.DeletionTimestamp is not null)
            {
                continue;
            }
            var adopted = await AdoptAsync(set, pod, cancellationToken).ConfigureAwait(false);
            if (adopted is not null)
            {
                claimed.Add(adopted);
            }
        }
        return claimed;
    }

    private async Task<Pod?> AdoptAsync(T set, Pod pod, CancellationToken cancellationToken)
    {
        // canAdopt: re-read the set, so a set deleted or replaced meanwhile adopts nothing.
        var fresh = await _client.GetAsync(_kind.Type, set.Metadata.Namespace, set.Metadata.Name!, cancellationToken).ConfigureAwait(false);
        if (fresh is null || fresh.Metadata.Uid != set.Metadata.Uid || fresh.Metadata.DeletionTimestamp is not null)
        {
            return null;
        }
        var refs = (pod.Metadata.OwnerReferences ?? []).Append(OwnerReferences.NewControllerRef(set, _kind.ApiVersion, _kind.Kind)).ToList();
        try
        {
            var adopted = await _client.UpdateAsync(ResourceTypes.Pods, pod with { Metadata = pod.Metadata with { OwnerReferences = refs } }, cancellationToken).ConfigureAwait(false);
            _pods.Remember(adopted);
            return adopted;
        }
        catch (ApiClientException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private async Task ReleaseAsync(Pod pod, string uid, CancellationToken cancellationToken)
    {
        var refs = (pod.Metadata.OwnerReferences ?? []).Where(r => r.Uid != uid).ToList();
        try
        {
            _pods.Remember(await _client.UpdateAsync(ResourceTypes.Pods,
                pod with { Metadata = pod.Metadata with { OwnerReferences = refs.Count == 0 ? null : refs } }, cancellationToken).ConfigureAwait(false));
        }
        catch (ApiClientException e) when (e.IsNotFound)
        {
        }
    }

    private async Task ManageReplicasAsync(string key, T set, List<Pod> owned, CancellationToken cancellationToken)
    {
        var diff = owned.Count - _kind.Replicas(set);
        if (diff < 0)
        {
            var missing = Math.Min(-diff, BurstReplicas);
            _expectations.ExpectCreations(key, missing);
            var created = 0;
            try
            {
                for (var batch = 1; created < missing; batch = Math.Min(batch * 2, missing - created))
                {
                    batch = Math.Min(batch, missing - created);
                    await Task.WhenAll(Enumerable.Range(0, batch).Select(_ => CreatePodAsync(set, cancellationToken))).ConfigureAwait(false);
                    created += batch;
                }
            }
            finally
            {
                // Pods never attempted (or failed) will never be observed.
                for (var i = created; i < missing; i++)
                {
                    _expectations.CreationObserved(key);
                }
            }
        }
        else if (diff > 0)
        {
            var surplus = Math.Min(diff, BurstReplicas);
            var related = owned; // pods of sibling sets would count too; Stowage ranks within the set
            var victims = PodDeletionRanking.PodsToDelete(owned, related, surplus, _clock.GetUtcNow());
            _expectations.ExpectDeletions(key, victims.Select(p => Informer<Pod>.KeyOf(p)));
            await Task.WhenAll(victims.Select(p => DeletePodAsync(key, set, p, cancellationToken))).ConfigureAwait(false);
        }
    }

    private async Task CreatePodAsync(T set, CancellationToken cancellationToken)
    {
        var template = _kind.Template(set) ?? new PodTemplateSpec();
        var name = set.Metadata.Name ?? "";
        var pod = new Pod
        {
            Metadata = new ObjectMeta
            {
                Namespace = set.Metadata.Namespace,
                GenerateName = name + "-",
                Labels = template.Metadata?.Labels,
                Annotations = template.Metadata?.Annotations,
                Finalizers = template.Metadata?.Finalizers,
                OwnerReferences = [OwnerReferences.NewControllerRef(set, _kind.ApiVersion, _kind.Kind)],
            },
            Spec = template.Spec,
        };
        try
        {
            var created = await _client.CreateAsync(ResourceTypes.Pods, pod, cancellationToken).ConfigureAwait(false);
            _recorder.Record(Reference(set), "Normal", "SuccessfulCreate", $"Created pod: {created.Metadata.Name}");
        }
        catch (ApiClientException e)
        {
            _recorder.Record(Reference(set), "Warning", "FailedCreate", $"Error creating: {e.Message}");
            throw;
        }
    }

    private async Task DeletePodAsync(string key, T set, Pod pod, CancellationToken cancellationToken)
    {
        try
        {
            if (await _client.DeleteAsync(ResourceTypes.Pods, pod.Metadata.Namespace, pod.Metadata.Name!, cancellationToken, pod.Metadata.Uid).ConfigureAwait(false))
            {
                _recorder.Record(Reference(set), "Normal", "SuccessfulDelete", $"Deleted pod: {pod.Metadata.Name}");
            }
            else
            {
                _expectations.DeletionObserved(key, Informer<Pod>.KeyOf(pod));
            }
        }
        catch (ApiClientException)
        {
            _expectations.DeletionObserved(key, Informer<Pod>.KeyOf(pod));
            throw;
        }
    }

    private async Task<T> UpdateStatusAsync(T set, List<Pod> owned, ReplicaFailure? failure, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        for (var attempt = 0; ; attempt++)
        {
            var counts = ReplicaCounts.Of(owned, _kind.Template(set)?.Metadata?.Labels, _kind.MinReadySeconds(set), now);
            var generation = set.Metadata.Generation ?? 0;
            var (current, observed) = _kind.Status(set);
            if (current == counts && observed == generation && _kind.Failure(set) == failure)
            {
                return set;
            }
            try
            {
                var updated = await _client.UpdateStatusAsync(_kind.Type, _kind.WithStatus(set, counts, generation, failure, now), cancellationToken).ConfigureAwait(false);
                _sets.Remember(updated);
                return updated;
            }
            catch (ApiClientException e) when (e.IsConflict && attempt == 0)
            {
                set = await _client.GetAsync(_kind.Type, set.Metadata.Namespace, set.Metadata.Name!, cancellationToken).ConfigureAwait(false) ?? set;
            }
            catch (ApiClientException e) when (e.IsNotFound)
            {
                return set;
            }
        }
    }

    private ObjectReference Reference(T set) => new()
    {
        ApiVersion = _kind.ApiVersion,
        Kind = _kind.Kind,
        Namespace = set.Metadata.Namespace,
        Name = set.Metadata.Name,
        Uid = set.Metadata.Uid,
        ResourceVersion = set.Metadata.ResourceVersion,
    };

    // ---- pod events: find the sets to wake (addPod / updatePod / deletePod) ----

    private void PodAdded(Pod pod)
    {
        if (OwnerReferences.ControllerOf(pod.Metadata) is { } owner)
        {
            if (Resolve(pod.Metadata.Namespace, owner) is { } key)
            {
                _expectations.CreationObserved(key);
                _queue.Add(key);
            }
            return;
        }
        WakeMatching(pod);
    }

    private void PodUpdated(Pod old, Pod pod)
    {
        var oldOwner = OwnerReferences.ControllerOf(old.Metadata);
        var owner = OwnerReferences.ControllerOf(pod.Metadata);
        if (oldOwner is not null && oldOwner.Uid != owner?.Uid && Resolve(old.Metadata.Namespace, oldOwner) is { } oldKey)
        {
            _queue.Add(oldKey);
        }
        if (owner is not null)
        {
            if (Resolve(pod.Metadata.Namespace, owner) is { } key)
            {
                _queue.Add(key);
                // A pod that just became ready is available minReadySeconds later: look again then.
                if (!PodStates.IsReady(old) && PodStates.IsReady(pod) && _sets.Get(key) is { } set && _kind.MinReadySeconds(set) > 0)
                {
                    _queue.AddAfter(key, TimeSpan.FromSeconds(_kind.MinReadySeconds(set)) + TimeSpan.FromSeconds(1));
                }
            }
            return;
        }
        WakeMatching(pod);
    }

    private void PodDeleted(Pod pod)
    {
        if (OwnerReferences.ControllerOf(pod.Metadata) is { } owner && Resolve(pod.Metadata.Namespace, owner) is { } key)
        {
            _expectations.DeletionObserved(key, Informer<Pod>.KeyOf(pod));
            _queue.Add(key);
        }
    }

    private string? Resolve(string? ns, OwnerReference owner)
    {
        if (owner.Kind != _kind.Kind)
        {
            return null;
        }
        var key = $"{ns}/{owner.Name}";
        return _sets.Get(key) is { } set && set.Metadata.Uid == owner.Uid ? key : null;
    }

    private void WakeMatching(Pod pod)
    {
        foreach (var set in _sets.List())
        {
            if (set.Metadata.Namespace == pod.Metadata.Namespace && _kind.Selector(set).Matches(pod.Metadata.Labels))
            {
                _queue.Add(Informer<T>.KeyOf(set));
            }
        }
    }
}
