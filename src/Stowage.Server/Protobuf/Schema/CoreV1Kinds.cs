using System.Collections.Frozen;

namespace Stowage.Server.Protobuf.Schema;

/// <summary>The core/v1 kinds whose protobuf bodies this server can decode.</summary>
internal static class CoreV1Kinds
{
    public const string ApiVersion = "v1";

    private static readonly FrozenDictionary<string, MessageDescriptor> ByKind = new Dictionary<string, MessageDescriptor>
    {
        ["Namespace"] = CoreV1Schema.Namespace,
        ["Secret"] = CoreV1Schema.Secret,
        ["ConfigMap"] = CoreV1Schema.ConfigMap,
        ["PersistentVolumeClaim"] = PersistentVolumeSchema.PersistentVolumeClaim,
        ["PersistentVolume"] = PersistentVolumeSchema.PersistentVolume,
        ["Pod"] = PodSchema.Pod,
        ["Event"] = CoreV1Schema.Event,
        ["Endpoints"] = CoreV1Schema.Endpoints,
        ["Node"] = NodeSchema.Node,
        ["ReplicationController"] = WorkloadSchema.ReplicationController,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // apps/v1, which kubectl's typed clients (create deployment) also send as protobuf.
    private static readonly FrozenDictionary<string, MessageDescriptor> AppsV1 = new Dictionary<string, MessageDescriptor>
    {
        ["Deployment"] = WorkloadSchema.Deployment,
        ["ReplicaSet"] = WorkloadSchema.ReplicaSet,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Kinds => [.. ByKind.Keys, .. AppsV1.Keys];

    public static MessageDescriptor? Find(string apiVersion, string kind) => apiVersion switch
    {
        ApiVersion => ByKind.GetValueOrDefault(kind),
        "apps/v1" => AppsV1.GetValueOrDefault(kind),
        _ => null,
    };
}
