using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Api.Schema;

namespace Stowage.Api.Patching;

/// <summary>
/// The list half of strategic merge patch (strategicpatch's mergeSlice and its ordering helpers),
/// over detached item lists. Ordering follows Kubernetes exactly, including its surprise: without a
/// <c>$setElementOrder</c> list, items named in the patch are laid out in patch order and interleaved
/// with server-only items by their live positions, so a brand-new item lands <em>before</em> the
/// server-only items that follow no patched item ([a, b] + patch [c] gives [c, a, b]).
/// </summary>
internal static class StrategicListMerge
{
    public const string DirectiveMarker = "$patch";

    /// <summary>
    /// Merges a patch list into a live list as the field's schema says: map lists by merge key, set
    /// lists as unions (or as deletions for a $deleteFromPrimitiveList list), anything else replaced.
    /// </summary>
    public static JsonArray MergeField(JsonArray? original, JsonArray patch, SchemaNode? schema, bool isDeleteList)
    {
        var kind = SchemaShape.Of(schema, null);
        var originalItems = original?.Select(JsonValues.Clone).ToList() ?? [];
        var patchItems = patch.Select(JsonValues.Clone).ToList();
        if (isDeleteList)
        {
            return ToArray(DeleteFromSlice(originalItems, patchItems));
        }

        return kind switch
        {
            ShapeKind.ListMap => ToArray(MergeSlice(originalItems, patchItems, SchemaShape.Items(schema), schema!.MapKeys[0])),
            ShapeKind.ListSet => ToArray(MergeSlice(originalItems, patchItems, SchemaShape.Items(schema), "")),
            _ => (JsonArray)StrategicMergePatch.StripDirectives(patch.DeepClone())!,
        };
    }

    /// <summary>strategicpatch.mergeSlice.</summary>
    public static List<JsonNode?> MergeSlice(List<JsonNode?> original, List<JsonNode?> patch, SchemaNode? itemSchema, string mergeKey)
    {
        if (original.Count == 0 && patch.Count == 0)
        {
            return original;
        }

        var kind = SliceElementKind(original, patch);
        List<JsonNode?> merged;
        if (kind != JsonValueKind.Object)
        {
            merged = DeduplicateScalars(original.Concat(patch));
        }
        else
        {
            if (mergeKey.Length == 0)
            {
                throw StrategicMergeErrors.Other("cannot merge lists without merge key for type struct");
            }

            (original, patch) = MergeSliceWithSpecialElements(original, patch, mergeKey, itemSchema);
            merged = MergeSliceWithoutSpecialElements([.. original], patch, mergeKey, itemSchema);
        }

        var (patchItems, serverOnly) = mergeKey.Length == 0
            ? PartitionPrimitives(merged, patch)
            : PartitionMaps(merged, patch, mergeKey);
        return NormalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
    }

    /// <summary>
    /// Sorts patch items by <paramref name="patchOrder"/> and server-only items by
    /// <paramref name="serverOrder"/>, then interleaves them (strategicpatch.normalizeElementOrder).
    /// </summary>
    public static List<JsonNode?> NormalizeElementOrder(
        List<JsonNode?> patchItems,
        List<JsonNode?> serverOnly,
        List<JsonNode?> patchOrder,
        List<JsonNode?> serverOrder,
        string mergeKey,
        JsonValueKind kind)
    {
        var sortedPatch = NormalizeSliceOrder(patchItems, patchOrder, mergeKey, kind);
        var sortedServer = NormalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
        return MergeSortedSlice(sortedServer, sortedPatch, serverOrder, mergeKey, kind);
    }

    /// <summary>The common kind of the items of several lists (strategicpatch.sliceElementType).</summary>
    public static JsonValueKind SliceElementKind(params List<JsonNode?>[] lists)
    {
        JsonValueKind? previous = null;
        foreach (var item in lists.SelectMany(l => l))
        {
            var kind = JsonValues.Kind(item);
            if (kind == JsonValueKind.False)
            {
                kind = JsonValueKind.True;
            }

            if (previous is null)
            {
                if (kind == JsonValueKind.Array)
                {
                    throw StrategicMergeErrors.NoListOfLists();
                }

                previous = kind;
            }
            else if (previous != kind)
            {
                var printed = string.Join(" ", lists.Select(l => GoFormat.Value(new JsonArray(l.Select(JsonValues.Clone).ToArray()))));
                throw StrategicMergeErrors.Other($"list element types are not identical: [{printed}]");
            }
        }

        return previous ?? throw StrategicMergeErrors.Other("no elements in any of the given slices");
    }

