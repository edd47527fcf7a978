using System.Collections.Frozen;

namespace Stowage.Server.OpenApi;

/// <summary>
/// What Kubernetes' OpenAPI says about the served types that their JSON contract cannot:
/// required fields, closed enums, zero-value defaults of non-pointer Go fields, atomic structs and
/// the few opaque fields that have a named schema. Keyed by definition name and JSON field name,
/// transcribed from the upstream 1.32 types (+required, +enum, +structType=atomic, non-pointer
/// fields). These belong on SchemaNode one day (see the report that introduced this file); until
/// then the OpenAPI emitter is their only reader.
/// </summary>
internal static class KubernetesSchemaFacts
{
    private const string Core = "io.k8s.api.core.v1.";
    private const string Meta = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    private const string Storage = "io.k8s.api.storage.v1.";
    private const string Events = "io.k8s.api.events.v1.";
    private const string Coordination = "io.k8s.api.coordination.v1.";

    /// <summary>Definition name of the FieldsV1 schema.</summary>
    public const string FieldsV1 = Meta + "FieldsV1";

    private static readonly FrozenDictionary<string, string[]> RequiredFields = new Dictionary<string, string[]>
    {
        [Core + "AWSElasticBlockStoreVolumeSource"] = ["volumeID"],
        [Core + "AttachedVolume"] = ["name", "devicePath"],
        [Core + "CSIVolumeSource"] = ["driver"],
        [Core + "CephFSVolumeSource"] = ["monitors"],
        [Core + "CinderVolumeSource"] = ["volumeID"],
        [Core + "Container"] = ["name"],
        [Core + "ContainerPort"] = ["containerPort"],
        [Core + "ContainerStateTerminated"] = ["exitCode"],
        [Core + "ContainerStatus"] = ["name", "ready", "restartCount", "image", "imageID"],
        [Core + "DownwardAPIVolumeFile"] = ["path"],
        [Core + "EnvVar"] = ["name"],
        [Core + "FlexVolumeSource"] = ["driver"],
        [Core + "GitRepoVolumeSource"] = ["repository"],
        [Core + "GlusterfsVolumeSource"] = ["endpoints", "path"],
        [Core + "HostIP"] = ["ip"],
        [Core + "ISCSIVolumeSource"] = ["targetPortal", "iqn", "lun"],
        [Core + "KeyToPath"] = ["key", "path"],
        [Core + "NodeAddress"] = ["type", "address"],
        [Core + "NodeCondition"] = ["type", "status"],
        [Core + "NodeSystemInfo"] = ["machineID", "systemUUID", "bootID", "kernelVersion", "osImage", "containerRuntimeVersion", "kubeletVersion", "kubeProxyVersion", "operatingSystem", "architecture"],
        [Core + "ObjectFieldSelector"] = ["fieldPath"],
        [Core + "PersistentVolumeClaimVolumeSource"] = ["claimName"],
        [Core + "PodCondition"] = ["type", "status"],
        [Core + "PodIP"] = ["ip"],
        [Core + "PodReadinessGate"] = ["conditionType"],
        [Core + "PodSpec"] = ["containers"],
        [Core + "RBDVolumeSource"] = ["monitors", "image"],
        [Core + "ResourceFieldSelector"] = ["resource"],
        [Core + "Taint"] = ["key", "effect"],
        [Core + "Volume"] = ["name"],
        [Core + "VolumeDevice"] = ["name", "devicePath"],
        [Core + "VolumeMount"] = ["name", "mountPath"],
        [Core + "CSIPersistentVolumeSource"] = ["driver", "volumeHandle"],
        [Core + "CephFSPersistentVolumeSource"] = ["monitors"],
        [Core + "CinderPersistentVolumeSource"] = ["volumeID"],
        [Core + "EndpointAddress"] = ["ip"],
        [Core + "EndpointPort"] = ["port"],
        [Core + "Event"] = ["metadata", "involvedObject"],
        [Core + "FlexPersistentVolumeSource"] = ["driver"],
        [Core + "GCEPersistentDiskVolumeSource"] = ["pdName"],
        [Core + "GlusterfsPersistentVolumeSource"] = ["endpoints", "path"],
        [Core + "HostPathVolumeSource"] = ["path"],
        [Core + "ISCSIPersistentVolumeSource"] = ["targetPortal", "iqn", "lun"],
        [Core + "LocalVolumeSource"] = ["path"],
        [Core + "NFSVolumeSource"] = ["server", "path"],
        [Core + "NamespaceCondition"] = ["type", "status"],
        [Core + "NodeSelector"] = ["nodeSelectorTerms"],
        [Core + "NodeSelectorRequirement"] = ["key", "operator"],
        [Core + "PersistentVolumeClaimCondition"] = ["type", "status"],
        [Core + "RBDPersistentVolumeSource"] = ["monitors", "image"],
        [Core + "TopologySelectorLabelRequirement"] = ["key", "values"],
        [Core + "TypedLocalObjectReference"] = ["kind", "name"],
        [Core + "TypedObjectReference"] = ["kind", "name"],
        [Meta + "LabelSelectorRequirement"] = ["key", "operator"],
        [Meta + "OwnerReference"] = ["apiVersion", "kind", "name", "uid"],
        [Storage + "StorageClass"] = ["provisioner"],
        [Events + "Event"] = ["eventTime"],
        [Events + "EventSeries"] = ["count", "lastObservedTime"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // accessModes items are deliberately absent: Kubernetes publishes no enum on list items.
    private static readonly FrozenDictionary<(string, string), string[]> EnumValues = new Dictionary<(string, string), string[]>
    {
        [(Core + "PersistentVolumeSpec", "persistentVolumeReclaimPolicy")] = ["Delete", "Recycle", "Retain"],
        [(Core + "PersistentVolumeSpec", "volumeMode")] = ["Block", "Filesystem"],
        [(Core + "PersistentVolumeClaimSpec", "volumeMode")] = ["Block", "Filesystem"],
        [(Core + "PersistentVolumeStatus", "phase")] = ["Available", "Bound", "Failed", "Pending", "Released"],
        [(Core + "PersistentVolumeClaimStatus", "phase")] = ["Bound", "Lost", "Pending"],
        [(Core + "HostPathVolumeSource", "type")] = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"],
        [(Core + "NamespaceStatus", "phase")] = ["Active", "Terminating"],
        [(Core + "NodeSelectorRequirement", "operator")] = ["DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn"],
        [(Core + "EndpointPort", "protocol")] = ["SCTP", "TCP", "UDP"],
        [(Core + "PodSpec", "restartPolicy")] = ["Always", "Never", "OnFailure"],
        [(Core + "PodSpec", "dnsPolicy")] = ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"],
        [(Core + "PodSpec", "preemptionPolicy")] = ["Never", "PreemptLowerPriority"],
        [(Core + "Container", "imagePullPolicy")] = ["Always", "IfNotPresent", "Never"],
        [(Core + "Container", "terminationMessagePolicy")] = ["FallbackToLogsOnError", "File"],
        [(Core + "ContainerPort", "protocol")] = ["SCTP", "TCP", "UDP"],
        [(Core + "VolumeMount", "mountPropagation")] = ["Bidirectional", "HostToContainer", "None"],
        [(Core + "PodStatus", "phase")] = ["Failed", "Pending", "Running", "Succeeded", "Unknown"],
        [(Core + "PodStatus", "qosClass")] = ["BestEffort", "Burstable", "Guaranteed"],
        [(Core + "Toleration", "operator")] = ["Equal", "Exists"],
        [(Core + "Toleration", "effect")] = ["NoExecute", "NoSchedule", "PreferNoSchedule"],
        [(Core + "Taint", "effect")] = ["NoExecute", "NoSchedule", "PreferNoSchedule"],
        [(Core + "NodeStatus", "phase")] = ["Pending", "Running", "Terminated"],
        [(Storage + "StorageClass", "reclaimPolicy")] = ["Delete", "Recycle", "Retain"],
        [(Storage + "StorageClass", "volumeBindingMode")] = ["Immediate", "WaitForFirstConsumer"],
    }.ToFrozenDictionary();

    // Non-pointer struct fields: Go's zero value is an empty object, published as "default": {}.
    private static readonly FrozenSet<(string, string)> EmptyObjectDefaults = new HashSet<(string, string)>
    {
        (Core + "PersistentVolume", "spec"), (Core + "PersistentVolume", "status"),
        (Core + "PersistentVolumeClaim", "spec"), (Core + "PersistentVolumeClaim", "status"),
        (Core + "PersistentVolumeClaimSpec", "resources"),
        (Core + "Namespace", "spec"), (Core + "Namespace", "status"),
        (Core + "Event", "involvedObject"), (Core + "Event", "source"),
        (Events + "Event", "regarding"), (Events + "Event", "deprecatedSource"),
        (Coordination + "Lease", "spec"),
        (Core + "Pod", "spec"), (Core + "Pod", "status"),
        (Core + "Node", "spec"), (Core + "Node", "status"),
        (Core + "Container", "resources"),
        (Core + "ContainerStatus", "state"), (Core + "ContainerStatus", "lastState"),
        (Core + "NodeStatus", "daemonEndpoints"), (Core + "NodeStatus", "nodeInfo"),
    }.ToFrozenSet();

    // Structs marked +structType=atomic (replaced whole by apply).
    private static readonly FrozenSet<string> AtomicStructs = new HashSet<string>(StringComparer.Ordinal)
    {
        Core + "LocalObjectReference", Core + "ObjectFieldSelector", Core + "ResourceFieldSelector",
        Core + "NodeSelector", Core + "NodeSelectorTerm", Core + "ObjectReference",
        Core + "SecretReference", Core + "TopologySelectorTerm", Core + "TypedLocalObjectReference",
        Meta + "LabelSelector", Meta + "OwnerReference",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Records that live beside their only user but are core/v1 types in Kubernetes.
    private static readonly FrozenDictionary<string, string> KubernetesNames = new Dictionary<string, string>
    {
        [Storage + "TopologySelectorTerm"] = Core + "TopologySelectorTerm",
        [Storage + "TopologySelectorLabelRequirement"] = Core + "TopologySelectorLabelRequirement",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Kubernetes' definition name for one of ours (they differ where a record sits in another namespace).</summary>
    public static string KubernetesName(string definition) => KubernetesNames.GetValueOrDefault(definition, definition);

    /// <summary>The required fields of a definition, in Kubernetes' order.</summary>
    public static IReadOnlyList<string> Required(string definition) =>
        RequiredFields.TryGetValue(definition, out var fields) ? fields : [];

    /// <summary>The closed set of values of a string field, or null.</summary>
    public static IReadOnlyList<string>? Enum(string definition, string field) =>
        EnumValues.GetValueOrDefault((definition, field));

    /// <summary>Whether an object-valued field defaults to {} (a non-pointer Go struct).</summary>
    public static bool DefaultsToEmptyObject(string definition, string field) =>
        field == "metadata" || EmptyObjectDefaults.Contains((definition, field));

    /// <summary>Whether a definition is an atomic struct (x-kubernetes-map-type: atomic).</summary>
    public static bool IsAtomicStruct(string definition) => AtomicStructs.Contains(definition);

    /// <summary>The named schema of an opaque (Any) field, e.g. managedFields[].fieldsV1, or null.</summary>
    public static string? OpaqueReference(string definition, string field) =>
        definition == Meta + "ManagedFieldsEntry" && field == "fieldsV1" ? FieldsV1 : null;
}
