using System.Text.Json.Nodes;
using Stowage.Api.Schema;

namespace Stowage.Api.Patching;

/// <summary>
/// Kubernetes strategic merge patch (patch format version 2, what kubectl sends), applied on the
/// server as kube-apiserver does (strategicpatch.StrategicMergeMapPatch): null deletes a field, objects
/// merge, map-type lists merge item by item on their merge key (the first of
/// <see cref="SchemaNode.MapKeys"/>), set-type lists merge as unions, other lists are replaced.
/// Directives: <c>$patch: replace|delete</c>, <c>$retainKeys</c>, <c>$setElementOrder/&lt;list&gt;</c>
/// and <c>$deleteFromPrimitiveList/&lt;list&gt;</c>. Where the schema is null or
/// <see cref="SchemaType.Any"/>, objects merge and lists are replaced (JSON merge patch behaviour).
/// </summary>
/// <remarks>
/// Deliberate differences from Kubernetes, all about malformed or unusual patches: values the live
/// object lacks are merged into an empty value instead of copied verbatim, so directives never leak
/// into the result; a <c>$deleteFromPrimitiveList</c> for a list the object lacks does nothing
/// (Kubernetes would create the list from the deletion list); key processing order is the patch's,
/// where Go's is random.
/// </remarks>
public static class StrategicMergePatch
{
    private const string RetainKeysDirective = "$retainKeys";
    private const string SetElementOrderPrefix = "$setElementOrder";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList";

    /// <summary>
    /// Applies <paramref name="patch"/> to a copy of <paramref name="original"/> (both JSON objects)
    /// and returns the result; the inputs are not modified.
    /// </summary>
    /// <exception cref="PatchException">The patch is malformed or cannot be applied; see <see cref="PatchException.Reason"/>.</exception>
    public static JsonObject Apply(JsonNode original, JsonNode patch, SchemaNode? schema)
    {
        if (original is not JsonObject originalObject || patch is not JsonObject patchObject)
        {
            throw StrategicMergeErrors.BadJsonDocument();
        }

        return MergeMap((JsonObject)originalObject.DeepClone(), (JsonObject)patchObject.DeepClone(), schema);
    }

    /// <summary>
    /// strategicpatch.mergeMap: merges <paramref name="patch"/> into <paramref name="original"/>, both
    /// detached working copies that this mutates, and returns the merged object.
    /// </summary>
    internal static JsonObject MergeMap(JsonObject original, JsonObject patch, SchemaNode? schema)
    {
        if (patch.TryGetPropertyValue(StrategicListMerge.DirectiveMarker, out var directive))
        {
            if (StrategicListMerge.IsString(directive, "replace"))
            {
                patch.Remove(StrategicListMerge.DirectiveMarker);
                return MergeMap(new JsonObject(), patch, schema);
            }

            if (StrategicListMerge.IsString(directive, "delete"))
            {
                return new JsonObject();
            }

            throw StrategicMergeErrors.BadPatchType(directive, patch);
        }

        ApplyRetainKeys(original, patch);
        MergeElementOrderLists(original, patch, schema);

        foreach (var (patchKey, patchValue) in patch.ToList())
        {
            var key = patchKey;
            var isDeleteList = patchKey.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal);
            if (isDeleteList)
            {
                key = ExtractKey(patchKey, DeleteFromPrimitiveListPrefix) ?? throw StrategicMergeErrors.BadPatchFormatForPrimitiveList();
            }

            if (patchValue is null)
            {
                // Server-side, nulls that match nothing are dropped (IgnoreUnmatchedNulls).
                original.Remove(key);
                continue;
            }

            var fieldSchema = SchemaShape.Child(schema, key);
            original.TryGetPropertyValue(key, out var originalValue);
            if (isDeleteList)
            {
                if (originalValue is JsonArray originalList && patchValue is JsonArray deletions)
                {
                    Set(original, key, StrategicListMerge.MergeField(originalList, deletions, fieldSchema, isDeleteList: true));
                }

                continue;
            }

            switch (originalValue)
            {
                case JsonObject originalMap when patchValue is JsonObject patchMap:
                    Set(original, key, MergeMap(originalMap, (JsonObject)patchMap.DeepClone(), fieldSchema));
                    break;
                case JsonArray originalList when patchValue is JsonArray patchList:
                    Set(original, key, StrategicListMerge.MergeField(originalList, patchList, fieldSchema, isDeleteList: false));
                    break;
                default:
                    // Missing, null, a scalar, or a change of type: the patch value is taken.
                    Set(original, key, Fresh(patchValue, fieldSchema));
                    break;
            }
        }

