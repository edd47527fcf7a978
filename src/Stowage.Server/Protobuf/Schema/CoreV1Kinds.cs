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
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Kinds => ByKind.Keys;

    public static MessageDescriptor? Find(string apiVersion, string kind) =>
        apiVersion == ApiVersion ? ByKind.GetValueOrDefault(kind) : null;
}
