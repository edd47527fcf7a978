namespace Stowage.Api.Core;

/// <summary>One observation of a replication controller (v1.ReplicationControllerCondition).</summary>
public sealed record ReplicationControllerCondition
{
    /// <summary>e.g. ReplicaFailure.</summary>
    public string Type { get => field ?? ""; init; } = "";

    /// <summary>True, False or Unknown.</summary>
    public string Status { get => field ?? ""; init; } = "";

    /// <summary>When the status last changed.</summary>
    public DateTimeOffset? LastTransitionTime { get; init; }

    /// <summary>Machine-readable reason.</summary>
    public string? Reason { get; init; }

    /// <summary>Human-readable message.</summary>
    public string? Message { get; init; }
}
