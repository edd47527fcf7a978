using System.Text.Json.Nodes;

namespace Stowage.Api.Patching;

/// <summary>
/// RFC 7386 JSON Merge Patch as kube-apiserver applies it (evanphx/json-patch MergePatch): null
/// deletes a member, objects merge recursively, anything else replaces.
/// </summary>
/// <remarks>
/// Like evanphx, nulls nested in a value that replaces a non-object (or fills a missing member) are
/// pruned from objects, including objects inside arrays; null array elements are kept.
/// </remarks>
public static class MergePatch
{
    /// <summary>
    /// Applies <paramref name="patch"/> to a copy of <paramref name="original"/>; inputs are not modified.
    /// </summary>
    /// <exception cref="PatchException">
    /// <see cref="PatchErrorReason.BadRequest"/> ("Invalid JSON Patch") if the patch is null or a scalar.
    /// </exception>
    public static JsonNode? Apply(JsonNode? original, JsonNode? patch)
    {
        switch (patch)
        {
            case JsonObject patchObject when original is JsonObject originalObject:
                var result = (JsonObject)originalObject.DeepClone();
                MergeInto(result, patchObject);
                return result;
            case JsonObject patchObject:
                return PruneNulls(patchObject.DeepClone());
            case JsonArray patchArray:
                return PruneNulls(patchArray.DeepClone());
            default:
                throw new PatchException(PatchErrorReason.BadRequest, "Invalid JSON Patch");
        }
    }

    private static void MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                target.Remove(key);
                continue;
            }

            target.TryGetPropertyValue(key, out var current);
            if (current is JsonObject currentObject && value is JsonObject valueObject)
            {
                MergeInto(currentObject, valueObject);
            }
            else if (current is JsonObject)
            {
                // An object replaced by a non-object: evanphx takes the patch value as is.
                target[key] = value.DeepClone();
            }
            else
            {
                target[key] = PruneNulls(value.DeepClone());
            }
        }
    }

    private static JsonNode? PruneNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(key);
                }

                foreach (var (_, value) in obj)
                {
                    PruneNulls(value);
                }

                break;
            case JsonArray arr:
                foreach (var item in arr)
                {
                    PruneNulls(item);
                }

                break;
        }

        return node;
    }
}
