namespace Stowage.Api.Apps;

/// <summary>One observation of a replica set (apps/v1 ReplicaSetCondition).</summary>
public sealed record ReplicaSetCondition
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
