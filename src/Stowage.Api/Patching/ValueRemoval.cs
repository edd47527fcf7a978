using System.Text.Json.Nodes;
using Stowage.Api.Schema;

namespace Stowage.Api.Patching;

/// <summary>
/// Removes the fields and items of a set from a value (structured-merge-diff's RemoveItems). A
/// member removes the whole field or item; children descend. A struct, map or list left empty
/// becomes null, which <see cref="DropNulls"/> then removes.
/// </summary>
internal static class ValueRemoval
{
    /// <summary>A copy of <paramref name="value"/> without the paths of <paramref name="toRemove"/>.</summary>
    public static JsonNode? Remove(JsonNode? value, FieldSet toRemove, SchemaNode? schema)
    {
        if (toRemove.IsEmpty)
        {
            return JsonValues.Clone(value);
        }

        var shape = SchemaShape.Of(schema, value);
        switch (shape)
        {
            case ShapeKind.Struct or ShapeKind.Map when value is JsonObject map:
                var kept = new JsonObject();
                foreach (var (key, child) in map)
                {
                    var element = PathElement.ForField(key);
                    if (toRemove.Members.Contains(element))
                    {
                        continue;
                    }

                    kept[key] = Remove(child, toRemove.WithPrefix(element), SchemaShape.Child(schema, key));
                }

                return kept.Count > 0 ? kept : null;
            case ShapeKind.ListMap or ShapeKind.ListSet when value is JsonArray list:
                var items = new JsonArray();
                foreach (var (element, item) in ListItemKeys.Index(list, schema, shape))
                {
                    if (toRemove.Members.Contains(element))
                    {
                        continue;
                    }

                    items.Add(Remove(item, toRemove.WithPrefix(element), SchemaShape.Items(schema)));
                }

                return items.Count > 0 ? items : null;
            default:
                return JsonValues.Clone(value);
        }
    }

    /// <summary>
    /// Removes object members holding null, at every depth (array items are kept). Kubernetes gets
    /// the same effect by decoding the merged value into its typed object.
    /// </summary>
    public static JsonNode? DropNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(key);
                }

                foreach (var (_, child) in obj)
                {
                    DropNulls(child);
                }

                break;
            case JsonArray arr:
                foreach (var item in arr)
                {
                    DropNulls(item);
                }

                break;
        }

        return node;
    }
}
