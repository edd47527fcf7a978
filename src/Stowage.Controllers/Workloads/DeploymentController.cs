using System.Globalization;
using Microsoft.Extensions.Logging;
using Stowage.Api.Apps;
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
/// The deployment controller (pkg/controller/deployment): rolls a deployment's pods from replica
/// set to replica set.
/// </summary>
/// <remarks>
/// <para>Each template gets a replica set named <c>&lt;deployment&gt;-&lt;pod-template-hash&gt;</c>
/// whose selector and template carry the <c>pod-template-hash</c> label; the "new" set is the
/// oldest one whose template equals the deployment's (ignoring that label), all others are "old".
/// A sync, from the informers' state alone:</para>
/// <list type="bullet">
/// <item>claims the replica sets (adopts matching orphans, releases those that stopped matching);</item>
/// <item>a paused deployment, or one whose replicas changed (a set's desired-replicas annotation
/// differs), is only scaled: proportionally across the active sets for RollingUpdate;</item>
/// <item>Recreate scales the old sets to 0, waits until their pods are gone, then creates the new
/// set at full size;</item>
/// <item>RollingUpdate grows the new set while all sets together stay within replicas + maxSurge,
/// and shrinks old sets (unhealthy pods first) while available pods stay at least replicas -
/// maxUnavailable;</item>
/// <item>a finished rollout deletes old, empty sets beyond revisionHistoryLimit;</item>
/// <item>status counts the sets' pods and carries the Available and Progressing conditions
/// (including ProgressDeadlineExceeded, for which the deployment is looked at again when the
/// deadline passes).</item>
/// </list>
/// <para>Every write carries the resourceVersion it was decided from; a conflict requeues the
/// deployment, and each step is decided again from current state, so a crash between writes
/// converges.</para>
/// </remarks>
public sealed class DeploymentController
{
    private const string ControllerName = "deployment-controller";
    private readonly ApiClient _client;
    private readonly Informer<Deployment> _deployments;
    private readonly Informer<ReplicaSet> _sets;
    private readonly Informer<Pod> _pods;
    private readonly EventRecorder _recorder;
    private readonly TimeProvider _clock;
    private readonly WorkQueue<string> _queue;
    private readonly ControllerRunner _runner;

    /// <summary>Creates the controller over shared informers.</summary>
    public DeploymentController(ApiClient client, Informer<Deployment> deployments, Informer<ReplicaSet> sets, Informer<Pod> pods, EventRecorder recorder, TimeProvider clock, ILogger logger, int workers = 4)
    {
        _client = client;
        _deployments = deployments;
        _sets = sets;
        _pods = pods;
        _recorder = recorder;
        _clock = clock;
        _queue = new WorkQueue<string>(clock);
        deployments.OnAdd(d => _queue.Add(Informer<Deployment>.KeyOf(d)));
        deployments.OnUpdate((_, d) => _queue.Add(Informer<Deployment>.KeyOf(d)));
        deployments.OnDelete(d => _queue.Add(Informer<Deployment>.KeyOf(d)));
        sets.OnAdd(WakeFor);
        sets.OnUpdate((old, rs) =>
        {
            WakeFor(old);
            WakeFor(rs);
        });
        sets.OnDelete(WakeFor);
        // Recreate waits for the old pods to be gone.
        pods.OnDelete(PodDeleted);
        _runner = new ControllerRunner(ControllerName, [deployments, sets, pods], _queue, SyncAsync, workers, logger);
    }

    /// <summary>Runs until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => _runner.RunAsync(cancellationToken);

    private async Task<ReconcileResult> SyncAsync(string key, CancellationToken cancellationToken)
    {
        var d = _deployments.Get(key);
        if (d is null)
        {
            return ReconcileResult.Done;
        }
        var sets = await ClaimReplicaSetsAsync(d, cancellationToken).ConfigureAwait(false);
        var sync = new Sync(this, d, sets, cancellationToken);
        if (d.Metadata.DeletionTimestamp is not null)
        {
            await sync.StatusOnlyAsync().ConfigureAwait(false);
            return ReconcileResult.Done;
        }
        await sync.CheckPausedConditionsAsync().ConfigureAwait(false);
        if (d.Spec?.Paused == true || await sync.IsScalingEventAsync().ConfigureAwait(false))
        {
            await sync.ScaleOnlyAsync().ConfigureAwait(false);
        }
        else if (d.Spec?.Strategy?.Type == "Recreate")
        {
            await sync.RecreateAsync().ConfigureAwait(false);
        }
        else
        {
            await sync.RollingAsync().ConfigureAwait(false);
        }
        return sync.Requeue is { } after ? new ReconcileResult(after) : ReconcileResult.Done;
    }

