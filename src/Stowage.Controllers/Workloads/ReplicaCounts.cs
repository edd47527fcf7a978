using Stowage.Api.Core;
using Stowage.Api.Selectors;

namespace Stowage.Controllers.Workloads;

/// <summary>The counts a replica set or replication controller reports in its status.</summary>
/// <param name="Replicas">Active pods owned.</param>
/// <param name="FullyLabeled">Of those, pods carrying every label of the template.</param>
/// <param name="Ready">Of those, ready pods.</param>
/// <param name="Available">Of those, pods ready for at least minReadySeconds.</param>
public readonly record struct ReplicaCounts(int Replicas, int FullyLabeled, int Ready, int Available)
{
    /// <summary>calculateStatus's counts over the set's active, owned pods.</summary>
    public static ReplicaCounts Of(IReadOnlyList<Pod> pods, IReadOnlyDictionary<string, string>? templateLabels, int minReadySeconds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pods);
        var template = Selector.FromSet(templateLabels);
        int fully = 0, ready = 0, available = 0;
        foreach (var pod in pods)
        {
            if (template.Matches(pod.Metadata.Labels))
            {
                fully++;
            }
            if (PodStates.IsReady(pod))
            {
                ready++;
                if (PodStates.IsAvailable(pod, minReadySeconds, now))
                {
                    available++;
                }
            }
        }
        return new ReplicaCounts(pods.Count, fully, ready, available);
    }
}

/// <summary>The ReplicaFailure condition's reason and message.</summary>
/// <param name="Reason">FailedCreate or FailedDelete.</param>
/// <param name="Message">The error.</param>
public sealed record ReplicaFailure(string Reason, string Message);
