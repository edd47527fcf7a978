using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Stowage.Api.Core;
using Stowage.Api.Storage;
using Stowage.Controllers.Reclaim;
using Stowage.Runtime.Client;
using Stowage.Runtime.Controllers;
using Stowage.Runtime.Events;
using Stowage.Runtime.Informers;
using Stowage.Runtime.Queues;

namespace Stowage.Controllers.VolumeBinding;

/// <summary>
/// The PersistentVolume controller: binds claims to volumes, tracks phases, releases and reclaims —
/// Kubernetes' PV controller, driven by events instead of a 15-second resync.
/// </summary>
/// <remarks>
/// <para><b>State.</b> A <see cref="BindingView"/> (persistent, immutable collections) is kept current
/// from the volume, claim and class informers and from this controller's own writes. Reconciling a
/// key takes the current view — an O(1) snapshot — and asks <see cref="ClaimSync"/> or
/// <see cref="VolumeSync"/> for a plan: the ordered writes that move the object one step toward its
/// goal. The decisions are pure; this class only performs them.</para>
/// <para><b>Writes.</b> Every write carries the resourceVersion it was planned from; a conflict means
/// the plan was made on stale state, so the key is retried (with back-off) and re-planned from fresh
/// state. Each step is idempotent and each plan depends only on current state, so a process killed
/// between any two writes converges when it restarts.</para>
/// <para><b>Concurrency.</b> Several workers run, but planning happens under one lock and a plan's
/// volume claims are "assumed" into the view before the lock is released (as Kubernetes' scheduler
/// assumes bindings), so two workers never pick the same volume for two claims; the API's
/// compare-and-swap is the final guard.</para>
/// <para><b>Event-driven.</b> Besides Kubernetes' own triggers, a volume that becomes available wakes
/// the pending claims it could satisfy, and a new or changed class wakes the claims of that class, so
/// binding follows the change that made it possible within milliseconds.</para>
/// </remarks>
public sealed partial class VolumeBindingController
{
    /// <summary>Reason of Stowage's explanation event on a pending claim.</summary>
    public const string WaitingReason = "WaitingForVolume";

    private readonly ApiClient _client;
    private readonly Action<PersistentVolumeClaim>? _provision;
    private readonly EventRecorder _recorder;
    private readonly IReadOnlyList<IVolumePlugin> _plugins;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Informer<PersistentVolume> _volumes;
    private readonly Informer<PersistentVolumeClaim> _claims;
    private readonly WorkQueue<string> _queue;
    private readonly ControllerRunner _runner;
    private readonly Lock _viewLock = new();
    private readonly ConcurrentDictionary<string, string> _explained = new(StringComparer.Ordinal);
    private BindingView _view = BindingView.Empty;
    private long _binds;
    private long _failures;

    /// <summary>Claims this controller has bound since start.</summary>
    public long Binds => Interlocked.Read(ref _binds);

    /// <summary>Reconciles that failed (and were retried) since start.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Keys waiting in the queue.</summary>
    public int QueueDepth => _queue.Count;

    /// <summary>Creates the controller over shared informers.</summary>
    public VolumeBindingController(ApiClient client, EventRecorder recorder, IReadOnlyList<IVolumePlugin> plugins,
        Informer<PersistentVolume> volumes, Informer<PersistentVolumeClaim> claims, Informer<StorageClass> classes, Informer<Pod> pods,
        int workers, TimeProvider clock, ILogger logger, Action<PersistentVolumeClaim>? provision = null)
    {
        _provision = provision;
        _client = client;
        _recorder = recorder;
        _plugins = plugins;
        _clock = clock;
        _logger = logger;
        _volumes = volumes;
        _claims = claims;
        _queue = new WorkQueue<string>(clock);

        volumes.OnAdd(VolumeChanged);
        volumes.OnUpdate((_, pv) => VolumeChanged(pv));
        volumes.OnDelete(VolumeDeleted);
        claims.OnAdd(ClaimChanged);
        claims.OnUpdate((_, pvc) => ClaimChanged(pvc));
        claims.OnDelete(ClaimDeleted);
        classes.OnAdd(ClassChanged);
        classes.OnUpdate((_, sc) => ClassChanged(sc));
        classes.OnDelete(sc => Update(v => v.WithoutClass(sc.Metadata.Name!)));
        pods.OnAdd(PodChanged);
        pods.OnUpdate((_, pod) => PodChanged(pod));
        pods.OnDelete(pod => Update(v => v.WithoutPod(pod.Metadata.Namespace!, pod.Metadata.Name!)));
        _runner = new ControllerRunner("persistentvolume-binder", [volumes, claims, classes, pods], _queue, ReconcileAsync, workers, logger);
    }

