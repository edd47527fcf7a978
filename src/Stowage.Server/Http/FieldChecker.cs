using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Stowage.Api.Schema;
using Stowage.Server.Decoding;
using Stowage.Server.Errors;
using Stowage.Server.Resources;

namespace Stowage.Server.Http;

/// <summary>
/// Applies the request's fieldValidation to a body: Strict rejects unknown and duplicate fields with a
/// 400, Warn answers with one Warning header per problem, Ignore lets the decoder drop them.
/// </summary>
public sealed class FieldChecker
{
    /// <summary>
    /// Checks a strategic merge patch: its directives ($patch, $retainKeys, $setElementOrder/…,
    /// $deleteFromPrimitiveList/…) are instructions, not fields, so they are left out. Kubernetes
    /// checks the patched object, where no directive survives.
    /// </summary>
    public void CheckStrategicMergePatch(HttpContext context, IResourceStore store, JsonNode patch)
    {
        var withoutDirectives = patch.DeepClone();
        RemoveDirectives(withoutDirectives);
        Check(context, store, JsonSerializer.SerializeToUtf8Bytes(withoutDirectives), null);
    }

    /// <summary>Checks a body's fields per the request's fieldValidation (or the forced mode).</summary>
    public void Check(HttpContext context, IResourceStore store, byte[] json, string? forcedMode)
    {
        var mode = forcedMode ?? QueryOptions.FieldValidation(context.Request);
        if (mode == "Ignore")
        {
            return;
        }
        IReadOnlyList<StrictFieldError> errors;
        try
        {
            errors = StrictFieldChecker.Check(json, ApiSchemas.Default.For(store.ObjectType));
        }
        catch (JsonException e)
        {
            throw new ApiException(StatusErrors.BadRequest($"error decoding request body: {e.Message}"));
        }
        if (errors.Count == 0)
        {
            return;
        }
        if (mode == "Strict")
        {
            var (kind, version) = TypeOf(json, store);
            throw new ApiException(StatusErrors.BadRequest(StrictFieldChecker.BadRequestMessage(kind, version, store.Kind, errors)));
        }
        foreach (var error in errors)
        {
            var value = StrictFieldChecker.WarningHeaderValue(error);
            if (value.All(c => c < 128))
            {
                context.Response.Headers.Append("Warning", value);
            }
        }
    }

    private static void RemoveDirectives(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).Where(k => k.StartsWith('$')).ToList())
                {
                    obj.Remove(key);
                }
                foreach (var (_, value) in obj)
                {
                    RemoveDirectives(value);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    RemoveDirectives(item);
                }
                break;
        }
    }

    private static (string Kind, string Version) TypeOf(byte[] json, IResourceStore store)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var kind = root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : store.Kind;
        var apiVersion = root.TryGetProperty("apiVersion", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : store.ApiVersion;
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return (kind, slash >= 0 ? apiVersion[(slash + 1)..] : apiVersion);
    }
}
