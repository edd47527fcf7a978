using System.Text.Json.Serialization;

namespace Stowage.Api.Apps;

/// <summary>The observed state of a deployment (apps/v1 DeploymentStatus).</summary>
public sealed record DeploymentStatus
{
    /// <summary>The generation this status reflects.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long ObservedGeneration { get; init; }

    /// <summary>Pods of every replica set of the deployment.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Replicas { get; init; }

    /// <summary>Pods of the current template.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int UpdatedReplicas { get; init; }

    /// <summary>Pods with a Ready condition.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int ReadyReplicas { get; init; }

    /// <summary>Pods ready for at least minReadySeconds.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int AvailableReplicas { get; init; }

    /// <summary>Desired pods not yet available.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int UnavailableReplicas { get; init; }

    /// <summary>Observations of the deployment's state.</summary>
    public IReadOnlyList<DeploymentCondition>? Conditions { get; init; }

    /// <summary>Hash collisions met so far; part of the pod-template-hash.</summary>
    public int? CollisionCount { get; init; }
}

/// <summary>One observation of a deployment (apps/v1 DeploymentCondition).</summary>
public sealed record DeploymentCondition
{
    /// <summary>Available, Progressing or ReplicaFailure.</summary>
    public string Type { get => field ?? ""; init; } = "";

    /// <summary>True, False or Unknown.</summary>
    public string Status { get => field ?? ""; init; } = "";

    /// <summary>When the condition was last updated.</summary>
    public DateTimeOffset? LastUpdateTime { get; init; }

    /// <summary>When the status last changed.</summary>
    public DateTimeOffset? LastTransitionTime { get; init; }

    /// <summary>Machine-readable reason.</summary>
    public string? Reason { get; init; }

    /// <summary>Human-readable message.</summary>
    public string? Message { get; init; }
}