    /// <summary>Runs until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => _runner.RunAsync(cancellationToken);

    private static string VolumeKey(string name) => "pv:" + name;

    private static string ClaimKeyOf(string ns, string name) => "pvc:" + ns + "/" + name;

    // ---- keeping the view current and enqueueing what a change affects ----

    private void Update(Func<BindingView, BindingView> change)
    {
        lock (_viewLock)
        {
            _view = change(_view);
        }
    }

    private static bool IsNewer(string? candidate, string? current) =>
        !long.TryParse(current, NumberStyles.None, CultureInfo.InvariantCulture, out var c)
        || !long.TryParse(candidate, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
        || n >= c;

    /// <summary>
    /// Puts a volume into the view unless the view already holds a newer version. The answer to one of
    /// our writes can arrive after the watch has delivered that write and a later one by someone else;
    /// going back to the older object would make every following write conflict, and nothing would
    /// ever bring the newer one back.
    /// </summary>
    private void Advance(PersistentVolume pv) =>
        Update(v => IsNewer(pv.Metadata.ResourceVersion, v.GetVolume(pv.Metadata.Name!)?.Metadata.ResourceVersion) ? v.WithVolume(pv) : v);

    /// <summary>Puts a claim into the view unless the view already holds a newer version (see the volume overload).</summary>
    private void Advance(PersistentVolumeClaim claim) =>
        Update(v => IsNewer(claim.Metadata.ResourceVersion, v.GetClaim(ClaimKey.Of(claim))?.Metadata.ResourceVersion) ? v.WithClaim(claim) : v);

    private void VolumeChanged(PersistentVolume pv)
    {
        Advance(pv);
        _queue.Add(VolumeKey(pv.Metadata.Name!));
        if (pv.Spec?.ClaimRef is { Name: { } claimName } claimRef && !string.IsNullOrEmpty(claimRef.Namespace))
        {
            _queue.Add(ClaimKeyOf(claimRef.Namespace, claimName));
        }
        else if (pv.Status?.Phase == "Available" && pv.Metadata.DeletionTimestamp is null)
        {
            WakeClaimsFor(pv);
        }
    }

    private void VolumeDeleted(PersistentVolume pv)
    {
        Update(v => v.WithoutVolume(pv.Metadata.Name!));
        if (pv.Spec?.ClaimRef is { Name: { } claimName, Namespace: { Length: > 0 } ns })
        {
            _queue.Add(ClaimKeyOf(ns, claimName));
        }
    }

    private void ClaimChanged(PersistentVolumeClaim claim)
    {
        Advance(claim);
        _queue.Add(ClaimKeyOf(claim.Metadata.Namespace!, claim.Metadata.Name!));
        if (!string.IsNullOrEmpty(claim.Spec?.VolumeName))
        {
            _queue.Add(VolumeKey(claim.Spec.VolumeName));
        }
    }

    private void ClaimDeleted(PersistentVolumeClaim claim)
    {
        Update(v => v.WithoutClaim(ClaimKey.Of(claim)));
        _explained.TryRemove(claim.Metadata.Uid ?? "", out _);
        if (!string.IsNullOrEmpty(claim.Spec?.VolumeName))
        {
            _queue.Add(VolumeKey(claim.Spec.VolumeName));
        }
        foreach (var name in _view.Volumes.NamesDesignating(ClaimKey.Of(claim)))
        {
            _queue.Add(VolumeKey(name));
        }
    }

    private void ClassChanged(StorageClass sc)
    {
        Update(v => v.WithClass(sc));
        var view = _view;
        // The claims of this class, and those without any class (a default class may now apply).
        var concerned = view.ClaimsWithoutVolume(sc.Metadata.Name ?? "")
            .Concat(sc.Metadata.Name is { Length: > 0 } ? view.ClaimsWithoutVolume("").Where(c => !ClassRules.HasClass(c)) : []);
        foreach (var claim in concerned)
        {
            _queue.Add(ClaimKeyOf(claim.Metadata.Namespace!, claim.Metadata.Name!));
        }
    }

    /// <summary>Pods matter to the binder for WaitForFirstConsumer and for "volume used by pods" before recycling.</summary>
    private void PodChanged(Pod pod)
    {
        var ns = pod.Metadata.Namespace!;
        var name = pod.Metadata.Name!;
        var terminated = pod.Status?.Phase is "Succeeded" or "Failed";
        var claims = Protection.PodClaimUsage.ClaimsOf(pod).ToList();
        Update(v =>
        {
            v = v.WithoutPod(ns, name);
            foreach (var claim in claims)
            {
                v = v.WithPodClaimUse(new PodClaimUse(ns, name, claim, Protection.PodClaimUsage.Scheduled(pod), terminated));
            }
            return v;
        });
        foreach (var claim in claims)
        {
            _queue.Add(ClaimKeyOf(ns, claim));
        }
    }

    /// <summary>Wakes pending claims that a newly available volume could satisfy (cheap pre-filter; the plan decides).</summary>
    private void WakeClaimsFor(PersistentVolume pv)
    {
        var volumeClass = ClassRules.ClassOf(pv);
        var capacity = pv.Spec?.Capacity?.GetValueOrDefault("storage");
        foreach (var claim in _view.ClaimsWithoutVolume(volumeClass))
        {
            var request = claim.Spec?.Resources?.Requests?.GetValueOrDefault("storage");
            if (capacity is { } cap && request is { } req && req > cap)
            {
                continue;
            }
            _queue.Add(ClaimKeyOf(claim.Metadata.Namespace!, claim.Metadata.Name!));
        }
    }

    // ---- reconciling ----

    private async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        SyncPlan plan;
        PersistentVolumeClaim? claim = null;
        lock (_viewLock)
        {
            var now = _clock.GetUtcNow();
            if (key.StartsWith("pvc:", StringComparison.Ordinal))
            {
                var slash = key.IndexOf('/', StringComparison.Ordinal);
                claim = _view.GetClaim(new ClaimKey(key[4..slash], key[(slash + 1)..]));
                if (claim is null)
                {
                    return ReconcileResult.Done;
                }
                plan = ClaimSync.Plan(claim, _view, now);
                if (AssignsDefaultClass(claim, plan) && _view.Volumes.All.Any(v => v.Status?.Phase is null or "Pending" && ClassRules.ClassOf(v).Length == 0))
                {
                    // A class-less volume not yet marked Available may be the one this class-less
                    // claim wants: give it a moment before the claim is handed to the default class.
                    return new ReconcileResult(TimeSpan.FromMilliseconds(200));
                }
            }
            else
            {
                var volume = _view.GetVolume(key[3..]);
                if (volume is null)
                {
                    return ReconcileResult.Done;
                }
                plan = VolumeSync.Plan(volume, _view, now);
            }
            // Assume the volume writes of this plan, so that no other worker plans against the old state.
            foreach (var step in plan.Steps)
            {
                if (step is SyncStep.WriteVolume w)
                {
                    _view = _view.WithVolume(w.Volume);
                }
            }
        }

        try
        {
            await ExecuteAsync(plan, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Increment(ref _failures);
            Restore(plan);
            throw;
        }
        if (plan.Error is not null)
        {
            throw new InvalidOperationException(plan.Error);
        }
        if (claim is not null)
        {
            Explain(claim);
        }
        return ReconcileResult.Done;
    }

    private static bool AssignsDefaultClass(PersistentVolumeClaim claim, SyncPlan plan) =>
        !ClassRules.HasClass(claim) && plan.Steps.Any(s => s is SyncStep.WriteClaim w && w.Claim.Spec?.StorageClassName is not null);

    /// <summary>Puts back the informer's version of volumes a failed plan had assumed.</summary>
    private void Restore(SyncPlan plan)
    {
        foreach (var step in plan.Steps)
        {
            if (step is SyncStep.WriteVolume w)
            {
                var name = w.Volume.Metadata.Name!;
                var truth = _volumes.Get(name);
                Update(v => truth is null ? v.WithoutVolume(name) : v.WithVolume(truth));
            }
        }
    }

    private async Task ExecuteAsync(SyncPlan plan, CancellationToken cancellationToken)
    {
        // Later steps on an object written earlier in the plan carry that write's resourceVersion.
        var written = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var step in plan.Steps)
        {
            switch (step)
            {
                case SyncStep.WriteVolume s:
                    Wrote(await _client.UpdateAsync(ResourceTypes.PersistentVolumes, Fresh(s.Volume, written), cancellationToken).ConfigureAwait(false), written);
                    break;
                case SyncStep.WriteVolumeStatus s:
                    Wrote(await _client.UpdateStatusAsync(ResourceTypes.PersistentVolumes, Fresh(s.Volume, written), cancellationToken).ConfigureAwait(false), written);
                    break;
                case SyncStep.WriteClaim s:
                    Wrote(await _client.UpdateAsync(ResourceTypes.PersistentVolumeClaims, Fresh(s.Claim, written), cancellationToken).ConfigureAwait(false), written);
                    break;
                case SyncStep.WriteClaimStatus s:
                    Wrote(await _client.UpdateStatusAsync(ResourceTypes.PersistentVolumeClaims, Fresh(s.Claim, written), cancellationToken).ConfigureAwait(false), written);
                    if (s.Claim.Status?.Phase == "Bound")
                    {
                        Interlocked.Increment(ref _binds);
                    }
                    break;
                case SyncStep.Event s:
                    _recorder.Record(s.Target, s.Type, s.Reason, s.Message);
                    break;
                case SyncStep.Enqueue s:
                    _queue.Add(s.Key.Kind == QueueKind.Claim ? ClaimKeyOf(s.Key.Namespace, s.Key.Name) : VolumeKey(s.Key.Name));
                    break;
                case SyncStep.VerifyClaimAbsent s:
                    var live = await _client.GetAsync(ResourceTypes.PersistentVolumeClaims, s.Namespace, s.Name, cancellationToken).ConfigureAwait(false);
                    if (live?.Metadata.Uid == s.Uid)
                    {
                        // The cache is behind: the claim still exists. Re-plan once the cache has caught up.
                        ClaimChanged(live);
                        return;
                    }
                    break;
                case SyncStep.Reclaim s:
                    await ReclaimAsync(Fresh(s.Volume, written), s.Policy, cancellationToken).ConfigureAwait(false);
                    break;
                case SyncStep.DeleteVolume s:
                    await _client.DeleteAsync(ResourceTypes.PersistentVolumes, null, s.Volume.Metadata.Name!, cancellationToken, s.Volume.Metadata.Uid).ConfigureAwait(false);
                    break;
                case SyncStep.Provision s:
                    if (_provision is null)
                    {
                        LogNoProvisioner(_logger, s.Class.Provisioner, s.Claim.Metadata.Namespace!, s.Claim.Metadata.Name!);
                    }
                    else
                    {
                        _provision(s.Claim);
                    }
                    break;
            }
        }
    }

