using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stowage.Api.Validation;

/// <summary>Typed reads of the JSON-kept parts of pods (probes, valueFrom, ...), null when absent or of another type.</summary>
internal static class JsonFields
{
    public static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static long? Integer(JsonObject o, string name) => Integer(o[name]);

    /// <summary>
    /// A whole number, whether the node was parsed from JSON or built from a CLR int or long
    /// (JsonValue only converts between numeric types for parsed values).
    /// </summary>
    public static long? Integer(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
