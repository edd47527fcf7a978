using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Api;
using Stowage.Api.Core;

namespace Stowage.Controllers.Workloads;

/// <summary>
/// The pod-template-hash of a deployment's template (controller.ComputeHash): FNV-32a over the
/// template plus the collision count (little-endian, in an 8-byte buffer), its decimal value
/// mapped onto the alphabet <c>bcdfghjklmnpqrstvwxz2456789</c> (rand.SafeEncodeString).
/// </summary>
/// <remarks>
/// Kubernetes feeds the hash with go-spew's dump of the Go struct, which no other language can
/// reproduce byte for byte; Stowage feeds it the template's JSON with object keys sorted. The hash
/// is stable across restarts and versions of Stowage and changes exactly when the template does,
/// but it is not the value kube-controller-manager would compute for the same template. Nothing
/// compares it across systems: replica sets are matched to templates semantically
/// (<see cref="EqualIgnoringHash"/>), as in Kubernetes.
/// </remarks>
public static class PodTemplateHash
{
    /// <summary>The label (and selector key) that separates a deployment's replica sets.</summary>
    public const string Label = "pod-template-hash";

    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>The hash of a template with an optional collision count.</summary>
    public static string Compute(PodTemplateSpec template, int? collisionCount)
    {
        ArgumentNullException.ThrowIfNull(template);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(Canonical(template)))
        {
            hash = (hash ^ b) * 16777619u;
        }
        if (collisionCount is { } count)
        {
            Span<byte> bytes = stackalloc byte[8];
            bytes.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, unchecked((uint)count));
            foreach (var b in bytes)
            {
                hash = (hash ^ b) * 16777619u;
            }
        }
        var digits = hash.ToString(CultureInfo.InvariantCulture);
        var encoded = new StringBuilder(digits.Length);
        foreach (var c in digits)
        {
            encoded.Append(Alphabet[c % Alphabet.Length]);
        }
        return encoded.ToString();
    }

    /// <summary>EqualIgnoreHash: the templates are equal once the pod-template-hash label is dropped from both.</summary>
    public static bool EqualIgnoringHash(PodTemplateSpec? a, PodTemplateSpec? b) =>
        Canonical(WithoutHash(a ?? new PodTemplateSpec())) == Canonical(WithoutHash(b ?? new PodTemplateSpec()));

    /// <summary>The template without the pod-template-hash label.</summary>
    public static PodTemplateSpec WithoutHash(PodTemplateSpec template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.Metadata?.Labels is not { } labels || !labels.ContainsKey(Label))
        {
            return template;
        }
        var rest = labels.Where(p => p.Key != Label).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return template with { Metadata = template.Metadata with { Labels = rest.Count == 0 ? null : rest } };
    }

    private static string Canonical(PodTemplateSpec template) =>
        Sorted(JsonSerializer.SerializeToNode(template, ApiJsonContext.Default.PodTemplateSpec))?.ToJsonString() ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Where(p => p.Value is not JsonObject { Count: 0 } || p.Key != "labels")
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