    // getReplicaSetsForDeployment with ClaimReplicaSets.
    private async Task<List<ReplicaSet>> ClaimReplicaSetsAsync(Deployment d, CancellationToken cancellationToken)
    {
        var selector = Selector.TryFromLabelSelector(d.Spec?.Selector, out var s, out _) ? s : Selector.Nothing;
        var deleting = d.Metadata.DeletionTimestamp is not null;
        var claimed = new List<ReplicaSet>();
        foreach (var rs in _sets.List().Where(r => r.Metadata.Namespace == d.Metadata.Namespace))
        {
            var owner = OwnerReferences.ControllerOf(rs.Metadata);
            var matches = !selector.IsEmpty && selector.Matches(rs.Metadata.Labels);
            if (owner is not null)
            {
                if (owner.Uid != d.Metadata.Uid)
                {
                    continue;
                }
                if (matches)
                {
                    claimed.Add(rs);
                }
                else if (!deleting)
                {
                    var refs = (rs.Metadata.OwnerReferences ?? []).Where(r => r.Uid != d.Metadata.Uid).ToList();
                    await WriteAsync(rs with { Metadata = rs.Metadata with { OwnerReferences = refs.Count == 0 ? null : refs } }, cancellationToken).ConfigureAwait(false);
                }
                continue;
            }
            if (deleting || !matches || rs.Metadata.DeletionTimestamp is not null)
            {
                continue;
            }
            var fresh = await _client.GetAsync(ResourceTypes.Deployments, d.Metadata.Namespace, d.Metadata.Name!, cancellationToken).ConfigureAwait(false);
            if (fresh is null || fresh.Metadata.Uid != d.Metadata.Uid || fresh.Metadata.DeletionTimestamp is not null)
            {
                continue;
            }
            var adopted = rs with
            {
                Metadata = rs.Metadata with
                {
                    OwnerReferences = [.. rs.Metadata.OwnerReferences ?? [], OwnerReferences.NewControllerRef(d, "apps/v1", "Deployment")],
                },
            };
            claimed.Add(await WriteAsync(adopted, cancellationToken).ConfigureAwait(false));
        }
        return claimed;
    }

    private async Task<ReplicaSet> WriteAsync(ReplicaSet rs, CancellationToken cancellationToken)
    {
        var written = await _client.UpdateAsync(ResourceTypes.ReplicaSets, rs, cancellationToken).ConfigureAwait(false);
        _sets.Remember(written);
        return written;
    }

    private async Task<Deployment> WriteStatusAsync(Deployment d, CancellationToken cancellationToken)
    {
        var written = await _client.UpdateStatusAsync(ResourceTypes.Deployments, d, cancellationToken).ConfigureAwait(false);
        _deployments.Remember(written);
        return written;
    }

    private void WakeFor(ReplicaSet rs)
    {
        if (OwnerReferences.ControllerOf(rs.Metadata) is { Kind: "Deployment" } owner)
        {
            var key = $"{rs.Metadata.Namespace}/{owner.Name}";
            if (_deployments.Get(key) is { } d && d.Metadata.Uid == owner.Uid)
            {
                _queue.Add(key);
            }
            return;
        }
        foreach (var d in _deployments.List())
        {
            if (d.Metadata.Namespace == rs.Metadata.Namespace && Selector.TryFromLabelSelector(d.Spec?.Selector, out var s, out _) && !s.IsEmpty && s.Matches(rs.Metadata.Labels))
            {
                _queue.Add(Informer<Deployment>.KeyOf(d));
            }
        }
    }

    private void PodDeleted(Pod pod)
    {
        if (OwnerReferences.ControllerOf(pod.Metadata) is { Kind: "ReplicaSet" } owner
            && _sets.Get($"{pod.Metadata.Namespace}/{owner.Name}") is { } rs && rs.Metadata.Uid == owner.Uid)
        {
            WakeFor(rs);
        }
    }

