using System.Text.Json.Nodes;
using Stowage.Api.Schema;

namespace Stowage.Api.Patching;

/// <summary>
/// Compares two values under a schema (structured-merge-diff's TypedValue.Compare): leaves are
/// compared by value; a struct, map or list that appears or disappears is itself added or removed,
/// besides its contents. A field holding null counts as present; containers empty on both sides
/// compare as leaves.
/// </summary>
internal static class ValueComparison
{
    public static FieldComparison Compare(JsonNode? oldValue, JsonNode? newValue, SchemaNode? schema)
    {
        var walk = new Walker();
        walk.Node(FieldPath.Empty, true, oldValue, true, newValue, schema);
        return new FieldComparison(FieldSet.Of(walk.Added), FieldSet.Of(walk.Modified), FieldSet.Of(walk.Removed));
    }

    private sealed class Walker
    {
        public List<FieldPath> Added { get; } = [];

        public List<FieldPath> Modified { get; } = [];

        public List<FieldPath> Removed { get; } = [];

        public void Node(FieldPath path, bool hasOld, JsonNode? oldValue, bool hasNew, JsonNode? newValue, SchemaNode? schema)
        {
            var shape = SchemaShape.Of(schema, hasOld ? oldValue : null, hasNew ? newValue : null);
            switch (shape)
            {
                case ShapeKind.Struct or ShapeKind.Map:
                    var oldMap = oldValue as JsonObject;
                    var newMap = newValue as JsonObject;
                    if ((oldMap?.Count ?? 0) == 0 && (newMap?.Count ?? 0) == 0)
                    {
                        Leaf(path, hasOld, oldValue, hasNew, newValue);
                        return;
                    }

                    var keys = (oldMap?.Select(p => p.Key) ?? []).Union(newMap?.Select(p => p.Key) ?? [], StringComparer.Ordinal);
                    foreach (var key in keys)
                    {
                        JsonNode? o = null;
                        JsonNode? n = null;
                        var inOld = oldMap?.TryGetPropertyValue(key, out o) ?? false;
                        var inNew = newMap?.TryGetPropertyValue(key, out n) ?? false;
                        Node(path.Append(PathElement.ForField(key)), inOld, o, inNew, n, SchemaShape.Child(schema, key));
                    }

                    Container(path, hasOld, hasNew);
                    return;
                case ShapeKind.ListMap or ShapeKind.ListSet:
                    var oldList = oldValue as JsonArray;
                    var newList = newValue as JsonArray;
                    if ((oldList?.Count ?? 0) == 0 && (newList?.Count ?? 0) == 0)
                    {
                        Leaf(path, hasOld, oldValue, hasNew, newValue);
                        return;
                    }

                    var oldItems = ListItemKeys.Index(oldList, schema, shape).ToDictionary(i => i.Element, i => i.Item);
                    var newItems = ListItemKeys.Index(newList, schema, shape);
                    foreach (var (element, item) in newItems)
                    {
                        var inOld = oldItems.Remove(element, out var oldItem);
                        Node(path.Append(element), inOld, oldItem, true, item, SchemaShape.Items(schema));
                    }

                    foreach (var (element, item) in oldItems)
                    {
                        Node(path.Append(element), true, item, false, null, SchemaShape.Items(schema));
                    }

                    Container(path, hasOld, hasNew);
                    return;
                default:
                    Leaf(path, hasOld, oldValue, hasNew, newValue);
                    return;
            }
        }

        private void Leaf(FieldPath path, bool hasOld, JsonNode? oldValue, bool hasNew, JsonNode? newValue)
        {
            if (!hasOld)
            {
                Added.Add(path);
            }
            else if (!hasNew)
            {
                Removed.Add(path);
            }
            else if (!JsonValues.Equal(oldValue, newValue))
            {
                Modified.Add(path);
            }
        }

        private void Container(FieldPath path, bool hasOld, bool hasNew)
        {
            if (!hasOld)
            {
                Added.Add(path);
            }
            else if (!hasNew)
            {
                Removed.Add(path);
            }
        }
    }
}
