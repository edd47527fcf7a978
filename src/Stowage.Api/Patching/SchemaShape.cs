using System.Text.Json.Nodes;
using Stowage.Api.Schema;

namespace Stowage.Api.Patching;

/// <summary>How a value merges and is owned, resolved from its schema and (when the schema is silent) its JSON.</summary>
internal enum ShapeKind
{
    /// <summary>Owned and replaced as a whole: scalars, atomic lists, atomic structs.</summary>
    Leaf,

    /// <summary>An object with declared properties; a property is a member only when null or empty.</summary>
    Struct,

    /// <summary>An object with arbitrary keys (Go map, or an object of unknown schema); every key is a member.</summary>
    Map,

    /// <summary>A list whose items are identified by key fields.</summary>
    ListMap,

    /// <summary>A list of scalars identified by value.</summary>
    ListSet,
}

/// <summary>
/// Reads <see cref="SchemaNode"/>s for the patch engines. A null or <see cref="SchemaType.Any"/> schema
/// is "deduced" as structured-merge-diff deduces unstructured values: objects merge key by key,
/// arrays are atomic.
/// </summary>
internal static class SchemaShape
{
    // Kubernetes types marked +structType=atomic (x-kubernetes-map-type: atomic): they are owned and
    // replaced as a whole. SchemaNode has no flag for this yet, so the definitions are named here.
    private static readonly HashSet<string> AtomicStructs = new(StringComparer.Ordinal)
    {
        "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector",
        "io.k8s.api.core.v1.ObjectReference",
        "io.k8s.api.core.v1.LocalObjectReference",
        "io.k8s.api.core.v1.TypedLocalObjectReference",
        "io.k8s.api.core.v1.SecretReference",
        "io.k8s.api.core.v1.ConfigMapKeySelector",
        "io.k8s.api.core.v1.SecretKeySelector",
        "io.k8s.api.core.v1.ObjectFieldSelector",
        "io.k8s.api.core.v1.ResourceFieldSelector",
        "io.k8s.api.core.v1.NodeSelector",
        "io.k8s.api.core.v1.NodeSelectorTerm",
        "io.k8s.api.core.v1.TopologySelectorTerm",
    };

    /// <summary>The shape of one value.</summary>
    public static ShapeKind Of(SchemaNode? schema, JsonNode? value) => Of(schema, value, null);

    /// <summary>
    /// The shape two values share for a two-sided walk (merge, compare). Values that do not fit the
    /// schema's shape (a scalar where an object belongs) make the node a leaf, so it is replaced whole.
    /// </summary>
    public static ShapeKind Of(SchemaNode? schema, JsonNode? left, JsonNode? right)
    {
        var declared = Declared(schema);
        switch (declared)
        {
            case null:
                // Deduced: objects are maps, everything else is a leaf.
                return Fits(left, right, isObject: true) && (left is JsonObject || right is JsonObject) ? ShapeKind.Map : ShapeKind.Leaf;
            case ShapeKind.Struct or ShapeKind.Map:
                return Fits(left, right, isObject: true) ? declared.Value : ShapeKind.Leaf;
            case ShapeKind.ListMap or ShapeKind.ListSet:
                return Fits(left, right, isObject: false) ? declared.Value : ShapeKind.Leaf;
            default:
                return ShapeKind.Leaf;
        }
    }

    /// <summary>The schema of a child field or map entry; null means deduced.</summary>
    public static SchemaNode? Child(SchemaNode? schema, string key)
    {
        if (schema is null)
        {
            return null;
        }

        return schema.Type switch
        {
            SchemaType.Object => schema.Properties.GetValueOrDefault(key),
            SchemaType.Map => schema.Values,
            _ => null,
        };
    }

    /// <summary>True if <paramref name="key"/> is a declared property of a struct schema.</summary>
    public static bool IsDeclaredField(SchemaNode? schema, string key) =>
        schema is { Type: SchemaType.Object } && schema.Properties.ContainsKey(key) && !IsAtomicStruct(schema);

    /// <summary>The item schema of a list.</summary>
    public static SchemaNode? Items(SchemaNode? schema) => schema?.Items;

    private static ShapeKind? Declared(SchemaNode? schema)
    {
        if (schema is null || schema.Type == SchemaType.Any)
        {
            return null;
        }

        return schema.Type switch
        {
            SchemaType.Object when IsAtomicStruct(schema) => ShapeKind.Leaf,
            SchemaType.Object => ShapeKind.Struct,
            SchemaType.Map => ShapeKind.Map,
            SchemaType.Array => schema.ListType switch
            {
                ListType.Map when schema.MapKeys.Count > 0 => ShapeKind.ListMap,
                ListType.Set => ShapeKind.ListSet,
                _ => ShapeKind.Leaf,
            },
            _ => ShapeKind.Leaf,
        };
    }

    private static bool IsAtomicStruct(SchemaNode schema) =>
        schema.DefinitionName is not null && AtomicStructs.Contains(schema.DefinitionName);

    // Absent and null fit any container shape; otherwise the JSON kind must match.
    private static bool Fits(JsonNode? left, JsonNode? right, bool isObject) =>
        FitsOne(left, isObject) && FitsOne(right, isObject);

    private static bool FitsOne(JsonNode? value, bool isObject) =>
        value is null || (isObject ? value is JsonObject : value is JsonArray);
}
