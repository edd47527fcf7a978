using System.Text.Json.Nodes;
using Stowage.Api.Quantities;

namespace Stowage.Api.Core;

/// <summary>What a pod is doing, as its node agent reports it (v1.PodStatus).</summary>
public sealed record PodStatus
{
    /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
    public string? Phase { get; init; }

    /// <summary>PodScheduled, Initialized, ContainersReady, Ready, ...</summary>
    public IReadOnlyList<PodCondition>? Conditions { get; init; }

    /// <summary>Why the pod is in this state, for people.</summary>
    public string? Message { get; init; }

    /// <summary>Why the pod is in this state, e.g. Evicted.</summary>
    public string? Reason { get; init; }

    /// <summary>The node the pod may run on after preempting others.</summary>
    public string? NominatedNodeName { get; init; }

    /// <summary>The node's primary IP.</summary>
    public string? HostIP { get; init; }

    /// <summary>The node's IPs.</summary>
    public IReadOnlyList<HostIp>? HostIPs { get; init; }

    /// <summary>The pod's primary IP.</summary>
    public string? PodIP { get; init; }

    /// <summary>The pod's IPs (one per family).</summary>
    public IReadOnlyList<PodIp>? PodIPs { get; init; }

    /// <summary>When the node agent accepted the pod.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>One entry per init container.</summary>
    public IReadOnlyList<ContainerStatus>? InitContainerStatuses { get; init; }

    /// <summary>One entry per container.</summary>
    public IReadOnlyList<ContainerStatus>? ContainerStatuses { get; init; }

    /// <summary>Guaranteed, Burstable or BestEffort (fixed at creation).</summary>
    public string? QosClass { get; init; }

    /// <summary>One entry per ephemeral container.</summary>
    public IReadOnlyList<ContainerStatus>? EphemeralContainerStatuses { get; init; }

    /// <summary>Progress of an in-place resize.</summary>
    public string? Resize { get; init; }

    /// <summary>Generated claim names (v1.PodResourceClaimStatus).</summary>
    public IReadOnlyList<JsonObject>? ResourceClaimStatuses { get; init; }
}

/// <summary>A condition of a pod.</summary>
public sealed record PodCondition
{
    /// <summary>PodScheduled, Initialized, ContainersReady, Ready or a readiness gate.</summary>
    public string Type { get => field ?? ""; init; } = "";

    /// <summary>True, False or Unknown.</summary>
    public string Status { get => field ?? ""; init; } = "";

    /// <summary>Last probe time.</summary>
    public DateTimeOffset? LastProbeTime { get; init; }

    /// <summary>Last transition time.</summary>
    public DateTimeOffset? LastTransitionTime { get; init; }

    /// <summary>Short reason.</summary>
    public string? Reason { get; init; }

    /// <summary>Human message.</summary>
    public string? Message { get; init; }
}

/// <summary>An IP address of a pod.</summary>
public sealed record PodIp
{
    /// <summary>The address.</summary>
    public string Ip { get => field ?? ""; init; } = "";
}

/// <summary>An IP address of the pod's node.</summary>
public sealed record HostIp
{
    /// <summary>The address.</summary>
    public string Ip { get => field ?? ""; init; } = "";
}

/// <summary>The status of one container of a pod.</summary>
public sealed record ContainerStatus
{
    /// <summary>The container's name.</summary>
    public string Name { get => field ?? ""; init; } = "";

    /// <summary>Waiting, running or terminated.</summary>
    public ContainerState? State { get; init; }

    /// <summary>The previous termination, if the container restarted.</summary>
    public ContainerState? LastState { get; init; }

    /// <summary>Passing its readiness check.</summary>
    public bool Ready { get; init; }

    /// <summary>How often the container restarted.</summary>
    public int RestartCount { get; init; }

    /// <summary>The image running.</summary>
    public string Image { get => field ?? ""; init; } = "";

    /// <summary>The image's id.</summary>
    public string ImageID { get => field ?? ""; init; } = "";

    /// <summary>The runtime's container id, type://id.</summary>
    public string? ContainerID { get; init; }

    /// <summary>Past its postStart hook and startup probe.</summary>
    public bool? Started { get; init; }

    /// <summary>Resources the node allocated.</summary>
    public IReadOnlyDictionary<string, Quantity>? AllocatedResources { get; init; }

    /// <summary>Resources in effect.</summary>
    public ResourceRequirements? Resources { get; init; }

    /// <summary>Mount status (v1.VolumeMountStatus).</summary>
    public IReadOnlyList<JsonObject>? VolumeMounts { get; init; }

    /// <summary>The identity of the first process (v1.ContainerUser).</summary>
    public JsonObject? User { get; init; }

    /// <summary>Health of allocated resources (v1.ResourceStatus).</summary>
    public IReadOnlyList<JsonObject>? AllocatedResourcesStatus { get; init; }
}

/// <summary>One of the states of a container; only one member is set.</summary>
public sealed record ContainerState
{
    /// <summary>Not running yet.</summary>
    public ContainerStateWaiting? Waiting { get; init; }

    /// <summary>Running.</summary>
    public ContainerStateRunning? Running { get; init; }

    /// <summary>Exited.</summary>
    public ContainerStateTerminated? Terminated { get; init; }
}

/// <summary>A container that is not running yet.</summary>
public sealed record ContainerStateWaiting
{
    /// <summary>e.g. ContainerCreating, ErrImagePull, CrashLoopBackOff.</summary>
    public string? Reason { get; init; }

    /// <summary>Details.</summary>
    public string? Message { get; init; }
}

/// <summary>A running container.</summary>
public sealed record ContainerStateRunning
{
    /// <summary>When it last (re)started.</summary>
    public DateTimeOffset? StartedAt { get; init; }
}

/// <summary>A container that exited.</summary>
public sealed record ContainerStateTerminated
{
    /// <summary>The exit code.</summary>
    public int ExitCode { get; init; }

    /// <summary>The signal that ended it.</summary>
    public int? Signal { get; init; }

    /// <summary>e.g. Completed, Error, OOMKilled.</summary>
    public string? Reason { get; init; }

    /// <summary>Details.</summary>
    public string? Message { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it exited.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The runtime's container id.</summary>
    public string? ContainerID { get; init; }
}
