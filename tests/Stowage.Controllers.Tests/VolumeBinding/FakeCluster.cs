using System.Globalization;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;
using Stowage.Api.Storage;
using Stowage.Controllers.VolumeBinding;

namespace Stowage.Controllers.Tests.VolumeBinding;

/// <summary>
/// An in-memory API server plus the executor a real controller would be: it keeps volumes and
/// claims with resourceVersions, applies <see cref="SyncPlan"/> steps with the server's rules
/// (main resource vs status subresource, optimistic concurrency, unchanged writes keep their
/// version, lastPhaseTransitionTime stamping, finalizers), runs reclaim and provisioning through
/// <see cref="FakePlugins"/>, and re-plans every claim and volume until nothing changes — the
/// <c>runMultisyncTests</c> loop of Kubernetes' tests.
/// </summary>
/// <remarks>
/// Crash injection: with <see cref="CrashAfterStep"/> = N the executor stops dead after its N-th
/// step (counting every step of every plan, nested reclaim plans included) and forgets the rest
/// of the plan, as a killed controller would; later syncs plan again from the stored state.
/// </remarks>
internal sealed class FakeCluster
{
    private readonly SortedDictionary<string, PersistentVolume> _volumes = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, PersistentVolumeClaim> _claims = new(StringComparer.Ordinal);
    private readonly List<StorageClass> _classes = [];
    private readonly List<PodClaimUse> _pods = [];
    // Claims whose cached copy differs from the store (null: missing from the cache).
    private readonly Dictionary<string, PersistentVolumeClaim?> _staleCache = new(StringComparer.Ordinal);
    private long _revision = 100;

    public FakeCluster(
        IEnumerable<PersistentVolume>? volumes = null,
        IEnumerable<PersistentVolumeClaim>? claims = null,
        IEnumerable<StorageClass>? classes = null,
        IEnumerable<PodClaimUse>? pods = null)
    {
        foreach (var volume in volumes ?? [])
        {
            _volumes[volume.Metadata.Name!] = volume;
        }
        foreach (var claim in claims ?? [])
        {
            _claims[Key(claim)] = claim;
        }
        _classes.AddRange(classes ?? []);
        _pods.AddRange(pods ?? []);
    }

    public DateTimeOffset Now { get; set; } = Upstream.Now;

    public FakePlugins Plugins { get; } = new();

    /// <summary>Distinct events in the order first seen.</summary>
    public List<RecordedEvent> Events { get; } = [];

    /// <summary>Errors plans ended with.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Every step executed, described.</summary>
    public List<string> Log { get; } = [];

    public int StepsExecuted { get; private set; }

    /// <summary>Stop dead after this many steps in total (once).</summary>
    public int? CrashAfterStep { get; set; }

    public bool Crashed { get; private set; }

    /// <summary>Runs after every executed step (invariant checks).</summary>
    public Action<FakeCluster>? AfterEachStep { get; set; }

    /// <summary>Runs just before a reclaim operation reads the volume (Kubernetes' <c>preOperationHook</c>).</summary>
    public Action<FakeCluster, PersistentVolume>? BeforeReclaim { get; set; }

    /// <summary>Runs when an ExternalProvisioning event is recorded: an external provisioner at work.</summary>
    public Action<FakeCluster, PersistentVolumeClaim>? ExternalProvisioner { get; set; }

    public IReadOnlyCollection<PersistentVolume> Volumes => _volumes.Values;

    public IReadOnlyCollection<PersistentVolumeClaim> Claims => _claims.Values;

    public PersistentVolume? Volume(string name) => _volumes.GetValueOrDefault(name);

    public PersistentVolumeClaim? Claim(string name, string ns = Upstream.Namespace) => _claims.GetValueOrDefault(ns + "/" + name);

    /// <summary>What a controller's caches would hold: the store, except for stale cache entries.</summary>
    public BindingView View()
    {
        var claims = new Dictionary<string, PersistentVolumeClaim>(_claims, StringComparer.Ordinal);
        foreach (var (key, cached) in _staleCache)
        {
            if (cached is null)
            {
                claims.Remove(key);
            }
            else
            {
                claims[key] = cached;
            }
        }
        return BindingView.Create(_volumes.Values, claims.Values, _classes, _pods);
    }

