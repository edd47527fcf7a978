namespace Stowage.Api.Schema;

/// <summary>
/// What the JSON contract cannot say about the API: list merge semantics (Kubernetes'
/// x-kubernetes-list-type / patchMergeKey markers) and Go type names that differ from ours.
/// Adding a kind with keyed lists means adding its rows here.
/// </summary>
public static class SchemaAnnotations
{
    private const string Meta = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    private const string Core = "io.k8s.api.core.v1.";

    private static readonly Dictionary<(string Definition, string Property), (ListType, string[])> Lists = new()
    {
        [(Meta + "ObjectMeta", "finalizers")] = (ListType.Set, []),
        [(Meta + "ObjectMeta", "ownerReferences")] = (ListType.Map, ["uid"]),
        [(Core + "PersistentVolumeClaimStatus", "conditions")] = (ListType.Map, ["type"]),
        [(Core + "NamespaceStatus", "conditions")] = (ListType.Map, ["type"]),
        [(Core + "NamespaceSpec", "finalizers")] = (ListType.Atomic, []),
        // Pods, as core/v1 types.go declares them (patchMergeKey first). tolerations, readinessGates,
        // podIPs/hostIPs and the container status lists are atomic.
        [(Core + "PodSpec", "volumes")] = (ListType.Map, ["name"]),
        [(Core + "PodSpec", "initContainers")] = (ListType.Map, ["name"]),
        [(Core + "PodSpec", "containers")] = (ListType.Map, ["name"]),
        [(Core + "PodSpec", "ephemeralContainers")] = (ListType.Map, ["name"]),
        [(Core + "PodSpec", "imagePullSecrets")] = (ListType.Map, ["name"]),
        [(Core + "PodSpec", "hostAliases")] = (ListType.Map, ["ip"]),
        [(Core + "PodSpec", "topologySpreadConstraints")] = (ListType.Map, ["topologyKey", "whenUnsatisfiable"]),
        [(Core + "PodSpec", "schedulingGates")] = (ListType.Map, ["name"]),
        [(Core + "PodSpec", "resourceClaims")] = (ListType.Map, ["name"]),
        [(Core + "Container", "ports")] = (ListType.Map, ["containerPort", "protocol"]),
        [(Core + "Container", "env")] = (ListType.Map, ["name"]),
        [(Core + "Container", "volumeMounts")] = (ListType.Map, ["mountPath"]),
        [(Core + "Container", "volumeDevices")] = (ListType.Map, ["devicePath"]),
        [(Core + "PodStatus", "conditions")] = (ListType.Map, ["type"]),
        [(Core + "ReplicationControllerStatus", "conditions")] = (ListType.Map, ["type"]),
        [("io.k8s.api.apps.v1.ReplicaSetStatus", "conditions")] = (ListType.Map, ["type"]),
        [("io.k8s.api.apps.v1.DeploymentStatus", "conditions")] = (ListType.Map, ["type"]),
        // Nodes: addresses merge by type (which Kubernetes warns is not unique enough), taints are atomic.
        [(Core + "NodeSpec", "podCIDRs")] = (ListType.Set, []),
        [(Core + "NodeStatus", "conditions")] = (ListType.Map, ["type"]),
        [(Core + "NodeStatus", "addresses")] = (ListType.Map, ["type"]),
    };

    private static readonly Dictionary<string, string> GoNames = new(StringComparer.Ordinal)
    {
        ["NfsVolumeSource"] = "NFSVolumeSource",
        ["RbdPersistentVolumeSource"] = "RBDPersistentVolumeSource",
        ["CephFsPersistentVolumeSource"] = "CephFSPersistentVolumeSource",
        ["CsiPersistentVolumeSource"] = "CSIPersistentVolumeSource",
        ["IscsiPersistentVolumeSource"] = "ISCSIPersistentVolumeSource",
        ["FcVolumeSource"] = "FCVolumeSource",
        ["AwsElasticBlockStoreVolumeSource"] = "AWSElasticBlockStoreVolumeSource",
        ["GcePersistentDiskVolumeSource"] = "GCEPersistentDiskVolumeSource",
        ["EventsV1Series"] = "EventSeries",
        ["RbdVolumeSource"] = "RBDVolumeSource",
        ["CephFsVolumeSource"] = "CephFSVolumeSource",
        ["CsiVolumeSource"] = "CSIVolumeSource",
        ["IscsiVolumeSource"] = "ISCSIVolumeSource",
        ["DownwardApiVolumeSource"] = "DownwardAPIVolumeSource",
        ["DownwardApiVolumeFile"] = "DownwardAPIVolumeFile",
        ["PodIp"] = "PodIP",
        ["HostIp"] = "HostIP",
    };

    /// <summary>The list semantics of an array property (atomic unless listed).</summary>
    public static (ListType Type, IReadOnlyList<string> Keys) ListSemantics(string definition, string property) =>
        Lists.TryGetValue((definition, property), out var v) ? (v.Item1, v.Item2) : (ListType.Atomic, []);

    /// <summary>The Go type name for a record name.</summary>
    public static string GoTypeName(string recordName) =>
        GoNames.TryGetValue(recordName, out var go) ? go : recordName.Split('`')[0];
}
