using Stowage.Api.Core;

namespace Stowage.Controllers.VolumeBinding;

/// <summary>
/// <c>syncVolume</c> as a pure decision (pv-semantics §3.6): what to write for one volume.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>A</term><description>no claimRef: phase Available.</description></item>
/// <item><term>B</term><description>claimRef without UID (a user's reservation): phase Available; the claim's sync binds it.</description></item>
/// <item><term>C1</term><description>the claim (by namespace, name and UID) is gone: phase Released (a
/// Failed volume stays Failed), then the reclaim policy. Before releasing a volume that was not
/// yet Released or Failed, the executor confirms with the API server that the claim is really
/// gone (<see cref="SyncStep.VerifyClaimAbsent"/>), as Kubernetes does.</description></item>
/// <item><term>C2</term><description>the claim exists but names no volume: the binding is half done;
/// enqueue the claim (or report a volume-mode mismatch that will keep it from ever binding).</description></item>
/// <item><term>C3</term><description>the claim names this volume: phase Bound.</description></item>
/// <item><term>C4</term><description>the claim names another volume: this volume lost a race. A
/// provisioned Delete volume is released and deleted; otherwise the link is undone
/// (<c>unbindVolume</c>).</description></item>
/// </list>
/// </remarks>
public static class VolumeSync
{
    /// <summary>Decides what one sync of <paramref name="volume"/> does.</summary>
    public static SyncPlan Plan(PersistentVolume volume, BindingView view, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(view);
        var plan = new PlanBuilder(now);
        volume = EnsureReclaimFinalizer(volume, plan);
        var claimRef = volume.Spec?.ClaimRef;
        if (claimRef is null || string.IsNullOrEmpty(claimRef.Uid))
        {
            plan.UpdateVolumePhase(volume, VolumePhase.Available, "");
            return plan.Build();
        }
        string phase = PlanBuilder.PhaseOf(volume);
        bool releasedOrFailed = phase is VolumePhase.Released or VolumePhase.Failed;
        var claim = view.GetClaim(ClaimKey.Of(claimRef));
        if (claim is null && !releasedOrFailed)
        {
            plan.VerifyClaimAbsent(claimRef);
        }
        else if (claim is not null && (claim.Metadata.Uid ?? "") != claimRef.Uid)
        {
            // A claim of that name, but a newer one: the claim this volume was bound to is gone.
            plan.VerifyClaimAbsent(claimRef);
            claim = null;
        }

        if (claim is null)
        {
            if (!releasedOrFailed)
            {
                volume = plan.UpdateVolumePhase(volume, VolumePhase.Released, "");
            }
            Reclaim(volume, view, plan);
        }
        else if (string.IsNullOrEmpty(claim.Spec?.VolumeName))
        {
            if (VolumeMatcher.VolumeModesMismatch(claim, volume))
            {
                plan.Event(ObjectRefs.Of(volume), EventReasons.Warning, EventReasons.VolumeMismatch,
                    "Cannot bind PersistentVolume to requested PersistentVolumeClaim \"" + claim.Metadata.Name + "\" due to incompatible volumeMode.");
                plan.Event(ObjectRefs.Of(claim), EventReasons.Warning, EventReasons.VolumeMismatch,
                    "Cannot bind PersistentVolume \"" + volume.Metadata.Name + "\" to requested PersistentVolumeClaim due to incompatible volumeMode.");
                return plan.Build();
            }
            plan.Enqueue(QueueKey.Claim(ClaimKey.Of(claim)));
        }
        else if (claim.Spec.VolumeName == volume.Metadata.Name)
        {
            plan.UpdateVolumePhase(volume, VolumePhase.Bound, "");
        }
        else if (ObjectRefs.HasAnnotation(volume.Metadata, BinderAnnotations.ProvisionedBy)
            && volume.Spec?.PersistentVolumeReclaimPolicy == ReclaimPolicy.Delete)
        {
            // Provisioned for this claim, which got bound elsewhere: not needed any more.
            if (!releasedOrFailed)
            {
                volume = plan.UpdateVolumePhase(volume, VolumePhase.Released, "");
            }
            Reclaim(volume, view, plan);
        }
        else
        {
            plan.UnbindVolume(volume);
        }
        return plan.Build();
    }

