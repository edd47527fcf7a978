using System.Text.Json.Nodes;
using Stowage.Api.Quantities;

namespace Stowage.Api.Core;

/// <summary>What a node agent reports about its node (v1.NodeStatus).</summary>
public sealed record NodeStatus
{
    /// <summary>Total resources.</summary>
    public IReadOnlyDictionary<string, Quantity>? Capacity { get; init; }

    /// <summary>Resources available to pods (defaults to capacity).</summary>
    public IReadOnlyDictionary<string, Quantity>? Allocatable { get; init; }

    /// <summary>Deprecated and never set.</summary>
    public string? Phase { get; init; }

    /// <summary>Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable.</summary>
    public IReadOnlyList<NodeCondition>? Conditions { get; init; }

    /// <summary>InternalIP, ExternalIP, Hostname, ... addresses.</summary>
    public IReadOnlyList<NodeAddress>? Addresses { get; init; }

    /// <summary>Ports of the node's daemons (v1.NodeDaemonEndpoints).</summary>
    public JsonObject? DaemonEndpoints { get; init; }

    /// <summary>Versions and ids of the machine.</summary>
    public NodeSystemInfo? NodeInfo { get; init; }

    /// <summary>Images present on the node.</summary>
    public IReadOnlyList<ContainerImage>? Images { get; init; }

    /// <summary>Attachable volumes mounted by the node.</summary>
    public IReadOnlyList<string>? VolumesInUse { get; init; }

    /// <summary>Volumes attached to the node.</summary>
    public IReadOnlyList<AttachedVolume>? VolumesAttached { get; init; }

    /// <summary>Deprecated dynamic kubelet configuration status (v1.NodeConfigStatus).</summary>
    public JsonObject? Config { get; init; }

    /// <summary>Runtime handlers (v1.NodeRuntimeHandler).</summary>
    public IReadOnlyList<JsonObject>? RuntimeHandlers { get; init; }

    /// <summary>Features of the CRI implementation (v1.NodeFeatures).</summary>
    public JsonObject? Features { get; init; }
}

/// <summary>A condition of a node.</summary>
public sealed record NodeCondition
{
    /// <summary>Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable.</summary>
    public string Type { get => field ?? ""; init; } = "";

    /// <summary>True, False or Unknown.</summary>
    public string Status { get => field ?? ""; init; } = "";

    /// <summary>When the agent last reported the condition.</summary>
    public DateTimeOffset? LastHeartbeatTime { get; init; }

    /// <summary>When the status last changed.</summary>
    public DateTimeOffset? LastTransitionTime { get; init; }

    /// <summary>Short reason.</summary>
    public string? Reason { get; init; }

    /// <summary>Human message.</summary>
    public string? Message { get; init; }
}

/// <summary>An address of a node.</summary>
public sealed record NodeAddress
{
    /// <summary>Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.</summary>
    public string Type { get => field ?? ""; init; } = "";

    /// <summary>The address.</summary>
    public string Address { get => field ?? ""; init; } = "";
}

/// <summary>Versions and ids of a node's machine.</summary>
public sealed record NodeSystemInfo
{
    /// <summary>/etc/machine-id.</summary>
    public string MachineID { get => field ?? ""; init; } = "";

    /// <summary>The SMBIOS system UUID.</summary>
    public string SystemUUID { get => field ?? ""; init; } = "";

    /// <summary>The boot id.</summary>
    public string BootID { get => field ?? ""; init; } = "";

    /// <summary>uname -r.</summary>
    public string KernelVersion { get => field ?? ""; init; } = "";

    /// <summary>PRETTY_NAME of /etc/os-release.</summary>
    public string OsImage { get => field ?? ""; init; } = "";

    /// <summary>e.g. containerd://1.7.0.</summary>
    public string ContainerRuntimeVersion { get => field ?? ""; init; } = "";

    /// <summary>The node agent's version.</summary>
    public string KubeletVersion { get => field ?? ""; init; } = "";

    /// <summary>Deprecated kube-proxy version.</summary>
    public string KubeProxyVersion { get => field ?? ""; init; } = "";

    /// <summary>linux or windows.</summary>
    public string OperatingSystem { get => field ?? ""; init; } = "";

    /// <summary>e.g. amd64.</summary>
    public string Architecture { get => field ?? ""; init; } = "";

    /// <summary>Swap information (v1.NodeSwapStatus).</summary>
    public JsonObject? Swap { get; init; }
}

/// <summary>An image present on a node.</summary>
public sealed record ContainerImage
{
    /// <summary>Names of the image.</summary>
    public IReadOnlyList<string>? Names { get; init; }

    /// <summary>Size in bytes.</summary>
    public long? SizeBytes { get; init; }
}

/// <summary>A volume attached to a node.</summary>
public sealed record AttachedVolume
{
    /// <summary>The volume's unique name.</summary>
    public string Name { get => field ?? ""; init; } = "";

    /// <summary>Where the device appears on the node.</summary>
    public string DevicePath { get => field ?? ""; init; } = "";
}