    private static T Fresh<T>(T obj, Dictionary<string, string?> written)
        where T : class, Api.Meta.IApiObject<T> =>
        written.TryGetValue(typeof(T).Name + "/" + Informer<T>.KeyOf(obj), out var rv)
            ? obj.WithMetadata(obj.Metadata with { ResourceVersion = rv })
            : obj;

    private void Wrote(PersistentVolume pv, Dictionary<string, string?> written)
    {
        written[nameof(PersistentVolume) + "/" + pv.Metadata.Name] = pv.Metadata.ResourceVersion;
        _volumes.Remember(pv);
        Advance(pv);
    }

    private void Wrote(PersistentVolumeClaim claim, Dictionary<string, string?> written)
    {
        written[nameof(PersistentVolumeClaim) + "/" + Informer<PersistentVolumeClaim>.KeyOf(claim)] = claim.Metadata.ResourceVersion;
        _claims.Remember(claim);
        Advance(claim);
    }

    private async Task ReclaimAsync(PersistentVolume planned, string policy, CancellationToken cancellationToken)
    {
        // Re-read before touching storage: a claim may have come back, or the admin may have edited the volume.
        var volume = await _client.GetAsync(ResourceTypes.PersistentVolumes, null, planned.Metadata.Name!, cancellationToken).ConfigureAwait(false);
        if (volume is null || volume.Metadata.Uid != planned.Metadata.Uid || !ReclaimDecisions.IsReleased(volume, _view))
        {
            return;
        }
        var now = _clock.GetUtcNow();
        SyncPlan after;
        if (policy == ReclaimPolicy.Recycle)
        {
            var plugin = _plugins.FirstOrDefault(p => p.CanRecycle && p.Supports(volume));
            RecycleOutcome outcome;
            if (plugin is null)
            {
                outcome = RecycleOutcome.NoPlugin;
            }
            else
            {
                try
                {
                    await plugin.RecycleAsync(volume, cancellationToken).ConfigureAwait(false);
                    outcome = RecycleOutcome.Recycled;
                }
                catch (Exception e) when (e is VolumePluginException or IOException or UnauthorizedAccessException)
                {
                    outcome = RecycleOutcome.Failed(e.Message);
                }
            }
            after = ReclaimDecisions.AfterRecycle(volume, outcome, now);
        }
        else
        {
            var choice = ReclaimDecisions.ChooseDeleter(volume, name => _plugins.Any(p => p.CanDelete && p.Name == name));
            var plugin = choice.Kind switch
            {
                DeleterKind.ProvisioningPlugin => _plugins.FirstOrDefault(p => p.CanDelete && p.Name == choice.PluginName),
                DeleterKind.FromSource => _plugins.FirstOrDefault(p => p.CanDelete && p.Supports(volume)),
                _ => null,
            };
            DeleteOutcome outcome;
            if (choice.Kind == DeleterKind.External)
            {
                outcome = DeleteOutcome.External;
            }
            else if (plugin is null)
            {
                outcome = choice.Error is { } error ? DeleteOutcome.NoPlugin(error) : DeleteOutcome.NoPlugin();
            }
            else
            {
                try
                {
                    await plugin.DeleteAsync(volume, cancellationToken).ConfigureAwait(false);
                    outcome = DeleteOutcome.Deleted;
                }
                catch (Exception e) when (e is VolumePluginException or IOException or UnauthorizedAccessException)
                {
                    outcome = DeleteOutcome.Failed(e.Message);
                }
            }
            after = ReclaimDecisions.AfterDelete(volume, outcome, now);
        }
        await ExecuteAsync(after, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stowage's addition: a claim left Pending without a volume carries an event saying why, per
    /// candidate; it is rewritten only when the reason changes.
    /// </summary>
    private void Explain(PersistentVolumeClaim planned)
    {
        var claim = _claims.Get(Informer<PersistentVolumeClaim>.KeyOf(planned)) ?? planned;
        if (claim.Status?.Phase is not (null or "Pending") || !string.IsNullOrEmpty(claim.Spec?.VolumeName) || claim.Metadata.DeletionTimestamp is not null)
        {
            return;
        }
        if (ClassRules.ClassOf(claim).Length > 0 && _view.GetClass(ClassRules.ClassOf(claim)) is not null)
        {
            return; // a provisioner's business: its own events explain the wait
        }
        var text = MatchExplanation.Explain(claim, _view);
        var uid = claim.Metadata.Uid ?? "";
        if (_explained.TryGetValue(uid, out var last) && last == text)
        {
            return;
        }
        _explained[uid] = text;
        _recorder.Record(ObjectRefs.Of(claim), EventReasons.Normal, WaitingReason, text, replaces: true);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "No built-in provisioner {Provisioner} runs here yet for claim {Namespace}/{Name}")]
    private static partial void LogNoProvisioner(ILogger logger, string provisioner, string @namespace, string name);
}
