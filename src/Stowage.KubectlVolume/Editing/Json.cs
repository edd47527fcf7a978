using System.Text.Json.Nodes;

namespace Stowage.KubectlVolume.Editing;

/// <summary>Typed reads of loosely typed API JSON: a field of the wrong type reads as absent.</summary>
internal static class Json
{
    /// <summary>The string at <paramref name="node"/>, or null.</summary>
    public static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The boolean at <paramref name="node"/>, false when absent.</summary>
    public static bool Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>The integer at <paramref name="node"/>, 0 when absent (Go's zero value).</summary>
    public static long Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var l) ? l : 0;

    /// <summary>The objects of the array at <paramref name="node"/>, none when absent.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node) => node is JsonArray a ? a.OfType<JsonObject>() : [];

    /// <summary>Follows a path of object fields, null where one is missing.</summary>
    public static JsonObject? Path(JsonObject? root, params string[] fields)
    {
        var current = root;
        foreach (var f in fields)
        {
            current = current?[f] as JsonObject;
        }
        return current;
    }
}
