using System.Text.Json.Serialization;

namespace Stowage.Api.Core;

/// <summary>The observed state of a replication controller (v1.ReplicationControllerStatus).</summary>
public sealed record ReplicationControllerStatus
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

    /// <summary>Observations of the controller's state.</summary>
    public IReadOnlyList<ReplicationControllerCondition>? Conditions { get; init; }
}
