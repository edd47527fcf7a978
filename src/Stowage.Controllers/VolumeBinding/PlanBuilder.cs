using Stowage.Api.Core;
using Stowage.Api.Quantities;
using Stowage.Api.Storage;

namespace Stowage.Controllers.VolumeBinding;

/// <summary>
/// Collects the steps of one sync. Its write operations are Kubernetes' controller helpers
/// (<c>updateVolumePhase</c>, <c>updateClaimStatus</c>, <c>bind</c>, <c>unbindVolume</c>, …):
/// each compares the object with what it should be, adds a write only when something differs,
/// and returns the object as it will be after the write, so later decisions in the same sync see
/// it, exactly as Kubernetes continues with the object the API server returned.
/// </summary>
internal sealed class PlanBuilder(DateTimeOffset now)
{
    private readonly List<SyncStep> _steps = [];
    private string? _error;

    /// <summary>Whether an error has been recorded; callers stop adding steps.</summary>
    public bool Failed => _error is not null;

    /// <summary>The plan so far.</summary>
    public SyncPlan Build() => _steps.Count == 0 && _error is null ? SyncPlan.Nothing : new SyncPlan(_steps.ToArray(), _error);

    /// <summary>Ends the sync with an error (the executor retries with back-off).</summary>
    public void Fail(string error) => _error ??= error;

    public void Event(ObjectReference target, string type, string reason, string message) =>
        _steps.Add(new SyncStep.Event(target, type, reason, message));

    public void Enqueue(QueueKey key) => _steps.Add(new SyncStep.Enqueue(key));

    public void Reclaim(PersistentVolume volume, string policy) => _steps.Add(new SyncStep.Reclaim(volume, policy));

    public void Provision(PersistentVolumeClaim claim, StorageClass storageClass) => _steps.Add(new SyncStep.Provision(claim, storageClass));

    public void DeleteVolume(PersistentVolume volume) => _steps.Add(new SyncStep.DeleteVolume(volume));

    public void VerifyClaimAbsent(ObjectReference claimRef) =>
        _steps.Add(new SyncStep.VerifyClaimAbsent(claimRef.Namespace ?? "", claimRef.Name ?? "", claimRef.Uid ?? ""));

    public PersistentVolume WriteVolume(PersistentVolume volume)
    {
        _steps.Add(new SyncStep.WriteVolume(volume));
        return volume;
    }

    public PersistentVolumeClaim WriteClaim(PersistentVolumeClaim claim)
    {
        _steps.Add(new SyncStep.WriteClaim(claim));
        return claim;
    }

    /// <summary>
    /// <c>updateVolumePhase</c>: nothing when the phase is already set (the message is then left
    /// alone too); otherwise phase, message and <c>lastPhaseTransitionTime</c> = now.
    /// </summary>
    public PersistentVolume UpdateVolumePhase(PersistentVolume volume, string phase, string message)
    {
        if (PhaseOf(volume) == phase)
        {
            return volume;
        }
        var status = (volume.Status ?? new PersistentVolumeStatus()) with
        {
            Phase = phase,
            Message = message.Length == 0 ? null : message,
            LastPhaseTransitionTime = now,
        };
        var updated = volume with { Status = status };
        _steps.Add(new SyncStep.WriteVolumeStatus(updated));
        return updated;
    }

    /// <summary><c>updateVolumePhaseWithEvent</c>: the phase write and the event, both only when the phase changes.</summary>
    public PersistentVolume UpdateVolumePhaseWithEvent(PersistentVolume volume, string phase, string type, string reason, string message)
    {
        if (PhaseOf(volume) == phase)
        {
            return volume;
        }
        var updated = UpdateVolumePhase(volume, phase, message);
        Event(ObjectRefs.Of(updated), type, reason, message);
        return updated;
    }