        return original;
    }

    /// <summary>Removes every patch directive key from a value copied verbatim into the result.</summary>
    internal static JsonNode? StripDirectives(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).Where(IsDirectiveKey).ToList())
                {
                    obj.Remove(key);
                }

                foreach (var (_, value) in obj)
                {
                    StripDirectives(value);
                }

                break;
            case JsonArray arr:
                foreach (var item in arr)
                {
                    StripDirectives(item);
                }

                break;
        }

        return node;
    }

    private static bool IsDirectiveKey(string key) =>
        key == StrategicListMerge.DirectiveMarker
        || key == RetainKeysDirective
        || key.StartsWith(SetElementOrderPrefix + "/", StringComparison.Ordinal)
        || key.StartsWith(DeleteFromPrimitiveListPrefix + "/", StringComparison.Ordinal);

    // A patch value for a field the live object lacks (or holds with another type): merged into an
    // empty value, so its own directives apply and none survive.
    private static JsonNode? Fresh(JsonNode patchValue, SchemaNode? schema) => patchValue switch
    {
        JsonObject map => MergeMap(new JsonObject(), (JsonObject)map.DeepClone(), schema),
        JsonArray list => StrategicListMerge.MergeField(new JsonArray(), list, schema, isDeleteList: false),
        _ => patchValue.DeepClone(),
    };

    private static void Set(JsonObject target, string key, JsonNode? value)
    {
        if (target.TryGetPropertyValue(key, out var existing) && ReferenceEquals(existing, value))
        {
            return;
        }

        target[key] = value?.Parent is null ? value : value.DeepClone();
    }

    // "$setElementOrder/containers" -> "containers"; null when there is no "/".
    private static string? ExtractKey(string key, string prefix)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 || key[..slash] != prefix ? null : key[(slash + 1)..];
    }

    // strategicpatch.applyRetainKeysDirective: clear the original's fields missing from the list.
    private static void ApplyRetainKeys(JsonObject original, JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(RetainKeysDirective, out var retain))
        {
            return;
        }

        patch.Remove(RetainKeysDirective);
        if (retain is not JsonArray retainList)
        {
            throw StrategicMergeErrors.BadPatchFormatForRetainKeys();
        }

        var keys = retainList
            .Where(k => k is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
            .Select(k => k!.GetValue<string>())
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (value is null
                || key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal)
                || key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (!keys.Contains(key))
            {
                throw StrategicMergeErrors.BadPatchFormatForRetainKeys();
            }
        }

        foreach (var key in original.Select(p => p.Key).Where(k => !keys.Contains(k)).ToList())
        {
            original.Remove(key);
        }
    }

    // strategicpatch.mergePatchIntoOriginal: merge each list that has a $setElementOrder directive
    // and lay it out in the directive's order (patch order beats live order).
    private static void MergeElementOrderLists(JsonObject original, JsonObject patch, SchemaNode? schema)
    {
        foreach (var (directiveKey, orderValue) in patch.ToList())
        {
            if (!directiveKey.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            patch.Remove(directiveKey);
            if (orderValue is not JsonArray orderArray)
            {
                throw StrategicMergeErrors.BadArgType("[]interface {}", orderValue);
            }

            var key = ExtractKey(directiveKey, SetElementOrderPrefix) ?? throw StrategicMergeErrors.BadPatchFormatForSetElementOrderList();
            var foundOriginal = original.TryGetPropertyValue(key, out var originalValue);
            var foundPatch = patch.TryGetPropertyValue(key, out var patchValue);
            if (foundOriginal && originalValue is not JsonArray)
            {
                throw StrategicMergeErrors.BadArgType("[]interface {}", originalValue);
            }

            if (foundPatch && patchValue is not JsonArray)
            {
                throw StrategicMergeErrors.BadArgType("[]interface {}", patchValue);
            }

            var fieldSchema = SchemaShape.Child(schema, key);
            var mergeKey = SchemaShape.Of(fieldSchema, null) == ShapeKind.ListMap ? fieldSchema!.MapKeys[0] : "";
            var order = orderArray.Select(JsonValues.Clone).ToList();
            var originalItems = (originalValue as JsonArray)?.Select(JsonValues.Clone).ToList() ?? [];
            var patchItems = (patchValue as JsonArray)?.Select(JsonValues.Clone).ToList() ?? [];
            ValidatePatchWithSetOrderList(patchItems, order, mergeKey);

            JsonArray merged;
            if (foundOriginal && foundPatch)
            {
                merged = StrategicListMerge.MergeField((JsonArray)originalValue!, (JsonArray)patchValue!, fieldSchema, isDeleteList: false);
            }
            else if (foundPatch)
            {
                merged = StrategicListMerge.MergeField(null, (JsonArray)patchValue!, fieldSchema, isDeleteList: false);
            }
            else if (foundOriginal)
            {
                merged = (JsonArray)originalValue!;
            }
            else
            {
                continue;
            }

            var mergedItems = merged.Select(JsonValues.Clone).ToList();
            patch.Remove(key);
            if (mergedItems.Count == 0)
            {
                Set(original, key, new JsonArray());
                continue;
            }

            var (present, absent) = mergeKey.Length == 0
                ? StrategicListMerge.PartitionPrimitives(mergedItems, order)
                : StrategicListMerge.PartitionMaps(mergedItems, order, mergeKey);
            var kind = StrategicListMerge.SliceElementKind(originalItems, patchItems.Count > 0 ? patchItems : mergedItems);
            var laidOut = StrategicListMerge.NormalizeElementOrder(present, absent, order, originalItems, mergeKey, kind);
            Set(original, key, new JsonArray(laidOut.ToArray()));
        }
    }

    // strategicpatch.validatePatchWithSetOrderList: the patch items must appear in the directive, in
    // the same relative order (deletions and directive items are ignored).
    private static void ValidatePatchWithSetOrderList(List<JsonNode?> patchItems, List<JsonNode?> order, string mergeKey)
    {
        if (order.Count == 0 || patchItems.Count == 0)
        {
            return;
        }

        var items = mergeKey.Length > 0 ? StrategicListMerge.ExtractToDeleteItems(patchItems).Keep : patchItems;
        int p = 0, o = 0;
        while (p < items.Count && o < order.Count)
        {
            if (items[p] is JsonObject m && m.ContainsKey(StrategicListMerge.DirectiveMarker))
            {
                p++;
                continue;
            }

            if (MergeKeyValueEqual(items[p], order[o], mergeKey))
            {
                p++;
            }

            o++;
        }

        if (p < items.Count && o >= order.Count)
        {
            var patchList = new JsonArray(patchItems.Select(JsonValues.Clone).ToArray());
            var orderList = new JsonArray(order.Select(JsonValues.Clone).ToArray());
            throw StrategicMergeErrors.Other(
                $"The order in patch list:\n{GoFormat.Value(patchList)}\n doesn't match {SetElementOrderPrefix} list:\n{GoFormat.Value(orderList)}\n");
        }
    }

    private static bool MergeKeyValueEqual(JsonNode? left, JsonNode? right, string mergeKey)
    {
        if (mergeKey.Length == 0)
        {
            return StrategicListMerge.GoEqual(left, right);
        }

        if (left is not JsonObject l)
        {
            throw StrategicMergeErrors.BadArgType("map[string]interface {}", left);
        }

        if (right is not JsonObject r)
        {
            throw StrategicMergeErrors.BadArgType("map[string]interface {}", right);
        }

        if (!l.TryGetPropertyValue(mergeKey, out var lv))
        {
            throw StrategicMergeErrors.NoMergeKey(l, mergeKey);
        }

        if (!r.TryGetPropertyValue(mergeKey, out var rv))
        {
            throw StrategicMergeErrors.NoMergeKey(r, mergeKey);
        }

        return StrategicListMerge.GoEqual(lv, rv);
    }
}