    /// <summary>Items of <paramref name="merged"/> present in <paramref name="partitionBy"/> by merge key, then the rest.</summary>
    public static (List<JsonNode?> Present, List<JsonNode?> Absent) PartitionMaps(List<JsonNode?> merged, List<JsonNode?> partitionBy, string mergeKey)
    {
        var present = new List<JsonNode?>();
        var absent = new List<JsonNode?>();
        foreach (var item in merged)
        {
            if (item is not JsonObject map)
            {
                throw StrategicMergeErrors.BadArgType("map[string]interface {}", item);
            }

            if (!map.TryGetPropertyValue(mergeKey, out var value))
            {
                throw StrategicMergeErrors.NoMergeKey(map, mergeKey);
            }

            (FindByMergeKey(partitionBy, mergeKey, value) >= 0 ? present : absent).Add(item);
        }

        return (present, absent);
    }

    /// <summary>Items of <paramref name="merged"/> equal to one in <paramref name="partitionBy"/>, then the rest.</summary>
    public static (List<JsonNode?> Present, List<JsonNode?> Absent) PartitionPrimitives(List<JsonNode?> merged, List<JsonNode?> partitionBy)
    {
        var present = new List<JsonNode?>();
        var absent = new List<JsonNode?>();
        foreach (var item in merged)
        {
            (partitionBy.Any(p => GoEqual(p, item)) ? present : absent).Add(item);
        }

        return (present, absent);
    }

    /// <summary>Splits off the items carrying <c>$patch: delete</c> (strategicpatch.extractToDeleteItems).</summary>
    public static (List<JsonNode?> Keep, List<JsonNode?> Delete) ExtractToDeleteItems(List<JsonNode?> items)
    {
        var keep = new List<JsonNode?>();
        var delete = new List<JsonNode?>();
        foreach (var item in items)
        {
            if (item is not JsonObject map)
            {
                throw StrategicMergeErrors.BadArgType("map[string]interface {}", item);
            }

            var isDelete = map.TryGetPropertyValue(DirectiveMarker, out var directive) && IsString(directive, "delete");
            (isDelete ? delete : keep).Add(item);
        }

        return (keep, delete);
    }

    /// <summary>
    /// Go's == on decoded JSON values: same type and value (numbers are all float64). Containers,
    /// which Go cannot compare, compare deeply here.
    /// </summary>
    public static bool GoEqual(JsonNode? a, JsonNode? b)
    {
        var ka = JsonValues.Kind(a);
        var kb = JsonValues.Kind(b);
        if (ka == JsonValueKind.False)
        {
            ka = JsonValueKind.True;
        }

        if (kb == JsonValueKind.False)
        {
            kb = JsonValueKind.True;
        }

        return ka == kb && JsonValues.Equal(a, b);
    }

    /// <summary>True if the node is the JSON string <paramref name="value"/>.</summary>
    public static bool IsString(JsonNode? node, string value) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == value;