    /// <summary>
    /// <c>updateClaimStatus</c>. Without a volume: the phase, and accessModes, capacity and the
    /// current attributes class cleared. With one: the phase, accessModes := the volume's; when the
    /// phase changes, capacity := the volume's (or its pre-resize capacity); when the claim goes
    /// from Pending to Bound, the current attributes class := the volume's.
    /// </summary>
    public PersistentVolumeClaim UpdateClaimStatus(PersistentVolumeClaim claim, string phase, PersistentVolume? volume)
    {
        var old = claim.Status ?? new PersistentVolumeClaimStatus();
        var status = old;
        bool dirty = false;
        bool phaseChanges = PhaseOf(claim) != phase;
        if (phaseChanges)
        {
            status = status with { Phase = phase };
            dirty = true;
        }
        if (volume is null)
        {
            if (old.AccessModes is not null || old.Capacity is not null || old.CurrentVolumeAttributesClassName is not null)
            {
                status = status with { AccessModes = null, Capacity = null, CurrentVolumeAttributesClassName = null };
                dirty = true;
            }
        }
        else
        {
            var volumeModes = volume.Spec?.AccessModes;
            if (!SameList(old.AccessModes, volumeModes))
            {
                status = status with { AccessModes = volumeModes };
                dirty = true;
            }
            if (phaseChanges)
            {
                if (volume.Spec?.Capacity is not { } volumeCapacity || !volumeCapacity.TryGetValue("storage", out var storage))
                {
                    Fail("PersistentVolume \"" + volume.Metadata.Name + "\" is without a storage capacity");
                    return claim;
                }
                if (volume.Metadata.Annotations?.GetValueOrDefault(BinderAnnotations.PreResizeCapacity) is { } preResize)
                {
                    var capacity = new Dictionary<string, Quantity>(old.Capacity ?? new Dictionary<string, Quantity>(), StringComparer.Ordinal)
                    {
                        ["storage"] = Quantity.TryParse(preResize, out var parsed, out _) ? parsed : storage,
                    };
                    status = status with { Capacity = capacity };
                    dirty = true;
                }
                else if (old.Capacity?.TryGetValue("storage", out var claimed) != true || claimed != storage)
                {
                    status = status with { Capacity = volumeCapacity };
                    dirty = true;
                }
            }
            string? volumeAttributesClass = volume.Spec?.VolumeAttributesClassName;
            if (PhaseOf(claim) == ClaimPhase.Pending && phase == ClaimPhase.Bound && old.CurrentVolumeAttributesClassName != volumeAttributesClass)
            {
                status = status with { CurrentVolumeAttributesClassName = volumeAttributesClass };
                dirty = true;
            }
        }
        if (!dirty)
        {
            return claim;
        }
        var updated = claim with { Status = status };
        _steps.Add(new SyncStep.WriteClaimStatus(updated));
        return updated;
    }

    /// <summary><c>updateClaimStatusWithEvent</c>: the status write (without a volume) and the event, only when the phase changes.</summary>
    public PersistentVolumeClaim UpdateClaimStatusWithEvent(PersistentVolumeClaim claim, string phase, string type, string reason, string message)
    {
        if (PhaseOf(claim) == phase)
        {
            return claim;
        }
        var updated = UpdateClaimStatus(claim, phase, null);
        Event(ObjectRefs.Of(updated), type, reason, message);
        return updated;
    }

    /// <summary>
    /// <c>bind</c> (pv-semantics §3.5): volume claimRef (+ bound-by-controller unless the volume
    /// designated the claim already), volume phase Bound, claim volumeName (+ bound-by-controller
    /// unless the claim named the volume already) and bind-completed, claim status Bound. Each
    /// write only when needed, so a bind interrupted anywhere is finished by the next sync.
    /// </summary>
    public void Bind(PersistentVolume volume, PersistentVolumeClaim claim)
    {
        volume = BindVolumeToClaim(volume, claim);
        volume = UpdateVolumePhase(volume, VolumePhase.Bound, "");
        claim = BindClaimToVolume(claim, volume);
        UpdateClaimStatus(claim, ClaimPhase.Bound, volume);
    }

