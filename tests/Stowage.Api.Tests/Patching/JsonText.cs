using System.Text.Json.Nodes;

namespace Stowage.Api.Tests.Patching;

/// <summary>JSON helpers for patch tests: parsing, and a key-order-insensitive canonical form for comparison.</summary>
internal static class JsonText
{
    public static JsonNode? Parse(string json) => JsonNode.Parse(json);

    public static JsonObject Object(string json) => (JsonObject)JsonNode.Parse(json)!;

    /// <summary>Compact JSON with object keys sorted at every depth; array order is kept.</summary>
    public static string Canonical(JsonNode? node) => Sort(node?.DeepClone())?.ToJsonString() ?? "null";

    public static void Equal(string expectedJson, JsonNode? actual) =>
        Assert.Equal(Canonical(Parse(expectedJson)), Canonical(actual));

    private static JsonNode? Sort(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var entries = obj.Select(p => (p.Key, Value: p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
                obj.Clear();
                var sorted = new JsonObject();
                foreach (var (key, value) in entries)
                {
                    sorted[key] = Sort(value);
                }

                return sorted;
            case JsonArray arr:
                var items = arr.ToList();
                arr.Clear();
                return new JsonArray(items.Select(Sort).ToArray());
            default:
                return node;
        }
    }
}
