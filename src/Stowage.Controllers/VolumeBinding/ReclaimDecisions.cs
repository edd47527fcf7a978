using Stowage.Api.Core;

namespace Stowage.Controllers.VolumeBinding;

/// <summary>
/// The binder's decisions around a <see cref="SyncStep.Reclaim"/> (pv-semantics §6): whether the
/// volume still needs reclaiming, which deleter to use, and what to write once the plugin has
/// answered. The plugins themselves run in the executor.
/// </summary>
public static class ReclaimDecisions
{
    /// <summary>
    /// <c>isVolumeReleased</c>: the volume has a claimRef with a UID, and no claim with that
    /// namespace, name and UID exists, or that claim names another volume. The executor checks
    /// this again on fresh state before running a plugin.
    /// </summary>
    public static bool IsReleased(PersistentVolume volume, BindingView view)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(view);
        var claimRef = volume.Spec?.ClaimRef;
        if (claimRef is null || string.IsNullOrEmpty(claimRef.Uid))
        {
            return false;
        }
        var claim = view.GetClaim(ClaimKey.Of(claimRef));
        if (claim is not null && claim.Metadata.Uid == claimRef.Uid)
        {
            string? volumeName = claim.Spec?.VolumeName;
            return !string.IsNullOrEmpty(volumeName) && volumeName != volume.Metadata.Name;
        }
        return true;
    }

    /// <summary>
    /// <c>findDeletablePlugin</c>: the plugin that provisioned the volume if it exists; an external
    /// deleter when the provisioner is not an in-tree name, when the volume is migrated, or when
    /// its source is CSI; otherwise whichever plugin supports the source.
    /// </summary>
    /// <param name="volume">The volume to delete.</param>
    /// <param name="hasDeletePlugin">Whether a deleting plugin of that name is built in.</param>
    public static DeleterChoice ChooseDeleter(PersistentVolume volume, Func<string, bool> hasDeletePlugin)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(hasDeletePlugin);
        var annotations = volume.Metadata.Annotations;
        if (annotations?.GetValueOrDefault(BinderAnnotations.ProvisionedBy) is { Length: > 0 } provisioner)
        {
            if (hasDeletePlugin(provisioner))
            {
                return new DeleterChoice(DeleterKind.ProvisioningPlugin, provisioner);
            }
            if (!provisioner.StartsWith(Provisioners.InTreePrefix, StringComparison.Ordinal))
            {
                return new DeleterChoice(DeleterKind.External);
            }
            return new DeleterChoice(DeleterKind.Missing, Error: "no volume plugin matched name: " + provisioner);
        }
        if (annotations?.ContainsKey(BinderAnnotations.MigratedTo) == true || volume.Spec?.Csi is not null)
        {
            return new DeleterChoice(DeleterKind.External);
        }
        return new DeleterChoice(DeleterKind.FromSource);
    }

    /// <summary>
    /// <c>recycleVolumeOperation</c> after the plugin: on success a VolumeRecycled event and the
    /// volume unbound (Available); without a plugin or on failure, phase Failed with Kubernetes'
    /// message and a Warning event (only when the phase changes; the next sync tries again).
    /// </summary>
    /// <param name="volume">The volume as the executor read it before recycling.</param>
    /// <param name="outcome">What the recycler reported.</param>
    /// <param name="now">The time of the phase change.</param>
    public static SyncPlan AfterRecycle(PersistentVolume volume, RecycleOutcome outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(outcome);
        var plan = new PlanBuilder(now);
        switch (outcome.Kind)
        {
            case RecycleOutcomeKind.Recycled:
                plan.Event(ObjectRefs.Of(volume), EventReasons.Normal, EventReasons.VolumeRecycled, "Volume recycled");
                plan.UnbindVolume(volume);
                break;
            case RecycleOutcomeKind.NoPlugin:
                plan.UpdateVolumePhaseWithEvent(volume, VolumePhase.Failed, EventReasons.Warning, EventReasons.VolumeFailedRecycle,
                    "No recycler plugin found for the volume!");
                break;
            default:
                plan.UpdateVolumePhaseWithEvent(volume, VolumePhase.Failed, EventReasons.Warning, EventReasons.VolumeFailedRecycle,
                    "Recycle failed: " + outcome.Error);
                break;
        }
        return plan.Build();
    }

    /// <summary>
    /// <c>deleteVolumeOperation</c> after the plugin: on success the
    /// <see cref="BinderAnnotations.PvControllerFinalizer"/> is removed and the volume object
    /// deleted; an external deleter means nothing to do; "still in use" is a Normal VolumeDelete
    /// event; any other failure is phase Failed with the error as message and a Warning event
    /// (only when the phase changes; the next sync tries again).
    /// </summary>
    /// <param name="volume">The volume as the executor read it before deleting.</param>
    /// <param name="outcome">What the deleter reported.</param>
    /// <param name="now">The time of the phase change.</param>
    public static SyncPlan AfterDelete(PersistentVolume volume, DeleteOutcome outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(outcome);
        var plan = new PlanBuilder(now);
        string name = volume.Metadata.Name ?? "";
        switch (outcome.Kind)
        {
            case DeleteOutcomeKind.Deleted:
                var finalizers = volume.Metadata.Finalizers;
                if (finalizers?.Contains(BinderAnnotations.PvControllerFinalizer) == true)
                {
                    var remaining = finalizers.Where(f => f != BinderAnnotations.PvControllerFinalizer).ToArray();
                    volume = plan.WriteVolume(volume with { Metadata = volume.Metadata with { Finalizers = remaining.Length == 0 ? null : remaining } });
                }
                plan.DeleteVolume(volume);
                break;
            case DeleteOutcomeKind.External:
                break;
            case DeleteOutcomeKind.InUse:
                plan.Event(ObjectRefs.Of(volume), EventReasons.Normal, EventReasons.VolumeDelete, outcome.Error ?? "");
                break;
            default:
                string message = outcome.Kind switch
                {
                    DeleteOutcomeKind.NoPlugin => "error getting deleter volume plugin for volume \"" + name + "\": " + outcome.Error,
                    DeleteOutcomeKind.DeleterCreationFailed => "failed to create deleter for volume \"" + name + "\": " + outcome.Error,
                    _ => outcome.Error ?? "",
                };
                plan.UpdateVolumePhaseWithEvent(volume, VolumePhase.Failed, EventReasons.Warning, EventReasons.VolumeFailedDelete, message);
                break;
        }
        return plan.Build();
    }
}
