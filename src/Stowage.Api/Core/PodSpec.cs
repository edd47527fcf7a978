using System.Text.Json.Nodes;
using Stowage.Api.Quantities;

namespace Stowage.Api.Core;

/// <summary>
/// The desired state of a pod. Fields the storage flows read are typed; scheduling, security and
/// probe details that nothing here interprets are kept as raw JSON, so they round-trip unchanged.
/// </summary>
public sealed record PodSpec
{
    /// <summary>Volumes the containers may mount.</summary>
    public IReadOnlyList<Volume>? Volumes { get; init; }

    /// <summary>Containers run to completion, in order, before the others start.</summary>
    public IReadOnlyList<Container>? InitContainers { get; init; }

    /// <summary>The pod's containers (at least one).</summary>
    public IReadOnlyList<Container>? Containers { get; init; }

    /// <summary>Debugging containers added through the ephemeralcontainers subresource.</summary>
    public IReadOnlyList<JsonObject>? EphemeralContainers { get; init; }

    /// <summary>Always, OnFailure or Never.</summary>
    public string? RestartPolicy { get; init; }

    /// <summary>Seconds between the termination signal and the kill (default 30).</summary>
    public long? TerminationGracePeriodSeconds { get; init; }

    /// <summary>Seconds the pod may be active before it is failed.</summary>
    public long? ActiveDeadlineSeconds { get; init; }

    /// <summary>ClusterFirst, ClusterFirstWithHostNet, Default or None.</summary>
    public string? DnsPolicy { get; init; }

    /// <summary>Labels a node must carry to run the pod.</summary>
    public IReadOnlyDictionary<string, string>? NodeSelector { get; init; }

    /// <summary>The service account the pod runs as.</summary>
    public string? ServiceAccountName { get; init; }

    /// <summary>Deprecated alias of serviceAccountName.</summary>
    public string? ServiceAccount { get; init; }

    /// <summary>Whether a service account token is mounted.</summary>
    public bool? AutomountServiceAccountToken { get; init; }

    /// <summary>The node the pod is bound to ("" while unscheduled).</summary>
    public string? NodeName { get; init; }

    /// <summary>Use the node's network namespace.</summary>
    public bool? HostNetwork { get; init; }

    /// <summary>Use the node's PID namespace.</summary>
    public bool? HostPID { get; init; }

    /// <summary>Use the node's IPC namespace.</summary>
    public bool? HostIPC { get; init; }

    /// <summary>One PID namespace for all containers.</summary>
    public bool? ShareProcessNamespace { get; init; }

    /// <summary>Pod-level security attributes (v1.PodSecurityContext).</summary>
    public JsonObject? SecurityContext { get; init; }

    /// <summary>Secrets used to pull images.</summary>
    public IReadOnlyList<LocalObjectReference>? ImagePullSecrets { get; init; }

    /// <summary>The pod's host name.</summary>
    public string? Hostname { get; init; }

    /// <summary>The pod's DNS subdomain.</summary>
    public string? Subdomain { get; init; }

    /// <summary>Scheduling constraints (v1.Affinity).</summary>
    public JsonObject? Affinity { get; init; }

    /// <summary>The scheduler that places the pod (default-scheduler).</summary>
    public string? SchedulerName { get; init; }

    /// <summary>Taints the pod tolerates.</summary>
    public IReadOnlyList<Toleration>? Tolerations { get; init; }

    /// <summary>Extra /etc/hosts entries (v1.HostAlias).</summary>
    public IReadOnlyList<JsonObject>? HostAliases { get; init; }

    /// <summary>The PriorityClass of the pod.</summary>
    public string? PriorityClassName { get; init; }

    /// <summary>The resolved priority (set by admission).</summary>
    public int? Priority { get; init; }

    /// <summary>Extra DNS settings (v1.PodDNSConfig).</summary>
    public JsonObject? DnsConfig { get; init; }

    /// <summary>Extra conditions that must hold for the pod to be ready.</summary>
    public IReadOnlyList<PodReadinessGate>? ReadinessGates { get; init; }

    /// <summary>The RuntimeClass to run with.</summary>
    public string? RuntimeClassName { get; init; }

    /// <summary>Inject service environment variables (default true).</summary>
    public bool? EnableServiceLinks { get; init; }

    /// <summary>Never or PreemptLowerPriority.</summary>
    public string? PreemptionPolicy { get; init; }

    /// <summary>Resources the runtime needs on top of the containers'.</summary>
    public IReadOnlyDictionary<string, Quantity>? Overhead { get; init; }

    /// <summary>How pods spread over topology domains (v1.TopologySpreadConstraint).</summary>
    public IReadOnlyList<JsonObject>? TopologySpreadConstraints { get; init; }

    /// <summary>Use the FQDN as the host name.</summary>
    public bool? SetHostnameAsFQDN { get; init; }

    /// <summary>The OS of the containers (v1.PodOS).</summary>
    public JsonObject? Os { get; init; }

    /// <summary>Use the host's user namespace.</summary>
    public bool? HostUsers { get; init; }

    /// <summary>Gates that hold back scheduling (v1.PodSchedulingGate).</summary>
    public IReadOnlyList<JsonObject>? SchedulingGates { get; init; }

    /// <summary>Dynamic resource claims (v1.PodResourceClaim).</summary>
    public IReadOnlyList<JsonObject>? ResourceClaims { get; init; }

    /// <summary>Pod-level resource requests and limits.</summary>
    public ResourceRequirements? Resources { get; init; }
}

/// <summary>A taint the pod tolerates.</summary>
public sealed record Toleration
{
    /// <summary>The taint key ("" matches every key with operator Exists).</summary>
    public string? Key { get; init; }

    /// <summary>Equal (default) or Exists.</summary>
    public string? Operator { get; init; }

    /// <summary>The taint value for Equal.</summary>
    public string? Value { get; init; }

    /// <summary>NoSchedule, PreferNoSchedule, NoExecute, or "" for all.</summary>
    public string? Effect { get; init; }

    /// <summary>How long a NoExecute taint is tolerated.</summary>
    public long? TolerationSeconds { get; init; }
}

/// <summary>A pod condition that must be True for the pod to be ready.</summary>
public sealed record PodReadinessGate
{
    /// <summary>The condition type.</summary>
    public string ConditionType { get => field ?? ""; init; } = "";
}
