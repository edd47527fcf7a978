using Stowage.Api.Core;

namespace Stowage.Controllers.VolumeBinding;

/// <summary>
/// <c>syncClaim</c> as a pure decision (pv-semantics §3.2): what to write for one claim, given
/// everything the binder knows.
/// </summary>
/// <remarks>
/// <para>The binder's state lives entirely in the two objects. The link is bi-directional —
/// <c>volume.spec.claimRef</c> and <c>claim.spec.volumeName</c> — and is made in four writes,
/// volume first (claimRef, volume phase, claim volumeName + bind-completed, claim phase). The
/// datastore has no transactions, so every intermediate state is one the next sync recognises
/// and finishes:</para>
/// <list type="bullet">
/// <item>volume points at the claim, claim points nowhere: the claim's sync finds the volume as
/// pre-bound to it (it designates the claim) and completes the bind; the volume's sync enqueues
/// the claim (VolumeSync C2);</item>
/// <item>claim has <c>bind-completed</c>: it is "bound" and only ever re-binds to the volume it
/// names, or becomes Lost when that volume is gone or belongs to another claim;</item>
/// <item>a volume whose claim is gone (by name and UID) is Released and reclaimed.</item>
/// </list>
/// <para>Annotations record who made each side of the link: <c>bound-by-controller</c> absent means
/// the user pre-bound it, which changes how the link is undone (VolumeSync C4).</para>
/// <para>Plans depend only on their inputs; running a plan's steps, stopping anywhere and planning
/// again from the resulting state converges to the same end state.</para>
/// </remarks>
public static class ClaimSync
{
    private const string NoClassMessage = "no persistent volumes available for this claim and no storage class is set";

    /// <summary>Decides what one sync of <paramref name="claim"/> does.</summary>
    public static SyncPlan Plan(PersistentVolumeClaim claim, BindingView view, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(view);
        var plan = new PlanBuilder(now);
        if (!ObjectRefs.HasAnnotation(claim.Metadata, BinderAnnotations.BindCompleted))
        {
            if (string.IsNullOrEmpty(claim.Spec?.VolumeName))
            {
                SyncUnboundWithoutVolumeName(claim, view, plan);
            }
            else
            {
                SyncUnboundWithVolumeName(claim, claim.Spec.VolumeName, view, plan);
            }
        }
        else
        {
            SyncBound(claim, view, plan);
        }
        return plan.Build();
    }

