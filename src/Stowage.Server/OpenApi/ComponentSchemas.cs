using System.Text.Json.Nodes;
using Stowage.Api.Meta;
using Stowage.Api.Schema;

namespace Stowage.Server.OpenApi;

/// <summary>
/// Builds the components.schemas of one OpenAPI v3 document from SchemaNodes, shaped as
/// Kubernetes' own documents are: object-typed fields as allOf:[{$ref}] (so a field can carry its
/// own description beside the reference), list and patch semantics as x-kubernetes-* extensions,
/// maps as additionalProperties, and the apimachinery scalars (Quantity, Time, MicroTime,
/// IntOrString) as named schemas. Each definition is emitted once; recursive types terminate
/// because a definition is registered before its properties are walked.
/// </summary>
internal sealed class ComponentSchemas
{
    private const string RefPrefix = "#/components/schemas/";
    private const string Meta = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    private const string Quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    private const string Time = Meta + "Time";
    private const string MicroTime = Meta + "MicroTime";
    private const string IntOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";

    private readonly OpenApiDescriptions _descriptions;
    private readonly ClrScalarMap _scalars;
    private readonly SortedDictionary<string, JsonObject> _schemas = new(StringComparer.Ordinal);

    public ComponentSchemas(OpenApiDescriptions descriptions, ClrScalarMap scalars)
    {
        _descriptions = descriptions;
        _scalars = scalars;
    }

    /// <summary>A JSON reference to a definition.</summary>
    public static JsonObject Ref(string definition) => new() { ["$ref"] = RefPrefix + definition };

    /// <summary>Adds a served kind (and everything it reaches), tagged with its group-version-kind.</summary>
    public string AddKind(SchemaNode root, string group, string version, string kind)
    {
        var definition = AddObject(root);
        AddGroupVersionKind(definition, group, version, kind);
        return definition;
    }

