using System.Text.Json.Nodes;
using Stowage.Api.Schema;

namespace Stowage.Api.Patching;

/// <summary>
/// The fields a value sets (structured-merge-diff's TypedValue.ToFieldSet): every leaf, every
/// map-list and set-list item, every map entry, and struct fields only when null or empty — a
/// struct field with content is represented by its children.
/// </summary>
internal static class ValueFieldSet
{
    /// <summary>The field set of <paramref name="value"/> under <paramref name="schema"/>.</summary>
    public static FieldSet Of(JsonNode? value, SchemaNode? schema)
    {
        var paths = new List<FieldPath>();
        Walk(FieldPath.Empty, value, schema, paths);
        return FieldSet.Of(paths);
    }

    /// <summary>
    /// Adds, as members, the declared struct fields that the set reaches only through children
    /// (structured-merge-diff's EnsureNamedFieldsAreMembers), so removing them removes the whole field.
    /// Map keys are not added.
    /// </summary>
    public static FieldSet EnsureNamedFieldsAreMembers(FieldSet set, SchemaNode? schema)
    {
        var members = set.Members.Concat(
            set.Children.Keys.Where(pe => pe.Kind == PathElementKind.Field && SchemaShape.IsDeclaredField(schema, pe.Name!)));
        var children = set.Children.Select(c => new KeyValuePair<PathElement, FieldSet>(
            c.Key,
            EnsureNamedFieldsAreMembers(c.Value, ChildSchema(schema, c.Key))));
        return FieldSet.Create(members, children);
    }

    /// <summary>The schema below one path element; null when the element leads nowhere typed.</summary>
    public static SchemaNode? ChildSchema(SchemaNode? schema, PathElement element) => element.Kind switch
    {
        PathElementKind.Field => SchemaShape.Child(schema, element.Name!),
        PathElementKind.Key or PathElementKind.Value => SchemaShape.Items(schema),
        _ => null,
    };

    private static void Walk(FieldPath path, JsonNode? value, SchemaNode? schema, List<FieldPath> paths)
    {
        switch (SchemaShape.Of(schema, value))
        {
            case ShapeKind.Leaf:
                paths.Add(path);
                break;
            case ShapeKind.Struct or ShapeKind.Map:
                if (value is not JsonObject map)
                {
                    break;
                }

                foreach (var (key, child) in map)
                {
                    var childPath = path.Append(PathElement.ForField(key));
                    Walk(childPath, child, SchemaShape.Child(schema, key), paths);
                    if (child is null || child is JsonObject { Count: 0 } || !SchemaShape.IsDeclaredField(schema, key))
                    {
                        paths.Add(childPath);
                    }
                }

                break;
            default:
                var shape = SchemaShape.Of(schema, value);
                foreach (var (element, item) in ListItemKeys.Index(value as JsonArray, schema, shape))
                {
                    var itemPath = path.Append(element);
                    Walk(itemPath, item, SchemaShape.Items(schema), paths);
                    paths.Add(itemPath);
                }

                break;
        }
    }
}
