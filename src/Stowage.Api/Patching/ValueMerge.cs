using System.Text.Json.Nodes;
using Stowage.Api.Schema;

namespace Stowage.Api.Patching;

/// <summary>
/// Merges an applied configuration into a live value (structured-merge-diff's TypedValue.Merge with
/// "keep right-hand side"): applied leaves win, structs and maps merge key by key, map and set lists
/// merge item by item, atomic values are replaced. Nothing is removed here; pruning is separate.
/// </summary>
internal static class ValueMerge
{
    /// <summary>A new tree merging <paramref name="applied"/> over <paramref name="live"/>; inputs are not modified.</summary>
    public static JsonNode? Merge(JsonNode? live, JsonNode? applied, SchemaNode? schema) =>
        Node(true, live, true, applied, schema);

    private static JsonNode? Node(bool hasLive, JsonNode? live, bool hasApplied, JsonNode? applied, SchemaNode? schema)
    {
        var shape = SchemaShape.Of(schema, hasLive ? live : null, hasApplied ? applied : null);
        switch (shape)
        {
            case ShapeKind.Struct or ShapeKind.Map:
                var liveMap = live as JsonObject;
                var appliedMap = applied as JsonObject;
                if ((liveMap?.Count ?? 0) == 0 && (appliedMap?.Count ?? 0) == 0)
                {
                    return Leaf(hasLive, live, hasApplied, applied);
                }

                var merged = new JsonObject();
                foreach (var (key, value) in liveMap ?? [])
                {
                    JsonNode? a = null;
                    var inApplied = appliedMap?.TryGetPropertyValue(key, out a) ?? false;
                    merged[key] = Node(true, value, inApplied, a, SchemaShape.Child(schema, key));
                }

                foreach (var (key, value) in appliedMap ?? [])
                {
                    if (liveMap is null || !liveMap.ContainsKey(key))
                    {
                        merged[key] = Node(false, null, true, value, SchemaShape.Child(schema, key));
                    }
                }

                return merged;
            case ShapeKind.ListMap or ShapeKind.ListSet:
                var liveList = live as JsonArray;
                var appliedList = applied as JsonArray;
                if ((liveList?.Count ?? 0) == 0 && (appliedList?.Count ?? 0) == 0)
                {
                    return Leaf(hasLive, live, hasApplied, applied);
                }

                return MergeItems(
                    ListItemKeys.Index(liveList, schema, shape),
                    ListItemKeys.Index(appliedList, schema, shape),
                    SchemaShape.Items(schema));
            default:
                return Leaf(hasLive, live, hasApplied, applied);
        }
    }

    private static JsonNode? Leaf(bool hasLive, JsonNode? live, bool hasApplied, JsonNode? applied) =>
        JsonValues.Clone(hasApplied ? applied : hasLive ? live : null);

    // structured-merge-diff's merge order: walk both lists together; live items the configuration
    // also names wait until they are its next shared item, so the configuration's relative order of
    // shared items wins while live-only items keep their place.
    private static JsonArray MergeItems(
        List<(PathElement Element, JsonNode? Item)> live,
        List<(PathElement Element, JsonNode? Item)> applied,
        SchemaNode? itemSchema)
    {
        var liveItems = live.ToDictionary(i => i.Element, i => i.Item);
        var appliedItems = applied.ToDictionary(i => i.Element, i => i.Item);
        var shared = new Queue<PathElement>(applied.Select(i => i.Element).Where(liveItems.ContainsKey));
        var nextShared = shared.Count > 0 ? shared.Dequeue() : null;
        var output = new JsonArray();

        int l = 0, r = 0;
        while (l < live.Count || r < applied.Count)
        {
            var before = (l, r);
            if (l < live.Count && r < applied.Count)
            {
                var element = live[l].Element;
                if (element.Equals(applied[r].Element))
                {
                    output.Add(Node(true, live[l].Item, true, applied[r].Item, itemSchema));
                    l++;
                    r++;
                    nextShared = shared.Count > 0 ? shared.Dequeue() : null;
                    continue;
                }

                if (appliedItems.ContainsKey(element) && nextShared is not null && !nextShared.Equals(element))
                {
                    // A shared item, but not the one due in this round.
                    l++;
                    continue;
                }
            }

            if (l < live.Count && !appliedItems.ContainsKey(live[l].Element))
            {
                output.Add(Node(true, live[l].Item, false, null, itemSchema));
                l++;
                continue;
            }

            if (r < applied.Count)
            {
                var element = applied[r].Element;
                var inLive = liveItems.TryGetValue(element, out var liveItem);
                output.Add(Node(inLive, liveItem, true, applied[r].Item, itemSchema));
                r++;
                if (nextShared is not null && nextShared.Equals(element))
                {
                    nextShared = shared.Count > 0 ? shared.Dequeue() : null;
                }
            }

            if (before == (l, r))
            {
                throw new InvalidOperationException("list merge made no progress");
            }
        }

        return output;
    }
}
