using System.Text.Json;
using Stowage.Api.Meta;
using Stowage.Api.Schema;

namespace Stowage.Server.Decoding;

/// <summary>
/// Finds the unknown and duplicate fields of a request body the way Kubernetes' strict JSON
/// decoder (sigs.k8s.io/json UnmarshalStrict) does, for fieldValidation=Strict (reject with 400)
/// and fieldValidation=Warn (one Warning header per problem).
/// </summary>
/// <remarks>
/// Invariants copied from the upstream decoder: keys match case-sensitively; a known field or a
/// map key seen twice in one object is a duplicate (both occurrences are still walked, so
/// problems inside either are reported); unknown fields are not walked; problems are reported
/// in document order, each message once, at most 100. Values of the wrong JSON type are not
/// strict problems (the deserializer rejects them), and opaque fields (SchemaType.Any) accept
/// anything, as Kubernetes' FieldsV1 and RawExtension do. At the root, apiVersion, kind and
/// metadata are always known.
/// </remarks>
public static class StrictFieldChecker
{
    /// <summary>The most problems reported for one body (upstream's limit).</summary>
    public const int MaxErrors = 100;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    /// <summary>Checks a UTF-8 JSON body against the schema of the kind it should decode into.</summary>
    /// <exception cref="JsonException">The body is not well-formed JSON (a decoding error, not a strict one).</exception>
    public static IReadOnlyList<StrictFieldError> Check(ReadOnlyMemory<byte> utf8Json, SchemaNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        using var document = JsonDocument.Parse(utf8Json, DocumentOptions);
        return Check(document.RootElement, root);
    }

    /// <summary>Checks a parsed body (JsonDocument keeps duplicate properties) against a schema.</summary>
    public static IReadOnlyList<StrictFieldError> Check(JsonElement body, SchemaNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var walk = new Walk();
        walk.Value(body, root, isRoot: true);
        return walk.Errors;
    }

    /// <summary>
    /// The text of the strict decoding error: strict decoding error: unknown field "spec.bogus", unknown field "spec.x".
    /// </summary>
    public static string StrictDecodingMessage(IEnumerable<StrictFieldError> errors) =>
        "strict decoding error: " + string.Join(", ", errors.Select(e => e.Message));

    /// <summary>
    /// The 400 BadRequest message of a create or update whose body failed strict decoding, as
    /// upstream's transformDecodeError words it: PersistentVolume in version "v1" cannot be
    /// handled as a PersistentVolume: strict decoding error: unknown field "spec.bogus".
    /// </summary>
    /// <param name="bodyKind">The kind the body names.</param>
    /// <param name="bodyVersion">The version of the body's apiVersion ("v1" for "storage.k8s.io/v1").</param>
    /// <param name="targetKind">The kind the endpoint decodes into.</param>
    /// <param name="errors">The problems.</param>
    public static string BadRequestMessage(string bodyKind, string bodyVersion, string targetKind, IEnumerable<StrictFieldError> errors) =>
        $"{bodyKind} in version \"{bodyVersion}\" cannot be handled as a {targetKind}: {StrictDecodingMessage(errors)}";

    /// <summary>
    /// The value of the Warning header for one problem under fieldValidation=Warn:
    /// 299 - "unknown field \"spec.bogus\"" (code 299, agent "-", the text quoted with " and \ escaped).
    /// </summary>
    public static string WarningHeaderValue(StrictFieldError error) => WarningHeaderValue(error.Message);

    /// <summary>A Warning header value (RFC 7234 warn-code 299, agent "-") for any text, quoted as Kubernetes quotes it.</summary>
    public static string WarningHeaderValue(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "299 - \"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    // One traversal: the current path as sigs.k8s.io/json builds it (".key" and "[i]" segments),
    // the problems found so far, and the messages already reported (for de-duplication).
    private sealed class Walk
    {
        private static readonly SchemaNode ObjectMetaSchema = ApiSchemas.Default.For(typeof(ObjectMeta));
        private static readonly SchemaNode StringSchema = new() { Type = SchemaType.String };

        private readonly List<string> _path = [];
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public List<StrictFieldError> Errors { get; } = [];

        public void Value(JsonElement value, SchemaNode node, bool isRoot = false)
        {
            switch (node.Type)
            {
                case SchemaType.Object when value.ValueKind == JsonValueKind.Object:
                    Object(value, node, isRoot);
                    break;
                case SchemaType.Map when value.ValueKind == JsonValueKind.Object:
                    Map(value, node.Values!);
                    break;
                case SchemaType.Array when value.ValueKind == JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        _path.Add("[" + index++ + "]");
                        Value(item, node.Items!);
                        _path.RemoveAt(_path.Count - 1);
                    }
                    break;
                default:
                    break; // scalars, opaque values and type mismatches carry no strict problems
            }
        }

        private void Object(JsonElement value, SchemaNode node, bool isRoot)
        {
            var known = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in value.EnumerateObject())
            {
                var child = Field(node, property.Name, isRoot);
                if (child is null)
                {
                    Save(StrictFieldProblem.UnknownField, property.Name);
                    continue;
                }
                if (!known.Add(property.Name))
                {
                    Save(StrictFieldProblem.DuplicateField, property.Name);
                }
                Descend(property, child);
            }
        }

        private void Map(JsonElement value, SchemaNode values)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in value.EnumerateObject())
            {
                if (!keys.Add(property.Name))
                {
                    Save(StrictFieldProblem.DuplicateField, property.Name);
                }
                Descend(property, values);
            }
        }

        private void Descend(JsonProperty property, SchemaNode child)
        {
            _path.Add(_path.Count == 0 ? property.Name : "." + property.Name);
            Value(property.Value, child);
            _path.RemoveAt(_path.Count - 1);
        }

        private static SchemaNode? Field(SchemaNode node, string name, bool isRoot)
        {
            if (node.Properties.TryGetValue(name, out var child))
            {
                return child;
            }
            // Every kind embeds TypeMeta and ObjectMeta, whether or not its record spells them out.
            return isRoot ? name switch
            {
                "apiVersion" or "kind" => StringSchema,
                "metadata" => ObjectMetaSchema,
                _ => null,
            } : null;
        }

        private void Save(StrictFieldProblem problem, string field)
        {
            if (Errors.Count >= MaxErrors)
            {
                return;
            }
            var path = _path.Count == 0 ? field : string.Concat(_path) + "." + field;
            var error = new StrictFieldError(problem, path);
            if (_seen.Add(error.Message))
            {
                Errors.Add(error);
            }
        }
    }
}
