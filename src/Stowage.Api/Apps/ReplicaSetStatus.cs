using System.Text.Json.Serialization;

namespace Stowage.Api.Apps;

/// <summary>The observed state of a replica set (apps/v1 ReplicaSetStatus).</summary>
public sealed record ReplicaSetStatus
{
    /// <summary>The most recently observed number of replicas.</summary>
    public int Replicas { get; init; }

    /// <summary>Pods whose labels match the template's labels.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int FullyLabeledReplicas { get; init; }

    /// <summary>Pods with a Ready condition.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int ReadyReplicas { get; init; }

    /// <summary>Pods ready for at least minReadySeconds.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int AvailableReplicas { get; init; }

    /// <summary>The generation this status reflects.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long ObservedGeneration { get; init; }

    /// <summary>Observations of the set's state.</summary>
    public IReadOnlyList<ReplicaSetCondition>? Conditions { get; init; }
}