    /// <summary>
    /// <c>unbindVolume</c> (pv-semantics §3.7): a controller-made link loses claimRef and
    /// bound-by-controller; a user's pre-binding keeps its claimRef with the UID cleared. Then phase
    /// Available.
    /// </summary>
    public void UnbindVolume(PersistentVolume volume)
    {
        var spec = volume.Spec ?? new PersistentVolumeSpec();
        PersistentVolume updated;
        if (ObjectRefs.HasAnnotation(volume.Metadata, BinderAnnotations.BoundByController))
        {
            updated = volume with
            {
                Metadata = ObjectRefs.WithoutAnnotation(volume.Metadata, BinderAnnotations.BoundByController),
                Spec = spec with { ClaimRef = null },
            };
        }
        else
        {
            updated = volume with { Spec = spec with { ClaimRef = spec.ClaimRef is null ? null : spec.ClaimRef with { Uid = null } } };
        }
        WriteVolume(updated);
        UpdateVolumePhase(updated, VolumePhase.Available, "");
    }

    /// <summary>
    /// <c>setClaimProvisioner</c>: both provisioner annotations, unless the GA one already names
    /// this provisioner.
    /// </summary>
    public PersistentVolumeClaim SetClaimProvisioner(PersistentVolumeClaim claim, string provisioner)
    {
        if (claim.Metadata.Annotations?.GetValueOrDefault(BinderAnnotations.StorageProvisioner) == provisioner)
        {
            return claim;
        }
        var metadata = ObjectRefs.WithAnnotation(claim.Metadata, BinderAnnotations.BetaStorageProvisioner, provisioner);
        metadata = ObjectRefs.WithAnnotation(metadata, BinderAnnotations.StorageProvisioner, provisioner);
        return WriteClaim(claim with { Metadata = metadata });
    }

    /// <summary><c>GetBindVolumeToClaim</c> plus the write when anything changed.</summary>
    private PersistentVolume BindVolumeToClaim(PersistentVolume volume, PersistentVolumeClaim claim)
    {
        bool setBoundByController = !VolumeMatcher.IsVolumeBoundToClaim(volume, claim);
        var updated = volume;
        bool dirty = false;
        var claimRef = volume.Spec?.ClaimRef;
        if (claimRef is null
            || (claimRef.Name ?? "") != (claim.Metadata.Name ?? "")
            || (claimRef.Namespace ?? "") != (claim.Metadata.Namespace ?? "")
            || (claimRef.Uid ?? "") != (claim.Metadata.Uid ?? ""))
        {
            updated = updated with { Spec = (updated.Spec ?? new PersistentVolumeSpec()) with { ClaimRef = ObjectRefs.Of(claim) } };
            dirty = true;
        }
        if (setBoundByController && !ObjectRefs.HasAnnotation(updated.Metadata, BinderAnnotations.BoundByController))
        {
            updated = updated with { Metadata = ObjectRefs.WithAnnotation(updated.Metadata, BinderAnnotations.BoundByController, BinderAnnotations.Yes) };
            dirty = true;
        }
        return dirty ? WriteVolume(updated) : volume;
    }

    /// <summary><c>bindClaimToVolume</c>.</summary>
    private PersistentVolumeClaim BindClaimToVolume(PersistentVolumeClaim claim, PersistentVolume volume)
    {
        var updated = claim;
        bool dirty = false;
        if (volume.Metadata.Name != claim.Spec?.VolumeName)
        {
            updated = updated with { Spec = (updated.Spec ?? new PersistentVolumeClaimSpec()) with { VolumeName = volume.Metadata.Name } };
            if (!ObjectRefs.HasAnnotation(updated.Metadata, BinderAnnotations.BoundByController))
            {
                updated = updated with { Metadata = ObjectRefs.WithAnnotation(updated.Metadata, BinderAnnotations.BoundByController, BinderAnnotations.Yes) };
            }
            dirty = true;
        }
        if (!ObjectRefs.HasAnnotation(updated.Metadata, BinderAnnotations.BindCompleted))
        {
            updated = updated with { Metadata = ObjectRefs.WithAnnotation(updated.Metadata, BinderAnnotations.BindCompleted, BinderAnnotations.Yes) };
            dirty = true;
        }
        return dirty ? WriteClaim(updated) : claim;
    }

    public static string PhaseOf(PersistentVolume volume) => volume.Status?.Phase ?? "";

    public static string PhaseOf(PersistentVolumeClaim claim) => claim.Status?.Phase ?? "";

    // reflect.DeepEqual on two string slices: nil equals only nil.
    private static bool SameList(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b, StringComparer.Ordinal);
}
