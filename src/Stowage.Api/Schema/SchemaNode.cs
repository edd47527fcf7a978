namespace Stowage.Api.Schema;

/// <summary>The shape of a JSON value in the API.</summary>
public enum SchemaType
{
    /// <summary>An object with known properties.</summary>
    Object,
    /// <summary>A JSON array.</summary>
    Array,
    /// <summary>An object with arbitrary string keys and values of one schema (Go map).</summary>
    Map,
    /// <summary>A string.</summary>
    String,
    /// <summary>An integer.</summary>
    Integer,
    /// <summary>A floating point number.</summary>
    Number,
    /// <summary>A boolean.</summary>
    Boolean,
    /// <summary>A resource quantity (string or number).</summary>
    Quantity,
    /// <summary>An int-or-string.</summary>
    IntOrString,
    /// <summary>An RFC 3339 timestamp.</summary>
    Time,
    /// <summary>Byte data, base64 in JSON.</summary>
    Bytes,
    /// <summary>Any JSON (preserved as is, not validated).</summary>
    Any,
}

/// <summary>How an array merges in strategic merge patch and server-side apply.</summary>
public enum ListType
{
    /// <summary>Replaced as a whole.</summary>
    Atomic,
    /// <summary>Items keyed by <see cref="SchemaNode.MapKeys"/>, merged item by item.</summary>
    Map,
    /// <summary>A set of scalars, merged by value.</summary>
    Set,
}

/// <summary>
/// One node of the API schema: derived once from the typed records' JSON contract, it drives strict
/// field validation, OpenAPI, <c>kubectl explain</c>, strategic merge patch and server-side apply,
/// so all of them agree on the field names and list semantics.
/// </summary>
public sealed class SchemaNode
{
    /// <summary>The JSON shape.</summary>
    public required SchemaType Type { get; init; }

    /// <summary>Definition name for OpenAPI (e.g. io.k8s.api.core.v1.PersistentVolumeSpec), for objects.</summary>
    public string? DefinitionName { get; init; }

    /// <summary>Human description (kubectl explain).</summary>
    public string? Description { get; set; }

    /// <summary>Properties, for <see cref="SchemaType.Object"/>. Filled after construction (types can recurse).</summary>
    public Dictionary<string, SchemaNode> Properties { get; } = new(StringComparer.Ordinal);

    /// <summary>Required property names, for objects.</summary>
    public List<string> Required { get; } = [];

    /// <summary>Item schema, for arrays.</summary>
    public SchemaNode? Items { get; set; }

    /// <summary>Value schema, for maps.</summary>
    public SchemaNode? Values { get; set; }

    /// <summary>List semantics, for arrays.</summary>
    public ListType ListType { get; set; } = ListType.Atomic;

    /// <summary>Key fields of a <see cref="ListType.Map"/> list (the strategic merge key first).</summary>
    public IReadOnlyList<string> MapKeys { get; set; } = [];

    /// <summary>Allowed values of a string enum, if closed.</summary>
    public IReadOnlyList<string>? Enum { get; set; }
}
