using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.KubectlVolume.CommandLine;
using Stowage.KubectlVolume.Editing;
using YamlDotNet.Serialization;

namespace Stowage.KubectlVolume.Output;

/// <summary>kubectl's printers for a changed object: the operation line, <c>-o name</c>, <c>-o json</c>, <c>-o yaml</c>.</summary>
internal static class ObjectPrinter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 4 };

    /// <summary>Prints <paramref name="obj"/> of <paramref name="kind"/>.</summary>
    public static void Print(TextWriter output, JsonObject obj, ResourceKind kind, string? format, DryRun dryRun)
    {
        var name = $"{kind.NamePrefix}/{Json.Str(Json.Path(obj, "metadata")?["name"])}";
        switch (format)
        {
            case "name":
                output.WriteLine(name);
                break;
            case "json":
                output.WriteLine(obj.ToJsonString(Indented));
                break;
            case "yaml":
                output.Write(ToYaml(obj));
                break;
            default:
                output.WriteLine(dryRun switch
                {
                    DryRun.Client => $"{name} volume updated (dry run)",
                    DryRun.Server => $"{name} volume updated (server dry run)",
                    _ => $"{name} volume updated",
                });
                break;
        }
    }

    /// <summary>YAML as kubectl writes it: block style, sequences not indented, strings quoted only where needed.</summary>
    public static string ToYaml(JsonNode node) =>
        new SerializerBuilder().WithQuotingNecessaryStrings().Build().Serialize(ToPlain(node));

    private static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => ToPlain(p.Value)),
        JsonArray a => a.Select(ToPlain).ToList(),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<decimal>(out var d) => d,
        _ => node.ToJsonString(),
    };
}