    /// <summary>
    /// <c>IsDelayBindingMode</c>: the claim's class exists and binds WaitForFirstConsumer. A class
    /// without a binding mode is an error (it cannot happen after defaulting).
    /// </summary>
    public static bool IsDelayBinding(PersistentVolumeClaim claim, BindingView view, out string? error)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(view);
        error = null;
        string className = ClassRules.ClassOf(claim);
        if (className.Length == 0 || view.GetClass(className) is not { } storageClass)
        {
            return false;
        }
        if (storageClass.VolumeBindingMode is null)
        {
            error = "VolumeBindingMode not set for StorageClass \"" + className + "\"";
            return false;
        }
        return storageClass.VolumeBindingMode == "WaitForFirstConsumer";
    }

    // U: the user did not name a volume.
    private static void SyncUnboundWithoutVolumeName(PersistentVolumeClaim claim, BindingView view, PlanBuilder plan)
    {
        bool delayBinding = IsDelayBinding(claim, view, out var modeError);
        if (modeError is not null)
        {
            plan.Fail(modeError);
            return;
        }
        var match = view.Volumes.FindBestMatch(claim, delayBinding);
        if (match.Error is not null)
        {
            plan.Fail("error finding PV for claim \"" + ClaimKey.Of(claim) + "\": " + match.Error);
            return;
        }
        if (match.Volume is { } volume)
        {
            plan.Bind(volume, claim);
            return;
        }
        // Retroactive default class: a claim that asked for no class at all gets the default one;
        // the write triggers a new sync, which then uses it.
        if (!ClassRules.HasClass(claim) && ClassRules.DefaultClass(view.Classes) is { } defaultClass)
        {
            plan.WriteClaim(claim with { Spec = (claim.Spec ?? new PersistentVolumeClaimSpec()) with { StorageClassName = defaultClass.Metadata.Name } });
            return;
        }
        if (delayBinding && !ObjectRefs.HasAnnotation(claim.Metadata, BinderAnnotations.SelectedNode))
        {
            EmitWaitingForConsumer(claim, view, plan);
        }
        else if (ClassRules.ClassOf(claim).Length > 0)
        {
            // Provisioning writes the claim itself; its status is left alone.
            Provisioning.Plan(claim, view, plan);
            return;
        }
        else
        {
            plan.Event(ObjectRefs.Of(claim), EventReasons.Normal, EventReasons.FailedBinding, NoClassMessage);
        }
        plan.UpdateClaimStatus(claim, ClaimPhase.Pending, null);
    }

    // P: the user named a volume in spec.volumeName.
    private static void SyncUnboundWithVolumeName(PersistentVolumeClaim claim, string volumeName, BindingView view, PlanBuilder plan)
    {
        if (view.GetVolume(volumeName) is not { } volume)
        {
            plan.UpdateClaimStatus(claim, ClaimPhase.Pending, null);
            return;
        }
        if (volume.Spec?.ClaimRef is null)
        {
            if (VolumeMatcher.CheckVolumeSatisfyClaim(volume, claim) is { } reason)
            {
                plan.Event(ObjectRefs.Of(claim), EventReasons.Warning, EventReasons.VolumeMismatch,
                    "Cannot bind to requested volume \"" + volumeName + "\": " + reason);
                plan.UpdateClaimStatus(claim, ClaimPhase.Pending, null);
                return;
            }
            plan.Bind(volume, claim);
            return;
        }
        if (VolumeMatcher.IsVolumeBoundToClaim(volume, claim))
        {
            plan.Bind(volume, claim);
            return;
        }
        string message = "volume \"" + volumeName + "\" already bound to a different claim.";
        plan.Event(ObjectRefs.Of(claim), EventReasons.Warning, EventReasons.FailedBinding, message);
        if (!ObjectRefs.HasAnnotation(claim.Metadata, BinderAnnotations.BoundByController))
        {
            plan.UpdateClaimStatus(claim, ClaimPhase.Pending, null);
            return;
        }
        // Someone removed bind-completed from a claim the controller bound: leave it for a human.
        plan.Fail("invalid binding of claim \"" + ClaimKey.Of(claim) + "\" to volume \"" + volumeName
            + "\": volume already claimed by \"" + ClaimKey.Of(volume.Spec.ClaimRef) + "\"");
    }

    // B: the claim completed binding once.
    private static void SyncBound(PersistentVolumeClaim claim, BindingView view, PlanBuilder plan)
    {
        string? volumeName = claim.Spec?.VolumeName;
        if (string.IsNullOrEmpty(volumeName))
        {
            plan.UpdateClaimStatusWithEvent(claim, ClaimPhase.Lost, EventReasons.Warning, EventReasons.ClaimLost,
                "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!");
            return;
        }
        if (view.GetVolume(volumeName) is not { } volume)
        {
            plan.UpdateClaimStatusWithEvent(claim, ClaimPhase.Lost, EventReasons.Warning, EventReasons.ClaimLost,
                "Bound claim has lost its PersistentVolume. Data on the volume is lost!");
            return;
        }
        var claimRef = volume.Spec?.ClaimRef;
        if (claimRef is null || (claimRef.Uid ?? "") == (claim.Metadata.Uid ?? ""))
        {
            // Unbound volume (or the volume write not yet seen), or all is well: bind fixes whatever is missing.
            plan.Bind(volume, claim);
            return;
        }
        plan.UpdateClaimStatusWithEvent(claim, ClaimPhase.Lost, EventReasons.Warning, EventReasons.ClaimMisbound,
            "Two claims are bound to the same volume, this one is bound incorrectly");
    }

    // emitEventForUnboundDelayBindingClaim
    private static void EmitWaitingForConsumer(PersistentVolumeClaim claim, BindingView view, PlanBuilder plan)
    {
        var waiting = view.PodsUsing(ClaimKey.Of(claim))
            .Where(use => !use.Terminated && !use.Scheduled)
            .Select(use => use.PodName)
            .ToList();
        if (waiting.Count == 0)
        {
            plan.Event(ObjectRefs.Of(claim), EventReasons.Normal, EventReasons.WaitForFirstConsumer,
                "waiting for first consumer to be created before binding");
            return;
        }
        string message = waiting.Count == 1
            ? "waiting for pod " + waiting[0] + " to be scheduled"
            : "waiting for pods " + string.Join(",", waiting) + " to be scheduled";
        plan.Event(ObjectRefs.Of(claim), EventReasons.Normal, EventReasons.WaitForPodScheduled, message);
    }
}