    /// <summary>Makes the controller's cache miss a claim that the API server has (or hold an older one).</summary>
    public void SetCachedClaim(string name, PersistentVolumeClaim? cached, string ns = Upstream.Namespace) => _staleCache[ns + "/" + name] = cached;

    // ---- direct API writes (test setup and hooks) ----

    public void PutVolume(PersistentVolume volume) => _volumes[volume.Metadata.Name!] = Stamp(volume);

    public void PutClaim(PersistentVolumeClaim claim) => _claims[Key(claim)] = Stamp(claim);

    public void RemoveVolume(string name) => _volumes.Remove(name);

    public void RemoveClaim(string name, string ns = Upstream.Namespace) => _claims.Remove(ns + "/" + name);

    // ---- the controller loop ----

    /// <summary>One sync of a claim (re-planned at once when a plan asks for it, as the executor contract says).</summary>
    public void SyncClaim(string name, string ns = Upstream.Namespace)
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var view = View();
            if (view.GetClaim(new ClaimKey(ns, name)) is not { } claim || !Run(() => Execute(ClaimSync.Plan(claim, view, Now))))
            {
                return;
            }
        }
    }

    /// <summary>One sync of a volume (re-planned at once when a plan asks for it, as the executor contract says).</summary>
    public void SyncVolume(string name)
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var view = View();
            if (view.GetVolume(name) is not { } volume || !Run(() => Execute(VolumeSync.Plan(volume, view, Now))))
            {
                return;
            }
        }
    }

    /// <summary>Syncs every claim, then every volume, over and over until a round changes nothing.</summary>
    public void RunUntilStable(int maxRounds = 50)
    {
        for (int round = 0; round < maxRounds; round++)
        {
            string before = Snapshot();
            bool crashedBefore = Crashed;
            foreach (var key in _claims.Keys.ToList())
            {
                var parts = key.Split('/', 2);
                SyncClaim(parts[1], parts[0]);
            }
            foreach (var name in _volumes.Keys.ToList())
            {
                SyncVolume(name);
            }
            // A restarted controller resyncs everything, so a round cut short by a crash is not a quiet one.
            if (Snapshot() == before && Crashed == crashedBefore)
            {
                return;
            }
        }
        throw new InvalidOperationException("The binder did not converge in " + maxRounds + " rounds:\n" + string.Join("\n", Log.TakeLast(40)));
    }

    /// <summary>Every object and distinct event, for change detection and crash comparisons.</summary>
    public string Snapshot(bool withEvents = true)
    {
        var parts = _volumes.Values.Select(Canonical.Comparable)
            .Concat(_claims.Values.Select(Canonical.Comparable));
        if (withEvents)
        {
            parts = parts.Concat(Events.Select(e => e.TargetKind + "/" + e.TargetName + ": " + e));
        }
        return string.Join("\n", parts);
    }

    // True when the plan asked to be planned again (its cache was refreshed).
    private static bool Run(Func<bool> sync)
    {
        try
        {
            return sync();
        }
        catch (SimulatedCrash)
        {
            // The process died; whatever it had not written is lost.
            return false;
        }
    }

    private bool Execute(SyncPlan plan)
    {
        // resourceVersion a step was planned with -> the version this plan's last write returned.
        var versions = new Dictionary<string, (string? Planned, string Current)>(StringComparer.Ordinal);
        foreach (var step in plan.Steps)
        {
            Log.Add(Describe(step));
            var outcome = Apply(step, versions);
            StepsExecuted++;
            AfterEachStep?.Invoke(this);
            if (CrashAfterStep == StepsExecuted)
            {
                CrashAfterStep = null;
                Crashed = true;
                Log.Add("-- crash --");
                throw new SimulatedCrash();
            }
            if (outcome != StepOutcome.Done)
            {
                return outcome == StepOutcome.Replan;
            }
        }
        if (plan.Error is not null)
        {
            Errors.Add(plan.Error);
        }
        return false;
    }

    private enum StepOutcome
    {
        Done,
        Failed,
        Replan,
    }

    private StepOutcome Apply(SyncStep step, Dictionary<string, (string? Planned, string Current)> versions)
    {
        switch (step)
        {
            case SyncStep.WriteVolume s:
                return Done(Update(_volumes, "pv/", s.Volume.Metadata.Name!, s.Volume, versions,
                    (stored, wanted) => stored with { Metadata = Server(stored.Metadata, wanted.Metadata), Spec = wanted.Spec },
                    Canonical.Of, v => v.Metadata, (v, m) => v with { Metadata = m }));
            case SyncStep.WriteVolumeStatus s:
                return Done(Update(_volumes, "pv/", s.Volume.Metadata.Name!, s.Volume, versions,
                    (stored, wanted) => stored with { Status = StampTransition(stored.Status, wanted.Status) },
                    Canonical.Of, v => v.Metadata, (v, m) => v with { Metadata = m }));
            case SyncStep.WriteClaim s:
                return Done(Update(_claims, "pvc/", Key(s.Claim), s.Claim, versions,
                    (stored, wanted) => stored with { Metadata = Server(stored.Metadata, wanted.Metadata), Spec = wanted.Spec },
                    Canonical.Of, c => c.Metadata, (c, m) => c with { Metadata = m }));
            case SyncStep.WriteClaimStatus s:
                return Done(Update(_claims, "pvc/", Key(s.Claim), s.Claim, versions,
                    (stored, wanted) => stored with { Status = wanted.Status },
                    Canonical.Of, c => c.Metadata, (c, m) => c with { Metadata = m }));
            case SyncStep.Event s:
                Record(s.Target.Kind ?? "", s.Target.Name ?? "", s.Type, s.Reason, s.Message);
                return StepOutcome.Done;
            case SyncStep.Enqueue:
                // Every key is synced every round anyway.
                return StepOutcome.Done;
            case SyncStep.VerifyClaimAbsent s:
                string key = s.Namespace + "/" + s.Name;
                if (_claims.TryGetValue(key, out var live) && live.Metadata.Uid == s.Uid)
                {
                    // The cache was stale: refresh it and stop; the next sync sees the claim.
                    _staleCache.Remove(key);
                    return StepOutcome.Replan;
                }
                return StepOutcome.Done;
            case SyncStep.DeleteVolume s:
                return Done(Delete(s.Volume));
            case SyncStep.Reclaim s:
                RunReclaim(s.Volume, s.Policy);
                return StepOutcome.Done;
            case SyncStep.Provision s:
                RunProvision(s.Claim, s.Class);
                return StepOutcome.Done;
            default:
                throw new InvalidOperationException("Unknown step " + step);
        }
    }

    private static StepOutcome Done(bool succeeded) => succeeded ? StepOutcome.Done : StepOutcome.Failed;

    private bool Update<T>(
        SortedDictionary<string, T> store, string kind, string key, T wanted,
        Dictionary<string, (string? Planned, string Current)> versions,
        Func<T, T, T> merge, Func<T, string> canonical, Func<T, ObjectMeta> metadata, Func<T, ObjectMeta, T> withMetadata)
        where T : class
    {
        if (!store.TryGetValue(key, out var stored))
        {
            Log.Add("   NotFound");
            return false;
        }
        string? planned = metadata(wanted).ResourceVersion;
        string? expected = versions.TryGetValue(kind + key, out var seen) && seen.Planned == planned ? seen.Current : planned;
        string current = metadata(stored).ResourceVersion ?? "";
        if (expected != current)
        {
            Log.Add("   Conflict (have " + current + ", step has " + expected + ")");
            return false;
        }
        var updated = merge(stored, wanted);
        if (canonical(updated) != canonical(stored))
        {
            updated = withMetadata(updated, metadata(updated) with { ResourceVersion = NextRevision() });
            var meta = metadata(updated);
            if (meta.DeletionTimestamp is not null && meta.Finalizers is not { Count: > 0 })
            {
                store.Remove(key);
                Log.Add("   deleted (last finalizer removed)");
            }
            else
            {
                store[key] = updated;
            }
        }
        versions[kind + key] = (planned, metadata(updated).ResourceVersion ?? "");
        return true;
    }

    private bool Delete(PersistentVolume volume)
    {
        string name = volume.Metadata.Name!;
        if (!_volumes.TryGetValue(name, out var stored))
        {
            return true;
        }
        if (stored.Metadata.Uid != volume.Metadata.Uid)
        {
            Log.Add("   Conflict (uid)");
            return false;
        }
        if (stored.Metadata.Finalizers is { Count: > 0 })
        {
            if (stored.Metadata.DeletionTimestamp is null)
            {
                _volumes[name] = stored with { Metadata = stored.Metadata with { DeletionTimestamp = Now, ResourceVersion = NextRevision() } };
            }
            return true;
        }
        _volumes.Remove(name);
        return true;
    }

    private void RunReclaim(PersistentVolume planned, string policy)
    {
        BeforeReclaim?.Invoke(this, planned);
        // The operation re-reads the volume and re-checks that it still needs reclaiming.
        if (!_volumes.TryGetValue(planned.Metadata.Name!, out var volume) || !ReclaimDecisions.IsReleased(volume, View()))
        {
            Log.Add("   reclaim skipped: no longer released");
            return;
        }
        var followUp = policy == ReclaimPolicy.Recycle
            ? ReclaimDecisions.AfterRecycle(volume, Plugins.Recycle(volume), Now)
            : ReclaimDecisions.AfterDelete(volume, Plugins.Delete(volume), Now);
        _ = Execute(followUp);
    }

    // Stowage's built-in provisioner as far as the binder cares: a volume named pvc-<uid>,
    // pre-bound to the claim, with the class's policy (Kubernetes' provisionClaimOperation).
    private void RunProvision(PersistentVolumeClaim claim, StorageClass storageClass)
    {
        var live = Claim(claim.Metadata.Name!, claim.Metadata.Namespace!);
        if (live is null || live.Metadata.Uid != claim.Metadata.Uid)
        {
            return;
        }
        string volumeName = Provisioners.VolumeNameFor(claim);
        if (_volumes.ContainsKey(volumeName))
        {
            return;
        }
        if (Plugins.ProvisionError is { } error)
        {
            Record("PersistentVolumeClaim", claim.Metadata.Name!, EventReasons.Warning, EventReasons.ProvisioningFailed,
                "Failed to provision volume with StorageClass \"" + storageClass.Metadata.Name + "\": " + error);
            return;
        }
        string policy = storageClass.ReclaimPolicy ?? ReclaimPolicy.Delete;
        var volume = new PersistentVolume
        {
            ApiVersion = "v1",
            Kind = "PersistentVolume",
            Metadata = new ObjectMeta
            {
                Name = volumeName,
                Uid = "uid-" + volumeName,
                Annotations = new Dictionary<string, string>
                {
                    [BinderAnnotations.BoundByController] = BinderAnnotations.Yes,
                    [BinderAnnotations.ProvisionedBy] = Provisioners.Local,
                },
                Finalizers = policy == ReclaimPolicy.Delete ? [BinderAnnotations.PvControllerFinalizer] : null,
            },
            Spec = new PersistentVolumeSpec
            {
                Capacity = new Dictionary<string, Quantity> { ["storage"] = claim.Spec!.Resources!.Requests!["storage"] },
                AccessModes = claim.Spec.AccessModes,
                ClaimRef = new ObjectReference
                {
                    Kind = "PersistentVolumeClaim",
                    ApiVersion = "v1",
                    Namespace = claim.Metadata.Namespace,
                    Name = claim.Metadata.Name,
                    Uid = claim.Metadata.Uid,
                    ResourceVersion = claim.Metadata.ResourceVersion,
                },
                PersistentVolumeReclaimPolicy = policy,
                StorageClassName = ClassRules.ClassOf(claim),
                VolumeMode = claim.Spec.VolumeMode,
                HostPath = new HostPathVolumeSource { Path = "/var/lib/stowage/volumes/" + volumeName },
            },
            // The API server discards the status of a created object.
            Status = new PersistentVolumeStatus { Phase = VolumePhase.Pending, LastPhaseTransitionTime = Now },
        };
        PutVolume(volume);
        Record("PersistentVolumeClaim", claim.Metadata.Name!, EventReasons.Normal, "ProvisioningSucceeded",
            "Successfully provisioned volume " + volumeName + " using " + Provisioners.Local);
    }

    private void Record(string kind, string name, string type, string reason, string message)
    {
        var existing = Events.FirstOrDefault(e => e.TargetKind == kind && e.TargetName == name && e.Type == type && e.Reason == reason && e.Message == message);
        if (existing is not null)
        {
            existing.Count++;
        }
        else
        {
            Events.Add(new RecordedEvent(kind, name, type, reason, message));
        }
        if (reason == EventReasons.ExternalProvisioning && ExternalProvisioner is not null && Claim(name) is { } claim)
        {
            ExternalProvisioner(this, claim);
        }
    }

    // The server keeps identity and lifecycle fields; the client controls labels, annotations, finalizers.
    private static ObjectMeta Server(ObjectMeta stored, ObjectMeta wanted) => wanted with
    {
        ResourceVersion = stored.ResourceVersion,
        Uid = stored.Uid,
        CreationTimestamp = stored.CreationTimestamp,
        DeletionTimestamp = stored.DeletionTimestamp,
    };

    // pv-semantics §1.2: a phase change without a new client-supplied time is stamped now.
    private PersistentVolumeStatus? StampTransition(PersistentVolumeStatus? stored, PersistentVolumeStatus? wanted)
    {
        if (wanted is null || stored?.Phase == wanted.Phase)
        {
            return wanted is null ? null : wanted with { LastPhaseTransitionTime = wanted.LastPhaseTransitionTime ?? stored?.LastPhaseTransitionTime };
        }
        return wanted.LastPhaseTransitionTime is null || wanted.LastPhaseTransitionTime == stored?.LastPhaseTransitionTime
            ? wanted with { LastPhaseTransitionTime = Now }
            : wanted;
    }

    private PersistentVolume Stamp(PersistentVolume volume) => volume with { Metadata = volume.Metadata with { ResourceVersion = NextRevision() } };

    private PersistentVolumeClaim Stamp(PersistentVolumeClaim claim) => claim with { Metadata = claim.Metadata with { ResourceVersion = NextRevision() } };

    private string NextRevision() => (++_revision).ToString(CultureInfo.InvariantCulture);

    private static string Key(PersistentVolumeClaim claim) => claim.Metadata.Namespace + "/" + claim.Metadata.Name;

    private static string Describe(SyncStep step) => step switch
    {
        SyncStep.WriteVolume s => "write volume " + s.Volume.Metadata.Name,
        SyncStep.WriteVolumeStatus s => "write volume status " + s.Volume.Metadata.Name + " " + s.Volume.Status?.Phase,
        SyncStep.WriteClaim s => "write claim " + s.Claim.Metadata.Name,
        SyncStep.WriteClaimStatus s => "write claim status " + s.Claim.Metadata.Name + " " + s.Claim.Status?.Phase,
        SyncStep.Event s => "event " + s.Type + " " + s.Reason + " " + s.Message,
        SyncStep.Reclaim s => "reclaim " + s.Volume.Metadata.Name + " " + s.Policy,
        SyncStep.Provision s => "provision " + s.Claim.Metadata.Name,
        SyncStep.Enqueue s => "enqueue " + s.Key,
        SyncStep.DeleteVolume s => "delete volume " + s.Volume.Metadata.Name,
        SyncStep.VerifyClaimAbsent s => "verify claim " + s.Name + " gone",
        _ => step.ToString(),
    };

    private sealed class SimulatedCrash : Exception;
}
