using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Meta;
using Stowage.Api.Schema;

namespace Stowage.Server.OpenApi;

/// <summary>
/// The CLR scalar types behind each field, read from the same source-generated JSON contract that
/// <see cref="ApiSchemas"/> reads: SchemaNode says "integer" and "time", OpenAPI also wants int32
/// vs int64 and Time vs MicroTime. Keyed by (definition name, JSON field name); for arrays and
/// maps the entry describes the element.
/// </summary>
internal sealed class ClrScalarMap
{
    private readonly Dictionary<(string, string), ClrScalar> _fields = [];
    private readonly HashSet<Type> _visited = [];
    private readonly JsonSerializerOptions _options;

    private ClrScalarMap(JsonSerializerOptions options) => _options = options;

    /// <summary>Collects the scalar types of every object reachable from <paramref name="roots"/>.</summary>
    public static ClrScalarMap For(IEnumerable<Type> roots)
    {
        var map = new ClrScalarMap(ApiJsonContext.Default.Options);
        foreach (var root in roots)
        {
            map.Visit(root);
        }
        return map;
    }

    /// <summary>The scalar kind of a field (or of its elements).</summary>
    public ClrScalar Of(string definition, string field) => _fields.GetValueOrDefault((definition, field));

    private void Visit(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (!_visited.Add(type) || Classify(type) != ClrScalar.Other || type == typeof(string))
        {
            return;
        }
        if (!_options.TryGetTypeInfo(type, out var info))
        {
            return; // not part of the contract: nothing to describe
        }
        if (info.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary)
        {
            Visit(info.ElementType!);
            return;
        }
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        var definition = KubernetesSchemaFacts.KubernetesName(ApiSchemas.DefinitionName(type));
        foreach (var property in info.Properties)
        {
            var leaf = Leaf(property.PropertyType);
            var scalar = Classify(leaf);
            if (scalar != ClrScalar.Other)
            {
                _fields[(definition, property.Name)] = scalar;
            }
            Visit(leaf);
        }
    }

    // The element type of collections and dictionaries, the type itself otherwise.
    private Type Leaf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type == typeof(byte[]) || Classify(type) != ClrScalar.Other)
        {
            return type;
        }
        return _options.TryGetTypeInfo(type, out var info) && info.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary
            ? Nullable.GetUnderlyingType(info.ElementType!) ?? info.ElementType!
            : type;
    }

    private static ClrScalar Classify(Type type) =>
        type == typeof(int) ? ClrScalar.Int32
        : type == typeof(long) ? ClrScalar.Int64
        : type == typeof(double) || type == typeof(float) ? ClrScalar.Double
        : type == typeof(MicroTime) ? ClrScalar.MicroTime
        : ClrScalar.Other;
}
