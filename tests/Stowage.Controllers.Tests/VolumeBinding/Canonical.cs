using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Api;
using Stowage.Api.Core;

namespace Stowage.Controllers.Tests.VolumeBinding;

/// <summary>
/// Objects as canonical JSON (object keys sorted), for comparing whole objects the way the API
/// server does (byte-equal means unchanged) and the way Kubernetes' tests do (ignoring
/// resourceVersions and transition times).
/// </summary>
internal static class Canonical
{
    public static string Of(PersistentVolume volume) => Sort(JsonSerializer.SerializeToNode(volume, ApiJsonContext.Default.PersistentVolume)!).ToJsonString();

    public static string Of(PersistentVolumeClaim claim) => Sort(JsonSerializer.SerializeToNode(claim, ApiJsonContext.Default.PersistentVolumeClaim)!).ToJsonString();

    /// <summary>The object without the fields Kubernetes' binder tests ignore.</summary>
    public static string Comparable(PersistentVolume volume) => Of(volume with
    {
        Metadata = volume.Metadata with { ResourceVersion = null },
        Spec = volume.Spec is { ClaimRef: { } claimRef } spec ? spec with { ClaimRef = claimRef with { ResourceVersion = null } } : volume.Spec,
        Status = volume.Status is { } status ? status with { LastPhaseTransitionTime = null } : null,
    });

    /// <summary>The object without its resourceVersion.</summary>
    public static string Comparable(PersistentVolumeClaim claim) => Of(claim with { Metadata = claim.Metadata with { ResourceVersion = null } });

    private static JsonNode Sort(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                var sorted = new JsonObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
                {
                    obj.Remove(key);
                    sorted[key] = value is null ? null : Sort(value);
                }
                return sorted;
            case JsonArray array:
                var items = array.ToList();
                array.Clear();
                var copy = new JsonArray();
                foreach (var item in items)
                {
                    copy.Add(item is null ? null : Sort(item));
                }
                return copy;
            default:
                return node;
        }
    }
}
