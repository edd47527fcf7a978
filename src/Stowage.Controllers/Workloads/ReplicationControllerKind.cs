using Stowage.Api.Core;
using Stowage.Api.Selectors;
using Stowage.Runtime.Client;

namespace Stowage.Controllers.Workloads;

/// <summary>core/v1 ReplicationController for the replica controller: a set-based selector of equalities.</summary>
public sealed class ReplicationControllerKind : IReplicaKind<ReplicationController>
{
    /// <summary>The shared instance.</summary>
    public static ReplicationControllerKind Instance { get; } = new();

    /// <inheritdoc/>
    public ResourceType<ReplicationController> Type => ResourceTypes.ReplicationControllers;

    /// <inheritdoc/>
    public string ApiVersion => "v1";

    /// <inheritdoc/>
    public string Kind => "ReplicationController";

    /// <inheritdoc/>
    public string ControllerName => "replication-controller";

    /// <inheritdoc/>
    public int Replicas(ReplicationController obj) => obj.Spec?.Replicas ?? 1;

    /// <inheritdoc/>
    public int MinReadySeconds(ReplicationController obj) => obj.Spec?.MinReadySeconds ?? 0;

    /// <inheritdoc/>
    public Selector Selector(ReplicationController obj) =>
        obj.Spec?.Selector is { Count: > 0 } labels ? Api.Selectors.Selector.FromSet(labels) : Api.Selectors.Selector.Nothing;

    /// <inheritdoc/>
    public PodTemplateSpec? Template(ReplicationController obj) => obj.Spec?.Template;

    /// <inheritdoc/>
    public (ReplicaCounts Counts, long ObservedGeneration) Status(ReplicationController obj)
    {
        var s = obj.Status ?? new ReplicationControllerStatus();
        return (new ReplicaCounts(s.Replicas, s.FullyLabeledReplicas, s.ReadyReplicas, s.AvailableReplicas), s.ObservedGeneration);
    }

    /// <inheritdoc/>
    public ReplicaFailure? Failure(ReplicationController obj) =>
        obj.Status?.Conditions?.FirstOrDefault(c => c.Type == "ReplicaFailure") is { } c ? new ReplicaFailure(c.Reason ?? "", c.Message ?? "") : null;

    /// <inheritdoc/>
    public ReplicationController WithStatus(ReplicationController obj, ReplicaCounts counts, long observedGeneration, ReplicaFailure? failure, DateTimeOffset now)
    {
        var conditions = (obj.Status?.Conditions ?? []).Where(c => c.Type != "ReplicaFailure").ToList();
        var existing = obj.Status?.Conditions?.FirstOrDefault(c => c.Type == "ReplicaFailure");
        if (failure is not null)
        {
            conditions.Add(existing ?? new ReplicationControllerCondition { Type = "ReplicaFailure", Status = "True", LastTransitionTime = now, Reason = failure.Reason, Message = failure.Message });
        }
        return obj with
        {
            Status = new ReplicationControllerStatus
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
