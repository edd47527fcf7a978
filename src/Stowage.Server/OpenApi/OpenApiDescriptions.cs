using System.Collections.Frozen;
using System.Text.Json;

namespace Stowage.Server.OpenApi;

/// <summary>
/// Kubernetes' own descriptions of its types, fields and query parameters (what
/// <c>kubectl explain</c> prints), read once from the embedded Descriptions.json. The text comes
/// from the upstream API type comments, as the real OpenAPI documents carry it; keeping it as
/// data keeps the C# records' doc comments short and ours.
/// </summary>
public sealed class OpenApiDescriptions
{
    private const string ResourceName = "Stowage.Server.OpenApi.Descriptions.json";

    private readonly FrozenDictionary<string, string> _definitions;
    private readonly FrozenDictionary<string, string> _parameters;

    private OpenApiDescriptions(FrozenDictionary<string, string> definitions, FrozenDictionary<string, string> parameters)
    {
        _definitions = definitions;
        _parameters = parameters;
    }

    /// <summary>The embedded Kubernetes descriptions (loaded on first use; immutable).</summary>
    public static OpenApiDescriptions Kubernetes => Holder.Instance;

    /// <summary>The description of a type, e.g. io.k8s.api.core.v1.PersistentVolume.</summary>
    public string? ForDefinition(string definition) => _definitions.GetValueOrDefault(definition);

    /// <summary>The description of a field of a type, e.g. (io.k8s.api.core.v1.PersistentVolumeSpec, accessModes).</summary>
    public string? ForField(string definition, string field) => _definitions.GetValueOrDefault(definition + "." + field);

    /// <summary>The description of a query or path parameter, e.g. fieldValidation.</summary>
    public string? ForParameter(string name) => _parameters.GetValueOrDefault(name);

    private static OpenApiDescriptions Load()
    {
        using var stream = typeof(OpenApiDescriptions).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var document = JsonDocument.Parse(stream);
        return new OpenApiDescriptions(
            Section(document.RootElement, "definitions"),
            Section(document.RootElement, "parameters"));
    }

    private static FrozenDictionary<string, string> Section(JsonElement root, string name) =>
        root.GetProperty(name).EnumerateObject()
            .ToFrozenDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);

    // The holder class defers loading until first use and makes it thread-safe without locks.
    private static class Holder
    {
        public static readonly OpenApiDescriptions Instance = Load();
    }
}