    /// <summary>Adds the list type of a kind, e.g. io.k8s.api.core.v1.PersistentVolumeList.</summary>
    public string AddList(string itemDefinition, string group, string version, string kind)
    {
        var definition = itemDefinition + "List";
        var listMeta = AddObject(ApiSchemas.Default.For(typeof(ListMeta)));
        var schema = new JsonObject
        {
            ["description"] = _descriptions.ForDefinition(definition),
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = Described(new JsonObject { ["type"] = "string" }, definition, "apiVersion"),
                ["items"] = Described(
                    new JsonObject
                    {
                        ["items"] = new JsonObject { ["allOf"] = new JsonArray(Ref(itemDefinition)), ["default"] = new JsonObject() },
                        ["type"] = "array",
                    },
                    definition,
                    "items"),
                ["kind"] = Described(new JsonObject { ["type"] = "string" }, definition, "kind"),
                ["metadata"] = Described(
                    new JsonObject { ["allOf"] = new JsonArray(Ref(listMeta)), ["default"] = new JsonObject() },
                    definition,
                    "metadata"),
            },
            ["required"] = new JsonArray("items"),
            ["type"] = "object",
        };
        _schemas[definition] = schema;
        AddGroupVersionKind(definition, group, version, kind + "List");
        return definition;
    }

    /// <summary>Adds an API record that is not a served kind (Status, DeleteOptions), optionally with a group-version-kind.</summary>
    public string AddType(Type type, string? group = null, string? version = null, string? kind = null)
    {
        var definition = AddObject(ApiSchemas.Default.For(type));
        if (kind is not null)
        {
            AddGroupVersionKind(definition, group ?? "", version ?? "v1", kind);
        }
        return definition;
    }

    /// <summary>Adds the Patch schema (the body of PATCH, any of the four patch types).</summary>
    public string AddPatch()
    {
        const string definition = Meta + "Patch";
        _schemas[definition] = new JsonObject
        {
            ["description"] = _descriptions.ForDefinition(definition),
            ["type"] = "object",
        };
        return definition;
    }

    /// <summary>The schemas, sorted by definition name.</summary>
    public JsonObject Build()
    {
        var result = new JsonObject();
        foreach (var (name, schema) in _schemas)
        {
            result[name] = schema;
        }
        return result;
    }

    private void AddGroupVersionKind(string definition, string group, string version, string kind)
    {
        var schema = _schemas[definition];
        if (schema["x-kubernetes-group-version-kind"] is not JsonArray list)
        {
            list = [];
            schema["x-kubernetes-group-version-kind"] = list;
        }
        list.Add(new JsonObject { ["group"] = group, ["kind"] = kind, ["version"] = version });
    }

    private string AddObject(SchemaNode node)
    {
        var definition = KubernetesSchemaFacts.KubernetesName(node.DefinitionName
            ?? throw new ArgumentException("an object schema must carry its definition name", nameof(node)));
        if (_schemas.ContainsKey(definition))
        {
            return definition;
        }
        var schema = new JsonObject();
        _schemas[definition] = schema; // before the properties: types may recurse

        var properties = new JsonObject();
        foreach (var (name, child) in node.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            properties[name] = Property(definition, name, child);
        }
        schema["description"] = _descriptions.ForDefinition(definition);
        schema["properties"] = properties;
        var required = KubernetesSchemaFacts.Required(definition).Where(node.Properties.ContainsKey).ToArray();
        if (required.Length > 0)
        {
            schema["required"] = new JsonArray([.. required.Select(r => (JsonNode)JsonValue.Create(r))]);
        }
        schema["type"] = "object";
        if (KubernetesSchemaFacts.IsAtomicStruct(definition))
        {
            schema["x-kubernetes-map-type"] = "atomic";
        }
        return definition;
    }

    private JsonObject Property(string definition, string field, SchemaNode node)
    {
        var required = KubernetesSchemaFacts.Required(definition).Contains(field);
        JsonObject schema;
        switch (node.Type)
        {
            case SchemaType.Object:
                schema = new JsonObject { ["allOf"] = new JsonArray(Ref(AddObject(node))) };
                if (KubernetesSchemaFacts.DefaultsToEmptyObject(definition, field) || required)
                {
                    schema["default"] = new JsonObject();
                }
                break;
            case SchemaType.Array:
                schema = new JsonObject { ["items"] = Element(definition, field, node.Items!), ["type"] = "array" };
                AddListSemantics(schema, node);
                break;
            case SchemaType.Map:
                schema = new JsonObject { ["additionalProperties"] = Element(definition, field, node.Values!), ["type"] = "object" };
                break;
            case SchemaType.Any:
                var reference = KubernetesSchemaFacts.OpaqueReference(definition, field);
                schema = reference is not null
                    ? new JsonObject { ["allOf"] = new JsonArray(Ref(AddNamedScalar(reference))) }
                    : new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
                break;
            case SchemaType.Quantity or SchemaType.Time or SchemaType.IntOrString:
                schema = new JsonObject { ["allOf"] = new JsonArray(Ref(AddNamedScalar(ScalarDefinition(node.Type, definition, field)))) };
                break;
            default:
                schema = Scalar(node.Type, _scalars.Of(definition, field));
                if (required && ZeroValue(node.Type) is { } zero)
                {
                    schema["default"] = zero;
                }
                var values = node.Enum ?? KubernetesSchemaFacts.Enum(definition, field);
                if (values is not null)
                {
                    schema["enum"] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
                }
                break;
        }
        return Described(schema, definition, field);
    }

    // An array item or map value: objects carry "default": {} and strings "default": "" as in Kubernetes.
    private JsonObject Element(string definition, string field, SchemaNode node) => node.Type switch
    {
        SchemaType.Object => new JsonObject { ["allOf"] = new JsonArray(Ref(AddObject(node))), ["default"] = new JsonObject() },
        SchemaType.Quantity or SchemaType.Time or SchemaType.IntOrString => Ref(AddNamedScalar(ScalarDefinition(node.Type, definition, field))),
        SchemaType.Array => new JsonObject { ["items"] = Element(definition, field, node.Items!), ["type"] = "array" },
        SchemaType.Map => new JsonObject { ["additionalProperties"] = Element(definition, field, node.Values!), ["type"] = "object" },
        SchemaType.Any => new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
        _ => WithZeroDefault(Scalar(node.Type, _scalars.Of(definition, field)), node.Type),
    };

    private static JsonObject WithZeroDefault(JsonObject schema, SchemaType type)
    {
        if (type is SchemaType.String or SchemaType.Integer or SchemaType.Number or SchemaType.Boolean && ZeroValue(type) is { } zero)
        {
            schema["default"] = zero;
        }
        return schema;
    }

    private static JsonObject Scalar(SchemaType type, ClrScalar clr) => type switch
    {
        SchemaType.String => new JsonObject { ["type"] = "string" },
        SchemaType.Boolean => new JsonObject { ["type"] = "boolean" },
        SchemaType.Integer => new JsonObject { ["format"] = clr == ClrScalar.Int64 ? "int64" : "int32", ["type"] = "integer" },
        SchemaType.Number => new JsonObject { ["format"] = "double", ["type"] = "number" },
        SchemaType.Bytes => new JsonObject { ["format"] = "byte", ["type"] = "string" },
        _ => new JsonObject(),
    };

    private static JsonNode? ZeroValue(SchemaType type) => type switch
    {
        SchemaType.String => JsonValue.Create(""),
        SchemaType.Integer or SchemaType.Number => JsonValue.Create(0),
        SchemaType.Boolean => JsonValue.Create(false),
        _ => null,
    };

    private static void AddListSemantics(JsonObject schema, SchemaNode node)
    {
        switch (node.ListType)
        {
            case ListType.Map:
                schema["x-kubernetes-list-map-keys"] = new JsonArray([.. node.MapKeys.Select(k => (JsonNode)JsonValue.Create(k))]);
                schema["x-kubernetes-list-type"] = "map";
                if (node.MapKeys.Count > 0)
                {
                    schema["x-kubernetes-patch-merge-key"] = node.MapKeys[0];
                }
                schema["x-kubernetes-patch-strategy"] = "merge";
                break;
            case ListType.Set:
                schema["x-kubernetes-list-type"] = "set";
                schema["x-kubernetes-patch-strategy"] = "merge";
                break;
            default:
                schema["x-kubernetes-list-type"] = "atomic";
                break;
        }
    }

    private string ScalarDefinition(SchemaType type, string definition, string field) => type switch
    {
        SchemaType.Quantity => Quantity,
        SchemaType.IntOrString => IntOrString,
        _ => _scalars.Of(definition, field) == ClrScalar.MicroTime ? MicroTime : Time,
    };

    // The apimachinery types that serialize as JSON scalars get named schemas, as in Kubernetes.
    private string AddNamedScalar(string definition)
    {
        if (_schemas.ContainsKey(definition))
        {
            return definition;
        }
        var schema = new JsonObject { ["description"] = _descriptions.ForDefinition(definition) };
        switch (definition)
        {
            case Quantity:
                schema["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "number" });
                break;
            case IntOrString:
                schema["format"] = "int-or-string";
                schema["type"] = "string";
                break;
            case Time or MicroTime:
                schema["format"] = "date-time";
                schema["type"] = "string";
                break;
            default:
                schema["type"] = "object"; // FieldsV1: an opaque object
                break;
        }
        _schemas[definition] = schema;
        return definition;
    }

    private JsonObject Described(JsonObject schema, string definition, string field)
    {
        if (_descriptions.ForField(definition, field) is { } description)
        {
            schema["description"] = description;
        }
        return schema;
    }
}
