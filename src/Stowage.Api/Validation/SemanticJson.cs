using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Stowage.Api.Validation;

/// <summary>
/// Kubernetes' apiequality.Semantic.DeepEqual for the immutability rules, done on the JSON form:
/// null, empty lists and empty maps are all "unset" (Semantic treats nil and empty alike; and as
/// most of these fields are plain Go strings and bools, "" and false are unset too), map
/// order does not matter, and quantities compare by their canonical text. <see cref="Diff"/>
/// renders the differences for the "... is immutable after creation" messages; Kubernetes prints a
/// go-cmp diff of its internal structs there, which cannot be reproduced byte for byte, so this is
/// a readable stand-in: one "- path: old" / "+ path: new" line per changed leaf.
/// </summary>
internal static class SemanticJson
{
    // Values in the diff read as the user wrote them: quotes as \", not \u0022.
    private static readonly JsonSerializerOptions DiffOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Null when the two values are semantically equal, else the rendered differences (<see cref="Diff"/>).
    /// Identical serializations are equal without building the normalized trees, which is the common case:
    /// most updates leave the immutable parts exactly as they were.
    /// </summary>
    public static string? Difference<T>(T oldValue, T newValue, JsonTypeInfo<T> typeInfo)
    {
        if (JsonSerializer.SerializeToUtf8Bytes(oldValue, typeInfo).AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(newValue, typeInfo)))
        {
            return null;
        }
        var oldNode = ToNode(oldValue, typeInfo);
        var newNode = ToNode(newValue, typeInfo);
        return Equal(oldNode, newNode) ? null : Diff(oldNode, newNode);
    }

    public static JsonNode? ToNode<T>(T value, JsonTypeInfo<T> typeInfo) => Normalize(JsonSerializer.SerializeToNode(value, typeInfo));

    public static bool Equal(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);

    public static string Diff(JsonNode? oldNode, JsonNode? newNode)
    {
        var before = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var after = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Flatten(oldNode, "", before);
        Flatten(newNode, "", after);
        var lines = new List<string>();
        foreach (var key in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            before.TryGetValue(key, out var o);
            after.TryGetValue(key, out var n);
            if (o == n)
            {
                continue;
            }
            if (o is not null)
            {
                lines.Add("  - " + key + ": " + o);
            }
            if (n is not null)
            {
                lines.Add("  + " + key + ": " + n);
            }
        }
        return string.Join("\n", lines);
    }

    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    var v = Normalize(value);
                    if (v is not null)
                    {
                        result[key] = v;
                    }
                }
                return result.Count == 0 ? null : result;
            case JsonArray arr:
                var items = new JsonArray();
                foreach (var item in arr)
                {
                    // Elements keep their position; an unset element stays as an explicit null.
                    items.Add(Normalize(item));
                }
                return items.Count == 0 ? null : items;
            case JsonValue value when value.GetValueKind() is JsonValueKind.False:
                return null;
            case JsonValue value when value.GetValueKind() is JsonValueKind.String && value.GetValue<string>().Length == 0:
                return null;
            default:
                return node?.DeepClone();
        }
    }

    private static void Flatten(JsonNode? node, string prefix, IDictionary<string, string> into)
    {
        switch (node)
        {
            case null:
                return;
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Flatten(value, prefix.Length == 0 ? key : prefix + "." + key, into);
                }
                return;
            case JsonArray arr:
                for (var i = 0; i < arr.Count; i++)
                {
                    Flatten(arr[i], prefix + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", into);
                }
                return;
            default:
                into[prefix] = node.ToJsonString(DiffOptions);
                return;
        }
    }
}
