using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Stowage.Api.Quantities;

namespace Stowage.Api.Core;

/// <summary>One container of a pod (v1.Container).</summary>
public sealed record Container
{
    /// <summary>Unique name within the pod (a DNS label).</summary>
    public string Name { get => field ?? ""; init; } = "";

    /// <summary>The image reference.</summary>
    public string? Image { get; init; }

    /// <summary>The entrypoint (replaces the image's ENTRYPOINT).</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Arguments (replace the image's CMD).</summary>
    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>The working directory.</summary>
    public string? WorkingDir { get; init; }

    /// <summary>Ports the container listens on.</summary>
    public IReadOnlyList<ContainerPort>? Ports { get; init; }

    /// <summary>Sources of whole environments (v1.EnvFromSource).</summary>
    public IReadOnlyList<JsonObject>? EnvFrom { get; init; }

    /// <summary>Environment variables.</summary>
    public IReadOnlyList<EnvVar>? Env { get; init; }

    /// <summary>Compute resource requests and limits.</summary>
    public ResourceRequirements? Resources { get; init; }

    /// <summary>How resources are resized (v1.ContainerResizePolicy).</summary>
    public IReadOnlyList<JsonObject>? ResizePolicy { get; init; }

    /// <summary>Always, for sidecar init containers only.</summary>
    public string? RestartPolicy { get; init; }

    /// <summary>Volumes mounted into the container's filesystem.</summary>
    public IReadOnlyList<VolumeMount>? VolumeMounts { get; init; }

    /// <summary>Raw block devices mapped into the container.</summary>
    public IReadOnlyList<VolumeDevice>? VolumeDevices { get; init; }

    /// <summary>Liveness probe (v1.Probe).</summary>
    public JsonObject? LivenessProbe { get; init; }

    /// <summary>Readiness probe (v1.Probe).</summary>
    public JsonObject? ReadinessProbe { get; init; }

    /// <summary>Startup probe (v1.Probe).</summary>
    public JsonObject? StartupProbe { get; init; }

    /// <summary>postStart and preStop hooks (v1.Lifecycle).</summary>
    public JsonObject? Lifecycle { get; init; }

    /// <summary>Where the container writes its termination message (default /dev/termination-log).</summary>
    public string? TerminationMessagePath { get; init; }

    /// <summary>File or FallbackToLogsOnError.</summary>
    public string? TerminationMessagePolicy { get; init; }

    /// <summary>Always, IfNotPresent or Never.</summary>
    public string? ImagePullPolicy { get; init; }

    /// <summary>Container security settings (v1.SecurityContext).</summary>
    public JsonObject? SecurityContext { get; init; }

    /// <summary>Allocate a stdin buffer.</summary>
    public bool? Stdin { get; init; }

    /// <summary>Close stdin after the first attach ends.</summary>
    public bool? StdinOnce { get; init; }

    /// <summary>Allocate a TTY.</summary>
    public bool? Tty { get; init; }
}

/// <summary>A network port of a container.</summary>
public sealed record ContainerPort
{
    /// <summary>An IANA service name, unique in the pod.</summary>
    public string? Name { get; init; }

    /// <summary>The port on the host.</summary>
    public int? HostPort { get; init; }

    /// <summary>The port on the pod's IP (JSON containerPort; C# forbids a member named like its type).</summary>
    [JsonPropertyName("containerPort")]
    public int Number { get; init; }

    /// <summary>TCP (default), UDP or SCTP.</summary>
    public string? Protocol { get; init; }

    /// <summary>The host IP to bind the host port to.</summary>
    public string? HostIP { get; init; }
}

/// <summary>An environment variable of a container.</summary>
public sealed record EnvVar
{
    /// <summary>The variable name.</summary>
    public string Name { get => field ?? ""; init; } = "";

    /// <summary>The value, with $(VAR) references expanded.</summary>
    public string? Value { get; init; }

    /// <summary>Where the value comes from instead (v1.EnvVarSource).</summary>
    public JsonObject? ValueFrom { get; init; }
}

/// <summary>Compute resource requests and limits of a container.</summary>
public sealed record ResourceRequirements
{
    /// <summary>Upper bounds.</summary>
    public IReadOnlyDictionary<string, Quantity>? Limits { get; init; }

    /// <summary>What the container is guaranteed.</summary>
    public IReadOnlyDictionary<string, Quantity>? Requests { get; init; }

    /// <summary>Dynamic resource claims used (v1.ResourceClaim).</summary>
    public IReadOnlyList<JsonObject>? Claims { get; init; }
}

/// <summary>A volume mounted into a container.</summary>
public sealed record VolumeMount
{
    /// <summary>The name of a volume of the pod.</summary>
    public string Name { get => field ?? ""; init; } = "";

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }

    /// <summary>Disabled, IfPossible or Enabled.</summary>
    public string? RecursiveReadOnly { get; init; }

    /// <summary>Where in the container the volume appears.</summary>
    public string MountPath { get => field ?? ""; init; } = "";

    /// <summary>A path within the volume to mount instead of its root.</summary>
    public string? SubPath { get; init; }

    /// <summary>None, HostToContainer or Bidirectional.</summary>
    public string? MountPropagation { get; init; }

    /// <summary>Like subPath, with $(VAR) references expanded.</summary>
    public string? SubPathExpr { get; init; }
}

/// <summary>A raw block device mapped into a container.</summary>
public sealed record VolumeDevice
{
    /// <summary>The name of a claim-backed volume of the pod.</summary>
    public string Name { get => field ?? ""; init; } = "";

    /// <summary>The device path in the container.</summary>
    public string DevicePath { get => field ?? ""; init; } = "";
}
