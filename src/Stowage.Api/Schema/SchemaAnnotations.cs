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
    };

    /// <summary>The list semantics of an array property (atomic unless listed).</summary>
    public static (ListType Type, IReadOnlyList<string> Keys) ListSemantics(string definition, string property) =>
        Lists.TryGetValue((definition, property), out var v) ? (v.Item1, v.Item2) : (ListType.Atomic, []);

    /// <summary>The Go type name for a record name.</summary>
    public static string GoTypeName(string recordName) =>
        GoNames.TryGetValue(recordName, out var go) ? go : recordName.Split('`')[0];
}
