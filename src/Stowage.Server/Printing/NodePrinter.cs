using Stowage.Api.Core;

namespace Stowage.Server.Printing;

/// <summary>
/// <c>kubectl get nodes</c>: NAME STATUS ROLES AGE VERSION, plus INTERNAL-IP EXTERNAL-IP OS-IMAGE
/// KERNEL-VERSION CONTAINER-RUNTIME with <c>-o wide</c> (printNode).
/// </summary>
public sealed class NodePrinter : TablePrinter<Node>
{
    /// <summary>The shared instance.</summary>
    public static NodePrinter Instance { get; } = new();

    private const string RolePrefix = "node-role.kubernetes.io/";
    private const string RoleLabel = "kubernetes.io/role";
    private const string AddressesDescription =
        "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).";

    private static readonly TableColumnDefinition[] Definitions =
    [
        StandardColumns.Name,
        StandardColumns.String("Status", "The status of the node"),
        StandardColumns.String("Roles", "The roles of the node"),
        StandardColumns.Age,
        StandardColumns.String("Version", "Kubelet Version reported by the node."),
        StandardColumns.String("Internal-IP", AddressesDescription, priority: 1),
        StandardColumns.String("External-IP", AddressesDescription, priority: 1),
        StandardColumns.String("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", priority: 1),
        StandardColumns.String("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", priority: 1),
        StandardColumns.String("Container-Runtime", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", priority: 1),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => Definitions;

    /// <inheritdoc/>
    public override void WriteCells(Node obj, DateTimeOffset now, TableCellWriter cells)
    {
        var info = obj.Status?.NodeInfo;
        var roles = Roles(obj);
        cells.String(obj.Metadata.Name);
        cells.String(Status(obj));
        cells.String(roles.Count == 0 ? "<none>" : string.Join(',', roles));
        cells.Age(obj.Metadata.CreationTimestamp, now);
        cells.String(info?.KubeletVersion);
        cells.String(Address(obj, "InternalIP"));
        cells.String(Address(obj, "ExternalIP"));
        cells.String(OrUnknown(info?.OsImage));
        cells.String(OrUnknown(info?.KernelVersion));
        cells.String(OrUnknown(info?.ContainerRuntimeVersion));
    }

    /// <summary>Ready, NotReady or Unknown (the last Ready condition decides), plus SchedulingDisabled when cordoned.</summary>
    public static string Status(Node node)
    {
        var ready = (node.Status?.Conditions ?? []).LastOrDefault(c => c.Type == "Ready");
        var status = ready is null ? "Unknown" : ready.Status == "True" ? "Ready" : "NotReady";
        return node.Spec?.Unschedulable == true ? status + ",SchedulingDisabled" : status;
    }

    /// <summary>node-role.kubernetes.io/&lt;role&gt; labels and the kubernetes.io/role label, sorted.</summary>
    public static IReadOnlyList<string> Roles(Node node)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Metadata.Labels ?? new Dictionary<string, string>())
        {
            if (key.StartsWith(RolePrefix, StringComparison.Ordinal) && key.Length > RolePrefix.Length)
            {
                roles.Add(key[RolePrefix.Length..]);
            }
            else if (key == RoleLabel && value.Length > 0)
            {
                roles.Add(value);
            }
        }
        return [.. roles];
    }

    private static string Address(Node node, string type) =>
        (node.Status?.Addresses ?? []).FirstOrDefault(a => a.Type == type)?.Address ?? "<none>";

    private static string OrUnknown(string? value) => string.IsNullOrEmpty(value) ? "<unknown>" : value;
}