    private ObjectReference Reference(Deployment d) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Namespace = d.Metadata.Namespace,
        Name = d.Metadata.Name,
        Uid = d.Metadata.Uid,
        ResourceVersion = d.Metadata.ResourceVersion,
    };

    /// <summary>One sync of one deployment: the deployment and its sets as they are updated along the way.</summary>
    private sealed class Sync
    {
        private readonly DeploymentController _c;
        private readonly CancellationToken _ct;
        private readonly List<ReplicaSet> _sets;

        public Sync(DeploymentController controller, Deployment d, List<ReplicaSet> sets, CancellationToken cancellationToken)
        {
            _c = controller;
            D = d;
            _sets = sets;
            _ct = cancellationToken;
        }

        public Deployment D { get; private set; }

        public TimeSpan? Requeue { get; private set; }

        private DateTimeOffset Now => Stowage.Api.Meta.TimeJsonConverter.Truncate(_c._clock.GetUtcNow());

        private ReplicaSet? FindNew() => _sets
            .OrderBy(rs => rs.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue).ThenBy(rs => rs.Metadata.Name, StringComparer.Ordinal)
            .FirstOrDefault(rs => PodTemplateHash.EqualIgnoringHash(rs.Spec?.Template, D.Spec?.Template));

        private List<ReplicaSet> Olds(ReplicaSet? newRs) => _sets.Where(rs => newRs is null || rs.Metadata.Uid != newRs.Metadata.Uid).ToList();

        private void Replace(ReplicaSet rs)
        {
            var i = _sets.FindIndex(x => x.Metadata.Uid == rs.Metadata.Uid);
            if (i >= 0)
            {
                _sets[i] = rs;
            }
            else
            {
                _sets.Add(rs);
            }
        }

        public async Task StatusOnlyAsync()
        {
            var (newRs, olds) = await GetAllAsync(create: false).ConfigureAwait(false);
            await SyncStatusAsync(newRs, olds).ConfigureAwait(false);
        }

        public async Task CheckPausedConditionsAsync()
        {
            if (!DeploymentConditions.HasProgressDeadline(D))
            {
                return;
            }
            var cond = DeploymentConditions.Get(D.Status, "Progressing");
            if (cond?.Reason == DeploymentConditions.ProgressDeadlineExceeded)
            {
                return;
            }
            var pausedCondition = cond?.Reason == DeploymentConditions.DeploymentPaused;
            var status = D.Status ?? new DeploymentStatus();
            if (D.Spec?.Paused == true && !pausedCondition)
            {
                status = DeploymentConditions.Set(status, DeploymentConditions.New("Progressing", "Unknown", DeploymentConditions.DeploymentPaused, "Deployment is paused", Now));
            }
            else if (D.Spec?.Paused != true && pausedCondition)
            {
                status = DeploymentConditions.Set(status, DeploymentConditions.New("Progressing", "Unknown", DeploymentConditions.DeploymentResumed, "Deployment is resumed", Now));
            }
            else
            {
                return;
            }
            D = await _c.WriteStatusAsync(D with { Status = status }, _ct).ConfigureAwait(false);
        }

        public async Task<bool> IsScalingEventAsync()
        {
            var (newRs, olds) = await GetAllAsync(create: false).ConfigureAwait(false);
            return olds.Append(newRs).OfType<ReplicaSet>().Where(rs => DeploymentMath.Replicas(rs) > 0)
                .Any(rs => DeploymentMath.Annotation(rs, DeploymentMath.DesiredReplicasAnnotation) is { } desired && desired != DeploymentMath.Replicas(D));
        }

        // sync: scale only, clean up when paused, status.
        public async Task ScaleOnlyAsync()
        {
            var (newRs, olds) = await GetAllAsync(create: false).ConfigureAwait(false);
            await ScaleAsync(newRs, olds).ConfigureAwait(false);
            (newRs, olds) = (newRs is null ? null : Current(newRs), olds.Select(Current).ToList());
            if (D.Spec?.Paused == true)
            {
                await CleanupAsync(olds).ConfigureAwait(false);
            }
            await SyncStatusAsync(newRs, olds).ConfigureAwait(false);
        }

        public async Task RollingAsync()
        {
            var (newRs, olds) = await GetAllAsync(create: true).ConfigureAwait(false);
            if (newRs is null)
            {
                return;
            }
            if (await ReconcileNewAsync(newRs, olds).ConfigureAwait(false))
            {
                await SyncRolloutStatusAsync(Current(newRs), olds.Select(Current).ToList()).ConfigureAwait(false);
                return;
            }
            if (await ReconcileOldsAsync(Current(newRs), olds).ConfigureAwait(false))
            {
                await SyncRolloutStatusAsync(Current(newRs), olds.Select(Current).ToList()).ConfigureAwait(false);
                return;
            }
            olds = olds.Select(Current).ToList();
            if (DeploymentMath.Complete(D, D.Status ?? new DeploymentStatus()))
            {
                await CleanupAsync(olds).ConfigureAwait(false);
            }
            await SyncRolloutStatusAsync(Current(newRs), olds).ConfigureAwait(false);
        }

        public async Task RecreateAsync()
        {
            var (newRs, olds) = await GetAllAsync(create: false).ConfigureAwait(false);
            var scaledDown = false;
            foreach (var rs in olds.Where(rs => DeploymentMath.Replicas(rs) > 0).ToList())
            {
                scaledDown |= await ScaleSetAsync(rs, 0).ConfigureAwait(false);
            }
            olds = olds.Select(Current).ToList();
            if (scaledDown || OldPodsRunning(newRs, olds))
            {
                await SyncRolloutStatusAsync(newRs, olds).ConfigureAwait(false);
                return;
            }
            if (newRs is null)
            {
                (newRs, olds) = await GetAllAsync(create: true).ConfigureAwait(false);
                if (newRs is null)
                {
                    return;
                }
            }
            await ScaleSetAsync(newRs, DeploymentMath.Replicas(D)).ConfigureAwait(false);
            if (DeploymentMath.Complete(D, D.Status ?? new DeploymentStatus()))
            {
                await CleanupAsync(olds).ConfigureAwait(false);
            }
            await SyncRolloutStatusAsync(Current(newRs), olds).ConfigureAwait(false);
        }

        private ReplicaSet Current(ReplicaSet rs) => _sets.FirstOrDefault(x => x.Metadata.Uid == rs.Metadata.Uid) ?? rs;

        // oldPodsRunning: old sets still report pods, or pods of old sets are not yet terminal.
        private bool OldPodsRunning(ReplicaSet? newRs, List<ReplicaSet> olds)
        {
            if (olds.Sum(rs => rs.Status?.Replicas ?? 0) > 0)
            {
                return true;
            }
            var oldUids = olds.Select(rs => rs.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
            return _c._pods.List().Any(p => p.Metadata.Namespace == D.Metadata.Namespace
                && OwnerReferences.ControllerOf(p.Metadata) is { } owner && oldUids.Contains(owner.Uid)
                && p.Status?.Phase is not ("Succeeded" or "Failed"));
        }

        // getAllReplicaSetsAndSyncRevision.
        private async Task<(ReplicaSet? New, List<ReplicaSet> Olds)> GetAllAsync(bool create)
        {
            var existing = FindNew();
            var olds = Olds(existing);
            var newRevision = (DeploymentRevisions.MaxRevision(olds) + 1).ToString(CultureInfo.InvariantCulture);
            if (existing is not null)
            {
                var annotations = DeploymentRevisions.NewReplicaSetAnnotations(D, existing, newRevision, exists: true);
                var minReady = D.Spec?.MinReadySeconds ?? 0;
                if (annotations is not null || (existing.Spec?.MinReadySeconds ?? 0) != minReady)
                {
                    var updated = await _c.WriteAsync(existing with
                    {
                        Metadata = existing.Metadata with { Annotations = annotations ?? existing.Metadata.Annotations },
                        Spec = (existing.Spec ?? new ReplicaSetSpec()) with { MinReadySeconds = minReady },
                    }, _ct).ConfigureAwait(false);
                    Replace(updated);
                    return (updated, olds);
                }
                var status = D.Status ?? new DeploymentStatus();
                var needsUpdate = SetRevision(existing.Metadata.Annotations?.GetValueOrDefault(DeploymentRevisions.RevisionAnnotation) ?? "");
                if (DeploymentConditions.HasProgressDeadline(D) && DeploymentConditions.Get(status, "Progressing") is null)
                {
                    D = D with
                    {
                        Status = DeploymentConditions.Set(status, DeploymentConditions.New("Progressing", "True", DeploymentConditions.FoundNewReplicaSet,
                            $"Found new replica set {DeploymentConditions.Quote(existing.Metadata.Name)}", Now)),
                    };
                    needsUpdate = true;
                }
                if (needsUpdate)
                {
                    D = await _c.WriteStatusAsync(D, _ct).ConfigureAwait(false);
                }
                return (existing, olds);
            }
            if (!create)
            {
                return (null, olds);
            }
            return (await CreateNewAsync(olds, newRevision).ConfigureAwait(false), olds);
        }

        // SetDeploymentRevision: the deployment's revision annotation follows its new set. It is written
        // with the status: the status subresource of deployments takes annotations, as in Kubernetes.
        private bool SetRevision(string revision)
        {
            if (revision.Length == 0 || D.Metadata.Annotations?.GetValueOrDefault(DeploymentRevisions.RevisionAnnotation) == revision)
            {
                return false;
            }
            var annotations = new Dictionary<string, string>(D.Metadata.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal)
            {
                [DeploymentRevisions.RevisionAnnotation] = revision,
            };
            D = D with { Metadata = D.Metadata with { Annotations = annotations } };
            return true;
        }

        private async Task<ReplicaSet?> CreateNewAsync(List<ReplicaSet> olds, string newRevision)
        {
            var template = D.Spec?.Template ?? new PodTemplateSpec();
            var hash = PodTemplateHash.Compute(template, D.Status?.CollisionCount);
            var labels = new Dictionary<string, string>(template.Metadata?.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [PodTemplateHash.Label] = hash };
            var selector = D.Spec?.Selector ?? new LabelSelector();
            var matchLabels = new Dictionary<string, string>(selector.MatchLabels ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [PodTemplateHash.Label] = hash };
            var name = D.Metadata.Name + "-" + hash;
            var rs = new ReplicaSet
            {
                Metadata = new ObjectMeta
                {
                    Name = name,
                    Namespace = D.Metadata.Namespace,
                    OwnerReferences = [OwnerReferences.NewControllerRef(D, "apps/v1", "Deployment")],
                    Labels = labels,
                },
                Spec = new ReplicaSetSpec
                {
                    Replicas = 0,
                    MinReadySeconds = D.Spec?.MinReadySeconds ?? 0,
                    Selector = selector with { MatchLabels = matchLabels },
                    Template = template with { Metadata = (template.Metadata ?? new ObjectMeta()) with { Labels = labels } },
                },
            };
            var replicas = DeploymentMath.NewReplicaSetReplicas(D, olds.Append(rs), rs);
            rs = rs with
            {
                Spec = rs.Spec with { Replicas = replicas },
                Metadata = rs.Metadata with { Annotations = DeploymentRevisions.NewReplicaSetAnnotations(D, rs, newRevision, exists: false) },
            };
            ReplicaSet created;
            var alreadyExisted = false;
            try
            {
                created = await _c._client.CreateAsync(ResourceTypes.ReplicaSets, rs, _ct).ConfigureAwait(false);
                _c._sets.Remember(created);
            }
            catch (ApiClientException e) when (e.IsAlreadyExists)
            {
                var found = await _c._client.GetAsync(ResourceTypes.ReplicaSets, D.Metadata.Namespace, name, _ct).ConfigureAwait(false);
                if (found is not null && OwnerReferences.ControllerOf(found.Metadata)?.Uid == D.Metadata.Uid
                    && PodTemplateHash.EqualIgnoringHash(found.Spec?.Template, D.Spec?.Template))
                {
                    created = found;
                    alreadyExisted = true;
                }
                else
                {
                    // A hash collision: bump collisionCount and try again with a new hash.
                    var status = D.Status ?? new DeploymentStatus();
                    D = await _c.WriteStatusAsync(D with { Status = status with { CollisionCount = (status.CollisionCount ?? 0) + 1 } }, _ct).ConfigureAwait(false);
                    throw;
                }
            }
            catch (ApiClientException e) when (!e.IsConflict)
            {
                var message = $"Failed to create new replica set {DeploymentConditions.Quote(name)}: {e.Message}";
                if (DeploymentConditions.HasProgressDeadline(D))
                {
                    var status = DeploymentConditions.Set(D.Status ?? new DeploymentStatus(),
                        DeploymentConditions.New("Progressing", "False", DeploymentConditions.ReplicaSetCreateError, message, Now));
                    try
                    {
                        D = await _c.WriteStatusAsync(D with { Status = status }, _ct).ConfigureAwait(false);
                    }
                    catch (ApiClientException)
                    {
                        // The bigger problem is being reported.
                    }
                }
                _c._recorder.Record(_c.Reference(D), "Warning", DeploymentConditions.ReplicaSetCreateError, message);
                throw;
            }
            Replace(created);
            if (!alreadyExisted && replicas > 0)
            {
                _c._recorder.Record(_c.Reference(D), "Normal", "ScalingReplicaSet", $"Scaled up replica set {created.Metadata.Name} from 0 to {replicas}");
            }
            var needsUpdate = SetRevision(newRevision);
            if (!alreadyExisted && DeploymentConditions.HasProgressDeadline(D))
            {
                D = D with
                {
                    Status = DeploymentConditions.Set(D.Status ?? new DeploymentStatus(), DeploymentConditions.New("Progressing", "True",
                        DeploymentConditions.NewReplicaSetCreated, $"Created new replica set {DeploymentConditions.Quote(created.Metadata.Name)}", Now)),
                };
                needsUpdate = true;
            }
            if (needsUpdate)
            {
                D = await _c.WriteStatusAsync(D, _ct).ConfigureAwait(false);
            }
            return created;
        }

        // scale: when one set is active (or none), it gets the full size; a saturated new set
        // empties the old ones; otherwise rolling deployments scale every active set proportionally.
        private async Task ScaleAsync(ReplicaSet? newRs, List<ReplicaSet> olds)
        {
            var active = olds.Append(newRs).OfType<ReplicaSet>().Where(rs => DeploymentMath.Replicas(rs) > 0).ToList();
            ReplicaSet? activeOrLatest = active.Count switch
            {
                0 => newRs ?? olds.OrderByDescending(rs => rs.Metadata.CreationTimestamp).FirstOrDefault(),
                1 => active[0],
                _ => null,
            };
            if (activeOrLatest is not null)
            {
                if (DeploymentMath.Replicas(activeOrLatest) != DeploymentMath.Replicas(D))
                {
                    await ScaleSetAsync(activeOrLatest, DeploymentMath.Replicas(D)).ConfigureAwait(false);
                }
                return;
            }
            if (DeploymentMath.IsSaturated(D, newRs))
            {
                foreach (var rs in olds.Where(rs => DeploymentMath.Replicas(rs) > 0))
                {
                    await ScaleSetAsync(rs, 0).ConfigureAwait(false);
                }
                return;
            }
            if (!DeploymentMath.IsRollingUpdate(D))
            {
                return;
            }
            var total = active.Sum(DeploymentMath.Replicas);
            var allowed = DeploymentMath.Replicas(D) > 0 ? DeploymentMath.Replicas(D) + DeploymentMath.MaxSurge(D) : 0;
            var toAdd = allowed - total;
            // Scaling up: larger (then newer) sets first; down: larger (then older) sets first.
            active = toAdd > 0
                ? active.OrderByDescending(DeploymentMath.Replicas).ThenByDescending(rs => rs.Metadata.CreationTimestamp).ToList()
                : active.OrderByDescending(DeploymentMath.Replicas).ThenBy(rs => rs.Metadata.CreationTimestamp).ToList();
            var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
            var added = 0;
            foreach (var rs in active)
            {
                var share = toAdd != 0 ? DeploymentMath.Proportion(rs, D, toAdd, added) : 0;
                sizes[rs.Metadata.Uid!] = DeploymentMath.Replicas(rs) + share;
                added += share;
            }
            for (var i = 0; i < active.Count; i++)
            {
                var rs = active[i];
                if (i == 0 && toAdd != 0)
                {
                    sizes[rs.Metadata.Uid!] = Math.Max(sizes[rs.Metadata.Uid!] + toAdd - added, 0);
                }
                await ScaleSetAsync(rs, sizes[rs.Metadata.Uid!], force: true).ConfigureAwait(false);
            }
        }

        private async Task<bool> ReconcileNewAsync(ReplicaSet newRs, List<ReplicaSet> olds)
        {
            var desired = DeploymentMath.Replicas(D);
            if (DeploymentMath.Replicas(newRs) == desired)
            {
                return false;
            }
            if (DeploymentMath.Replicas(newRs) > desired)
            {
                return await ScaleSetAsync(newRs, desired).ConfigureAwait(false);
            }
            return await ScaleSetAsync(newRs, DeploymentMath.NewReplicaSetReplicas(D, olds.Append(newRs), newRs)).ConfigureAwait(false);
        }

        private async Task<bool> ReconcileOldsAsync(ReplicaSet newRs, List<ReplicaSet> allOlds)
        {
            var olds = allOlds.Where(rs => DeploymentMath.Replicas(rs) > 0).Select(Current).ToList();
            if (olds.Sum(DeploymentMath.Replicas) == 0)
            {
                return false;
            }
            var maxScaledDown = DeploymentMath.MaxScaledDown(D, olds.Append(newRs), newRs);
            if (maxScaledDown <= 0)
            {
                return false;
            }
            // cleanupUnhealthyReplicas: old sets' unavailable pods go first, oldest set first.
            var cleaned = 0;
            foreach (var rs in olds.OrderBy(rs => rs.Metadata.CreationTimestamp).ToList())
            {
                if (cleaned >= maxScaledDown)
                {
                    break;
                }
                var replicas = DeploymentMath.Replicas(rs);
                var availableInSet = rs.Status?.AvailableReplicas ?? 0;
                if (replicas == 0 || replicas == availableInSet)
                {
                    continue;
                }
                var down = Math.Min(maxScaledDown - cleaned, replicas - availableInSet);
                await ScaleSetAsync(rs, replicas - down).ConfigureAwait(false);
                cleaned += down;
            }
            olds = olds.Select(Current).ToList();
            // scaleDownOldReplicaSetsForRollingUpdate: available pods above minAvailable may go.
            var budget = DeploymentMath.ScaleDownBudget(D, olds.Append(Current(newRs)));
            var scaled = 0;
            foreach (var rs in olds.OrderBy(rs => rs.Metadata.CreationTimestamp).ToList())
            {
                if (scaled >= budget)
                {
                    break;
                }
                var replicas = DeploymentMath.Replicas(rs);
                if (replicas == 0)
                {
                    continue;
                }
                var down = Math.Min(replicas, budget - scaled);
                await ScaleSetAsync(rs, replicas - down).ConfigureAwait(false);
                scaled += down;
            }
            return cleaned + scaled > 0;
        }

        // scaleReplicaSet: size and the desired/max annotations in one write; an event when the size changes.
        private async Task<bool> ScaleSetAsync(ReplicaSet rs, int size, bool force = false)
        {
            rs = Current(rs);
            var old = DeploymentMath.Replicas(rs);
            if (old == size && !force)
            {
                return false;
            }
            var desired = DeploymentMath.Replicas(D);
            var max = desired + DeploymentMath.MaxSurge(D);
            var sizeChanges = old != size;
            if (!sizeChanges && !DeploymentMath.AnnotationsNeedUpdate(rs, desired, max))
            {
                return false;
            }
            var annotations = new Dictionary<string, string>(rs.Metadata.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal)
            {
                [DeploymentMath.DesiredReplicasAnnotation] = desired.ToString(CultureInfo.InvariantCulture),
                [DeploymentMath.MaxReplicasAnnotation] = max.ToString(CultureInfo.InvariantCulture),
            };
            var updated = await _c.WriteAsync(rs with
            {
                Metadata = rs.Metadata with { Annotations = annotations },
                Spec = (rs.Spec ?? new ReplicaSetSpec()) with { Replicas = size },
            }, _ct).ConfigureAwait(false);
            Replace(updated);
            if (sizeChanges)
            {
                _c._recorder.Record(_c.Reference(D), "Normal", "ScalingReplicaSet",
                    $"Scaled {(old < size ? "up" : "down")} replica set {updated.Metadata.Name} from {old} to {size}");
            }
            return sizeChanges;
        }

        // cleanupDeployment: delete the oldest empty sets beyond revisionHistoryLimit.
        private async Task CleanupAsync(List<ReplicaSet> olds)
        {
            if (D.Spec?.RevisionHistoryLimit is not { } limit)
            {
                return;
            }
            var cleanable = olds.Where(rs => rs.Metadata.DeletionTimestamp is null).ToList();
            var diff = cleanable.Count - limit;
            if (diff <= 0)
            {
                return;
            }
            foreach (var rs in cleanable.OrderBy(DeploymentRevisions.Revision).ThenBy(rs => rs.Metadata.CreationTimestamp).Take(diff))
            {
                if ((rs.Status?.Replicas ?? 0) != 0 || DeploymentMath.Replicas(rs) != 0 || (rs.Metadata.Generation ?? 0) > (rs.Status?.ObservedGeneration ?? 0))
                {
                    continue;
                }
                await _c._client.DeleteAsync(ResourceTypes.ReplicaSets, rs.Metadata.Namespace, rs.Metadata.Name!, _ct, rs.Metadata.Uid).ConfigureAwait(false);
            }
        }

        private DeploymentStatus CalculateStatus(ReplicaSet? newRs, List<ReplicaSet> olds)
        {
            var all = olds.Append(newRs).OfType<ReplicaSet>().ToList();
            var available = all.Sum(rs => rs.Status?.AvailableReplicas ?? 0);
            var total = all.Sum(DeploymentMath.Replicas);
            var previous = D.Status ?? new DeploymentStatus();
            var status = new DeploymentStatus
            {
                ObservedGeneration = D.Metadata.Generation ?? 0,
                Replicas = all.Sum(rs => rs.Status?.Replicas ?? 0),
                UpdatedReplicas = newRs?.Status?.Replicas ?? 0,
                ReadyReplicas = all.Sum(rs => rs.Status?.ReadyReplicas ?? 0),
                AvailableReplicas = available,
                UnavailableReplicas = Math.Max(total - available, 0),
                CollisionCount = previous.CollisionCount,
                Conditions = previous.Conditions,
            };
            var condition = available >= DeploymentMath.Replicas(D) - DeploymentMath.MaxUnavailable(D)
                ? DeploymentConditions.New("Available", "True", DeploymentConditions.MinimumReplicasAvailable, "Deployment has minimum availability.", Now)
                : DeploymentConditions.New("Available", "False", DeploymentConditions.MinimumReplicasUnavailable, "Deployment does not have minimum availability.", Now);
            return DeploymentConditions.Set(status, condition);
        }

        private async Task SyncStatusAsync(ReplicaSet? newRs, List<ReplicaSet> olds) =>
            await WriteStatusIfChangedAsync(CalculateStatus(newRs, olds)).ConfigureAwait(false);

        private async Task SyncRolloutStatusAsync(ReplicaSet? newRs, List<ReplicaSet> olds)
        {
            var status = CalculateStatus(newRs, olds);
            if (!DeploymentConditions.HasProgressDeadline(D))
            {
                status = DeploymentConditions.Remove(status, "Progressing");
            }
            var current = DeploymentConditions.Get(D.Status, "Progressing");
            var complete = status.Replicas == status.UpdatedReplicas && current?.Reason == DeploymentConditions.NewReplicaSetAvailable;
            if (DeploymentConditions.HasProgressDeadline(D) && !complete)
            {
                var name = newRs is null ? D.Metadata.Name : newRs.Metadata.Name;
                var subject = newRs is null ? "Deployment" : "ReplicaSet";
                if (DeploymentMath.Complete(D, status))
                {
                    status = DeploymentConditions.Set(status, DeploymentConditions.New("Progressing", "True", DeploymentConditions.NewReplicaSetAvailable,
                        $"{subject} {DeploymentConditions.Quote(name)} has successfully progressed.", Now));
                }
                else if (DeploymentMath.Progressing(D, status))
                {
                    var condition = DeploymentConditions.New("Progressing", "True", DeploymentConditions.ReplicaSetUpdated, $"{subject} {DeploymentConditions.Quote(name)} is progressing.", Now);
                    if (current is not null)
                    {
                        if (current.Status == "True")
                        {
                            condition = condition with { LastTransitionTime = current.LastTransitionTime };
                        }
                        status = DeploymentConditions.Remove(status, "Progressing");
                    }
                    status = DeploymentConditions.Set(status, condition);
                }
                else if (DeploymentConditions.TimedOut(D, status, Now))
                {
                    status = DeploymentConditions.Set(status, DeploymentConditions.New("Progressing", "False", DeploymentConditions.ProgressDeadlineExceeded,
                        $"{subject} {DeploymentConditions.Quote(name)} has timed out progressing.", Now));
                }
            }
            await WriteStatusIfChangedAsync(status).ConfigureAwait(false);
            RequeueIfStuck();
        }

        private async Task WriteStatusIfChangedAsync(DeploymentStatus status)
        {
            if (SameStatus(D.Status ?? new DeploymentStatus(), status))
            {
                return;
            }
            D = await _c.WriteStatusAsync(D with { Status = status }, _ct).ConfigureAwait(false);
        }

        // requeueStuckDeployment: look again when the progress deadline would pass.
        private void RequeueIfStuck()
        {
            var status = D.Status ?? new DeploymentStatus();
            var cond = DeploymentConditions.Get(status, "Progressing");
            if (!DeploymentConditions.HasProgressDeadline(D) || cond is null
                || cond.Reason is DeploymentConditions.NewReplicaSetAvailable or DeploymentConditions.ProgressDeadlineExceeded
                || DeploymentMath.Complete(D, status) || cond.LastUpdateTime is not { } from)
            {
                return;
            }
            var after = from.AddSeconds(D.Spec!.ProgressDeadlineSeconds!.Value) - Now;
            Requeue = after > TimeSpan.Zero ? after + TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1);
        }

        private static bool SameStatus(DeploymentStatus a, DeploymentStatus b) =>
            a with { Conditions = null } == b with { Conditions = null }
            && (a.Conditions ?? []).SequenceEqual(b.Conditions ?? []);
    }
}