    /// <summary>
    /// <c>reclaimVolume</c>: Retain does nothing, Recycle and Delete become a
    /// <see cref="SyncStep.Reclaim"/> for the executor, anything else fails the volume. A migrated
    /// volume is left to its CSI driver. A volume to recycle while pods still use its old claim
    /// (and no claim of that name exists now) waits, with a Normal event.
    /// </summary>
    private static void Reclaim(PersistentVolume volume, BindingView view, PlanBuilder plan)
    {
        if (!string.IsNullOrEmpty(volume.Metadata.Annotations?.GetValueOrDefault(BinderAnnotations.MigratedTo)))
        {
            return;
        }
        // A policy the API server did not default ("" or absent) is taken as the default, Retain.
        string policy = volume.Spec?.PersistentVolumeReclaimPolicy is { Length: > 0 } given ? given : ReclaimPolicy.Retain;
        switch (policy)
        {
            case ReclaimPolicy.Retain:
                return;
            case ReclaimPolicy.Recycle:
                var claimKey = ClaimKey.Of(volume.Spec!.ClaimRef!);
                var users = view.PodsUsing(claimKey)
                    .Where(use => !use.Terminated)
                    .Select(use => use.Namespace + "/" + use.PodName)
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (users.Count > 0 && view.GetClaim(claimKey) is null)
                {
                    plan.Event(ObjectRefs.Of(volume), EventReasons.Normal, EventReasons.VolumeFailedRecycle,
                        "Volume is used by pods: " + string.Join(",", users));
                    return;
                }
                plan.Reclaim(volume, policy);
                return;
            case ReclaimPolicy.Delete:
                plan.Reclaim(volume, policy);
                return;
            default:
                plan.UpdateVolumePhaseWithEvent(volume, VolumePhase.Failed, EventReasons.Warning,
                    EventReasons.VolumeUnknownReclaimPolicy, "Volume has unrecognized PersistentVolumeReclaimPolicy");
                return;
        }
    }

    /// <summary>
    /// <c>modifyDeletionFinalizers</c> (HonorPVReclaimPolicy): a volume provisioned by a built-in
    /// provisioner keeps <see cref="BinderAnnotations.PvControllerFinalizer"/> exactly while its
    /// policy is Delete, so the object outlives its storage asset only until the deleter ran.
    /// </summary>
    private static PersistentVolume EnsureReclaimFinalizer(PersistentVolume volume, PlanBuilder plan)
    {
        if (volume.Metadata.Annotations?.GetValueOrDefault(BinderAnnotations.ProvisionedBy) is not { } provisioner
            || !Provisioners.IsBuiltIn(provisioner))
        {
            return volume;
        }
        var finalizers = volume.Metadata.Finalizers ?? [];
        bool has = finalizers.Contains(BinderAnnotations.PvControllerFinalizer);
        string? policy = volume.Spec?.PersistentVolumeReclaimPolicy;
        IReadOnlyList<string>? updated = null;
        if (policy == ReclaimPolicy.Delete && !has)
        {
            updated = [.. finalizers, BinderAnnotations.PvControllerFinalizer];
        }
        else if (policy is ReclaimPolicy.Retain or ReclaimPolicy.Recycle && has)
        {
            updated = finalizers.Where(f => f != BinderAnnotations.PvControllerFinalizer).ToArray();
        }
        if (updated is null)
        {
            return volume;
        }
        return plan.WriteVolume(volume with { Metadata = volume.Metadata with { Finalizers = updated.Count == 0 ? null : updated } });
    }
}