    /// <summary>Index of the first map whose merge key equals <paramref name="value"/>; maps without the key are skipped.</summary>
    public static int FindByMergeKey(List<JsonNode?> items, string mergeKey, JsonNode? value)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject map)
            {
                throw StrategicMergeErrors.Other($"value for key {i} is not a map.");
            }

            if (map.TryGetPropertyValue(mergeKey, out var candidate) && GoEqual(candidate, value))
            {
                return i;
            }
        }

        return -1;
    }

    private static (List<JsonNode?> Original, List<JsonNode?> Patch) MergeSliceWithSpecialElements(
        List<JsonNode?> original, List<JsonNode?> patch, string mergeKey, SchemaNode? itemSchema)
    {
        var withoutSpecial = new List<JsonNode?>();
        var replace = false;
        foreach (var item in patch)
        {
            var map = (JsonObject)item!;
            if (!map.TryGetPropertyValue(DirectiveMarker, out var directive))
            {
                withoutSpecial.Add(item);
                continue;
            }

            if (IsString(directive, "delete"))
            {
                if (!map.TryGetPropertyValue(mergeKey, out var value))
                {
                    throw StrategicMergeErrors.NoMergeKey(map, mergeKey);
                }

                original = [.. original];
                int index;
                while ((index = FindByMergeKey(original, mergeKey, value)) >= 0)
                {
                    original.RemoveAt(index);
                }
            }
            else if (IsString(directive, "replace"))
            {
                // Keep scanning to drop the other directive items.
                replace = true;
            }
            else if (IsString(directive, "merge"))
            {
                throw StrategicMergeErrors.Other("merging lists cannot yet be specified in the patch");
            }
            else
            {
                throw StrategicMergeErrors.BadPatchType(directive, map);
            }
        }

        if (replace)
        {
            // The patch items become the list; merging each into nothing drops nested directives.
            var replaced = withoutSpecial.Select(i => (JsonNode?)StrategicMergePatch.MergeMap(new JsonObject(), (JsonObject)i!, itemSchema)).ToList();
            return (replaced, []);
        }

        return (original, withoutSpecial);
    }

    private static List<JsonNode?> MergeSliceWithoutSpecialElements(List<JsonNode?> original, List<JsonNode?> patch, string mergeKey, SchemaNode? itemSchema)
    {
        foreach (var item in patch)
        {
            var map = (JsonObject)item!;
            if (!map.TryGetPropertyValue(mergeKey, out var value))
            {
                throw StrategicMergeErrors.NoMergeKey(map, mergeKey);
            }

            var index = FindByMergeKey(original, mergeKey, value);
            var patchItem = (JsonObject)map.DeepClone();
            if (index >= 0)
            {
                original[index] = StrategicMergePatch.MergeMap((JsonObject)original[index]!, patchItem, itemSchema);
            }
            else
            {
                original.Add(StrategicMergePatch.MergeMap(new JsonObject(), patchItem, itemSchema));
            }
        }

        return original;
    }

    private static List<JsonNode?> DeduplicateScalars(IEnumerable<JsonNode?> items)
    {
        var result = new List<JsonNode?>();
        foreach (var item in items)
        {
            if (!result.Any(r => GoEqual(r, item)))
            {
                result.Add(item);
            }
        }

        return result;
    }

    private static List<JsonNode?> DeleteFromSlice(List<JsonNode?> current, List<JsonNode?> toDelete) =>
        current.Where(c => !toDelete.Any(d => GoEqual(c, d))).ToList();

    private static List<JsonNode?> NormalizeSliceOrder(List<JsonNode?> toSort, List<JsonNode?> order, string mergeKey, JsonValueKind kind)
    {
        var toDelete = new List<JsonNode?>();
        if (kind == JsonValueKind.Object)
        {
            ValidateMergeKeyInLists(mergeKey, toSort, order);
            (toSort, toDelete) = ExtractToDeleteItems(toSort);
        }

        // Stable by position in the order list; Kubernetes never reaches items missing from it.
        var sorted = toSort
            .Select((item, i) => (Item: item, Index: IndexOf(order, item, mergeKey, kind), Position: i))
            .OrderBy(x => x.Index < 0 ? int.MaxValue : x.Index)
            .ThenBy(x => x.Position)
            .Select(x => x.Item)
            .ToList();
        sorted.AddRange(toDelete);
        return sorted;
    }

    private static void ValidateMergeKeyInLists(string mergeKey, params List<JsonNode?>[] lists)
    {
        foreach (var item in lists.SelectMany(l => l))
        {
            if (item is not JsonObject map)
            {
                throw StrategicMergeErrors.BadArgType("map[string]interface {}", item);
            }

            if (!map.ContainsKey(mergeKey))
            {
                throw StrategicMergeErrors.NoMergeKey(map, mergeKey);
            }
        }
    }

    // strategicpatch.mergeSortedSlice: left holds server-only items, right patch items. A left item
    // goes first only when both are live items and it comes earlier in the live list.
    private static List<JsonNode?> MergeSortedSlice(List<JsonNode?> left, List<JsonNode?> right, List<JsonNode?> serverOrder, string mergeKey, JsonValueKind kind)
    {
        var result = new List<JsonNode?>(left.Count + right.Count);
        int i = 0, j = 0;
        while (i < left.Count || j < right.Count)
        {
            if (i >= left.Count)
            {
                result.Add(right[j++]);
            }
            else if (j >= right.Count)
            {
                result.Add(left[i++]);
            }
            else
            {
                var li = IndexOf(serverOrder, left[i], mergeKey, kind);
                var ri = IndexOf(serverOrder, right[j], mergeKey, kind);
                result.Add(li >= 0 && ri >= 0 && li < ri ? left[i++] : right[j++]);
            }
        }

        return result;
    }

    private static int IndexOf(List<JsonNode?> list, JsonNode? value, string mergeKey, JsonValueKind kind)
    {
        var lookup = KeyOf(value, mergeKey, kind);
        for (var i = 0; i < list.Count; i++)
        {
            if (GoEqual(KeyOf(list[i], mergeKey, kind), lookup))
            {
                return i;
            }
        }

        return -1;
    }

    private static JsonNode? KeyOf(JsonNode? item, string mergeKey, JsonValueKind kind) =>
        kind == JsonValueKind.Object ? (item as JsonObject)?[mergeKey] : item;

    private static JsonArray ToArray(List<JsonNode?> items) =>
        new(items.Select(i => i?.Parent is null ? i : i.DeepClone()).ToArray());
}
