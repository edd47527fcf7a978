using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;

namespace Stowage.Api.Schema;

/// <summary>
/// Builds <see cref="SchemaNode"/>s from the source-generated JSON contract of the API records (the
/// property names and types the serializer itself uses), so the schema can never disagree with
/// what the server reads and writes. List semantics and names that the contract cannot express come
/// from <see cref="SchemaAnnotations"/>. Thread-safe after construction of each root.
/// </summary>
public sealed class ApiSchemas
{
    private readonly JsonSerializerOptions _options;
    private readonly Dictionary<Type, SchemaNode> _objects = [];
    private readonly Lock _lock = new();

    /// <summary>Creates the builder over the given serializer options (normally the API context's).</summary>
    public ApiSchemas(JsonSerializerOptions options) => _options = options;

    /// <summary>The schemas of the API records.</summary>
    public static ApiSchemas Default { get; } = new(ApiJsonContext.Default.Options);

    /// <summary>The schema of a type (cached; recursive types share nodes).</summary>
    public SchemaNode For(Type type)
    {
        lock (_lock)
        {
            return Build(type);
        }
    }

    /// <summary>The OpenAPI definition name of a record type, e.g. io.k8s.api.core.v1.PersistentVolumeSpec.</summary>
    public static string DefinitionName(Type type)
    {
        var ns = type.Namespace ?? "";
        var prefix = ns switch
        {
            "Stowage.Api.Core" => "io.k8s.api.core.v1.",
            "Stowage.Api.Storage" => "io.k8s.api.storage.v1.",
            "Stowage.Api.Events" => "io.k8s.api.events.v1.",
            "Stowage.Api.Coordination" => "io.k8s.api.coordination.v1.",
            "Stowage.Api.Apps" => "io.k8s.api.apps.v1.",
            "Stowage.Api.Autoscaling" => "io.k8s.api.autoscaling.v1.",
            "Stowage.Api.Selectors" or "Stowage.Api.Meta" => "io.k8s.apimachinery.pkg.apis.meta.v1.",
            _ => "io.stowage." + ns.Replace("Stowage.Api.", "", StringComparison.Ordinal).ToLowerInvariant() + ".",
        };
        return prefix + SchemaAnnotations.GoTypeName(type.Name);
    }

    private SchemaNode Build(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var scalar = Scalar(type);
        if (scalar is not null)
        {
            return new SchemaNode { Type = scalar.Value };
        }
        if (_objects.TryGetValue(type, out var existing))
        {
            return existing;
        }

        var info = _options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Enumerable:
                return new SchemaNode { Type = SchemaType.Array, Items = Build(info.ElementType!) };
            case JsonTypeInfoKind.Dictionary:
                return new SchemaNode { Type = SchemaType.Map, Values = Build(info.ElementType!) };
            case JsonTypeInfoKind.Object:
                var name = DefinitionName(type);
                var node = new SchemaNode { Type = SchemaType.Object, DefinitionName = name };
                _objects[type] = node; // before the properties: types may recurse
                foreach (var property in info.Properties)
                {
                    var child = Build(property.PropertyType);
                    if (child.Type == SchemaType.Array)
                    {
                        // Array nodes are per property: list semantics belong to the field, not the element type.
                        var (listType, keys) = SchemaAnnotations.ListSemantics(name, property.Name);
                        child.ListType = listType;
                        child.MapKeys = keys;
                    }
                    node.Properties[property.Name] = child;
                }
                return node;
            default:
                return new SchemaNode { Type = SchemaType.Any };
        }
    }

    private static SchemaType? Scalar(Type type)
    {
        if (type == typeof(string)) return SchemaType.String;
        if (type == typeof(bool)) return SchemaType.Boolean;
        if (type == typeof(int) || type == typeof(long)) return SchemaType.Integer;
        if (type == typeof(double) || type == typeof(float)) return SchemaType.Number;
        if (type == typeof(Quantity)) return SchemaType.Quantity;
        if (type == typeof(DateTimeOffset) || type == typeof(MicroTime)) return SchemaType.Time;
        if (type == typeof(byte[])) return SchemaType.Bytes;
        if (typeof(JsonNode).IsAssignableFrom(type) || type == typeof(JsonElement) || type == typeof(Meta.FieldsV1)) return SchemaType.Any;
        return null;
    }
}
