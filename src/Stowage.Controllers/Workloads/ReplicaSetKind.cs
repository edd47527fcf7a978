using Stowage.Api.Apps;
using Stowage.Api.Core;
using Stowage.Api.Selectors;
using Stowage.Runtime.Client;

namespace Stowage.Controllers.Workloads;

/// <summary>apps/v1 ReplicaSet for the replica controller.</summary>
public sealed class ReplicaSetKind : IReplicaKind<ReplicaSet>
{
    /// <summary>The shared instance.</summary>
    public static ReplicaSetKind Instance { get; } = new();

    /// <inheritdoc/>
    public ResourceType<ReplicaSet> Type => ResourceTypes.ReplicaSets;

    /// <inheritdoc/>
    public string ApiVersion => "apps/v1";

    /// <inheritdoc/>
    public string Kind => "ReplicaSet";

    /// <inheritdoc/>
    public string ControllerName => "replicaset-controller";

    /// <inheritdoc/>
    public int Replicas(ReplicaSet obj) => obj.Spec?.Replicas ?? 1;

    /// <inheritdoc/>
    public int MinReadySeconds(ReplicaSet obj) => obj.Spec?.MinReadySeconds ?? 0;

    /// <inheritdoc/>
    public Selector Selector(ReplicaSet obj) =>
        Api.Selectors.Selector.TryFromLabelSelector(obj.Spec?.Selector, out var s, out _) ? s : Api.Selectors.Selector.Nothing;

    /// <inheritdoc/>
    public PodTemplateSpec? Template(ReplicaSet obj) => obj.Spec?.Template;

    /// <inheritdoc/>
    public (ReplicaCounts Counts, long ObservedGeneration) Status(ReplicaSet obj)
    {
        var s = obj.Status ?? new ReplicaSetStatus();
        return (new ReplicaCounts(s.Replicas, s.FullyLabeledReplicas, s.ReadyReplicas, s.AvailableReplicas), s.ObservedGeneration);
    }

    /// <inheritdoc/>
    public ReplicaFailure? Failure(ReplicaSet obj) =>
        obj.Status?.Conditions?.FirstOrDefault(c => c.Type == "ReplicaFailure") is { } c ? new ReplicaFailure(c.Reason ?? "", c.Message ?? "") : null;

    /// <inheritdoc/>
    public ReplicaSet WithStatus(ReplicaSet obj, ReplicaCounts counts, long observedGeneration, ReplicaFailure? failure, DateTimeOffset now)
    {
        var conditions = (obj.Status?.Conditions ?? []).Where(c => c.Type != "ReplicaFailure").ToList();
        var existing = obj.Status?.Conditions?.FirstOrDefault(c => c.Type == "ReplicaFailure");
        if (failure is not null)
        {
            conditions.Add(existing ?? new ReplicaSetCondition { Type = "ReplicaFailure", Status = "True", LastTransitionTime = now, Reason = failure.Reason, Message = failure.Message });
        }
        return obj with
        {
            Status = new ReplicaSetStatus
            {
                Replicas = counts.Replicas,
                FullyLabeledReplicas = counts.FullyLabeled,
                ReadyReplicas = counts.Ready,
                AvailableReplicas = counts.Available,
                ObservedGeneration = observedGeneration,
                Conditions = conditions.Count == 0 ? null : conditions,
            },
        };
    }
}
