using Stowage.Api.Core;

namespace Stowage.Controllers.Workloads;

/// <summary>Pod predicates the workload controllers share (podutil and controller_utils in Kubernetes).</summary>
public static class PodStates
{
    /// <summary>IsPodActive: not Succeeded, not Failed, not being deleted.</summary>
    public static bool IsActive(Pod pod) =>
        pod.Status?.Phase is not ("Succeeded" or "Failed") && pod.Metadata.DeletionTimestamp is null;

    /// <summary>IsPodReady: the Ready condition is True.</summary>
    public static bool IsReady(Pod pod) => ReadyCondition(pod)?.Status == "True";

    /// <summary>When the pod last became ready (the Ready condition's lastTransitionTime), if it is ready.</summary>
    public static DateTimeOffset? ReadyTime(Pod pod) =>
        ReadyCondition(pod) is { Status: "True" } c ? c.LastTransitionTime : null;

    /// <summary>
    /// IsPodAvailable: ready, and ready for at least <paramref name="minReadySeconds"/> (a Ready
    /// condition without a transition time counts as available only when minReadySeconds is 0).
    /// </summary>
    public static bool IsAvailable(Pod pod, int minReadySeconds, DateTimeOffset now)
    {
        if (!IsReady(pod))
        {
            return false;
        }
        if (minReadySeconds == 0)
        {
            return true;
        }
        return ReadyTime(pod) is { } since && since.AddSeconds(minReadySeconds) < now;
    }

    private static PodCondition? ReadyCondition(Pod pod) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
}
