using Stowage.Api.Core;
using Stowage.Api.Storage;

namespace Stowage.Controllers.Scheduling;

/// <summary>
/// What a pod's claims mean for scheduling (kube-scheduler's VolumeBinding and VolumeRestrictions
/// pre-filters): a failure that no node can fix, the bound volumes whose node affinity each node
/// must satisfy, and the WaitForFirstConsumer claims the chosen node will provision or bind.
/// </summary>
/// <param name="Failure">Why no node fits (claim missing, unbound Immediate claim, ReadWriteOncePod in use), or null.</param>
/// <param name="BoundVolumes">Volumes bound to the pod's claims.</param>
/// <param name="DelayedClaims">Unbound claims of WaitForFirstConsumer classes.</param>
public sealed record ClaimCheck(string? Failure, IReadOnlyList<PersistentVolume> BoundVolumes, IReadOnlyList<PersistentVolumeClaim> DelayedClaims)
{
    /// <summary>Evaluates the pod's persistentVolumeClaim volumes.</summary>
    public static ClaimCheck Evaluate(Pod pod, Func<string, string, PersistentVolumeClaim?> claims, Func<string, PersistentVolume?> volumes,
        Func<string, StorageClass?> classes, IEnumerable<Pod> pods)
    {
        var ns = pod.Metadata.Namespace ?? "default";
        var bound = new List<PersistentVolume>();
        var delayed = new List<PersistentVolumeClaim>();
        var unboundImmediate = false;
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            if (volume.PersistentVolumeClaim?.ClaimName is not { Length: > 0 } claimName)
            {
                continue;
            }
            if (claims(ns, claimName) is not { } claim)
            {
                return new ClaimCheck($"persistentvolumeclaim \"{claimName}\" not found", [], []);
            }
            if (claim.Metadata.DeletionTimestamp is not null)
            {
                return new ClaimCheck($"persistentvolumeclaim \"{claimName}\" is being deleted", [], []);
            }
            if (claim.Spec?.AccessModes?.Contains("ReadWriteOncePod") == true && pods.Any(p =>
                    p.Metadata.Uid != pod.Metadata.Uid && p.Metadata.Namespace == ns && !string.IsNullOrEmpty(p.Spec?.NodeName)
                    && p.Status?.Phase is not ("Succeeded" or "Failed")
                    && p.Spec?.Volumes?.Any(v => v.PersistentVolumeClaim?.ClaimName == claimName) == true))
            {
                return new ClaimCheck(NodeFit.ReadWriteOncePodConflict, [], []);
            }
            if (claim.Spec?.VolumeName is { Length: > 0 } volumeName)
            {
                if (volumes(volumeName) is { } pv)
                {
                    bound.Add(pv);
                    continue;
                }
                return new ClaimCheck("pvc(s) bound to non-existent pv(s)", [], []);
            }
            var className = claim.Spec?.StorageClassName;
            if (!string.IsNullOrEmpty(className) && classes(className) is { VolumeBindingMode: "WaitForFirstConsumer" })
            {
                delayed.Add(claim);
            }
            else
            {
                unboundImmediate = true;
            }
        }
        return unboundImmediate ? new ClaimCheck(NodeFit.UnboundImmediateClaims, [], []) : new ClaimCheck(null, bound, delayed);
    }

    /// <summary>Why <paramref name="node"/> cannot reach the bound volumes, or null.</summary>
    public string? CheckNode(Node node) =>
        BoundVolumes.Any(v => v.Spec?.NodeAffinity?.Required is { } required && !NodeFit.Matches(required, node))
            ? NodeFit.VolumeNodeConflict
            : null;
}
