using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Stowage.Api.Core;
using Stowage.Api.Quantities;

namespace Stowage.Node.Agent;

/// <summary>The Node object the agent registers and keeps reporting (kubelet's node status).</summary>
public static class NodeInfo
{
    /// <summary>The Node as this machine describes it, Ready.</summary>
    public static Api.Core.Node Describe(AgentOptions options, DateTimeOffset now, IReadOnlyList<NodeCondition>? previous)
    {
        var machine = Volumes.NodeResources.OfThisMachine(options.Paths.Root);
        var capacity = new Dictionary<string, Quantity>(StringComparer.Ordinal)
        {
            ["cpu"] = Quantity.Parse(machine.CpuCores.ToString(CultureInfo.InvariantCulture)),
            ["memory"] = Quantity.Parse($"{machine.MemoryBytes / 1024}Ki"),
            ["pods"] = Quantity.Parse("110"),
            ["ephemeral-storage"] = Quantity.Parse($"{machine.EphemeralStorageBytes / 1024}Ki"),
        };
        NodeCondition Condition(string type, string status, string reason, string message)
        {
            var before = previous?.FirstOrDefault(c => c.Type == type);
            return new NodeCondition
            {
                Type = type,
                Status = status,
                Reason = reason,
                Message = message,
                LastHeartbeatTime = now,
                LastTransitionTime = before?.Status == status ? before.LastTransitionTime ?? now : now,
            };
        }
        var arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.Arm64 => "arm64",
            _ => "amd64",
        };
        return new Api.Core.Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new Api.Meta.ObjectMeta
            {
                Name = options.NodeName,
                Labels = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["kubernetes.io/hostname"] = options.NodeName,
                    ["kubernetes.io/os"] = "linux",
                    ["kubernetes.io/arch"] = arch,
                    ["beta.kubernetes.io/os"] = "linux",
                    ["beta.kubernetes.io/arch"] = arch,
                },
            },
            Status = new NodeStatus
            {
                Capacity = capacity,
                Allocatable = capacity,
                Conditions =
                [
                    Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                    Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                    Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
                ],
                Addresses =
                [
                    new NodeAddress { Type = "InternalIP", Address = options.AdvertiseAddress },
                    new NodeAddress { Type = "Hostname", Address = options.NodeName },
                ],
                DaemonEndpoints = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = options.StreamingPort } },
                NodeInfo = new NodeSystemInfo
                {
                    MachineID = ReadTrimmed("/etc/machine-id"),
                    SystemUUID = ReadTrimmed("/sys/class/dmi/id/product_uuid"),
                    BootID = ReadTrimmed("/proc/sys/kernel/random/boot_id"),
                    KernelVersion = ReadTrimmed("/proc/sys/kernel/osrelease"),
                    OsImage = OsImage(),
                    ContainerRuntimeVersion = options.RuntimeVersion,
                    KubeletVersion = options.AgentVersion,
                    KubeProxyVersion = "",
                    OperatingSystem = "linux",
                    Architecture = arch,
                },
            },
        };
    }

    private static string OsImage()
    {
        foreach (var line in SafeLines("/etc/os-release"))
        {
            if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            {
                return line[12..].Trim('"');
            }
        }
        return "Linux";
    }

    private static string ReadTrimmed(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static IEnumerable<string> SafeLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
