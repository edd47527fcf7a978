using System.Text.Json.Nodes;
using Stowage.Api.Schema;

namespace Stowage.Api.Patching;

/// <summary>
/// Identifies the items of map-type and set-type lists as <see cref="PathElement"/>s, as
/// structured-merge-diff's listItemToPathElement does. Repeated identities keep their first item.
/// </summary>
internal static class ListItemKeys
{
    // Defaults of list-map key fields that Kubernetes' OpenAPI declares (ports' protocol). Without
    // them an applied port lacking "protocol" would not match the defaulted live port. SchemaNode
    // carries no defaults yet, so they are named here.
    private static readonly Dictionary<string, string> KeyFieldDefaults = new(StringComparer.Ordinal)
    {
        ["protocol"] = "TCP",
    };

    /// <summary>The items of a granular list with their identities, first occurrence of each identity only.</summary>
    public static List<(PathElement Element, JsonNode? Item)> Index(JsonArray? list, SchemaNode? listSchema, ShapeKind shape)
    {
        var result = new List<(PathElement, JsonNode?)>();
        if (list is null)
        {
            return result;
        }

        var seen = new HashSet<PathElement>();
        foreach (var item in list)
        {
            var element = shape == ShapeKind.ListMap ? KeyOf(item, listSchema!) : ValueOf(item);
            if (seen.Add(element))
            {
                result.Add((element, item));
            }
        }

        return result;
    }

    private static PathElement KeyOf(JsonNode? item, SchemaNode listSchema)
    {
        if (item is null)
        {
            throw Invalid("associative list with keys may not have a null element");
        }

        if (item is not JsonObject map)
        {
            throw Invalid("associative list with keys may not have non-map elements");
        }

        var fields = new List<KeyValuePair<string, JsonNode?>>();
        foreach (var key in listSchema.MapKeys)
        {
            if (map.TryGetPropertyValue(key, out var value))
            {
                fields.Add(new(key, value));
            }
            else if (KeyFieldDefaults.TryGetValue(key, out var fallback))
            {
                fields.Add(new(key, JsonValue.Create(fallback)));
            }
            else
            {
                throw Invalid($"associative list with keys has an element that omits key field \"{key}\" (and doesn't have default value)");
            }
        }

        return PathElement.ForKey(fields);
    }

    private static PathElement ValueOf(JsonNode? item)
    {
        if (item is JsonObject)
        {
            throw Invalid("associative list without keys has an element that's a map type");
        }

        if (item is JsonArray)
        {
            throw Invalid("associative list without keys has an element that's a list type");
        }

        return PathElement.ForValue(item);
    }

    private static PatchException Invalid(string message) => new(PatchErrorReason.BadRequest, message);
}
