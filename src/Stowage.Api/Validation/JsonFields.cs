using System.Text.Json.Nodes;

namespace Stowage.Api.Validation;

/// <summary>Typed reads of the JSON-kept parts of pods (probes, valueFrom, ...), null when absent or of another type.</summary>
internal static class JsonFields
{
    public static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static long? Integer(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;
}
