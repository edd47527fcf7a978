using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Api.Meta;
using Stowage.Api.Schema;

namespace Stowage.Server.OpenApi;

/// <summary>
/// The OpenAPI v3 documents of the served resources, built once at startup: the index served at
/// GET /openapi/v3 and one document per group-version at /openapi/v3/api/v1 and
/// /openapi/v3/apis/&lt;group&gt;/&lt;version&gt;. kubectl reads them for <c>explain</c> and to decide
/// that the server validates fields itself (it then sends fieldValidation=Strict with writes
/// instead of validating client-side against /openapi/v2, which we do not serve).
/// </summary>
/// <remarks>
/// Documents are immutable and content-addressed: each is serialized once with keys in ordinal
/// order (as Kubernetes does), so the same resources always produce the same bytes and hash, and
/// a change of schema or description changes the hash and with it the URL clients cache.
/// </remarks>
public sealed class OpenApiDocuments
{
    /// <summary>The Kubernetes version the documents describe (info.version).</summary>
    public const string KubernetesVersion = "v1.32.4";

    private const string Prefix = "/openapi/v3/";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Served as application/json only, never embedded in HTML: keep <, >, ' and non-ASCII readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly FrozenDictionary<string, OpenApiDocument> _documents;

    /// <summary>Builds the documents from the API records' schemas and Kubernetes' descriptions.</summary>
    public OpenApiDocuments(IEnumerable<OpenApiResource> resources)
        : this(resources, ApiSchemas.Default, OpenApiDescriptions.Kubernetes)
    {
    }

    /// <summary>Builds the documents from the given schemas and descriptions.</summary>
    public OpenApiDocuments(IEnumerable<OpenApiResource> resources, ApiSchemas schemas, OpenApiDescriptions descriptions)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(schemas);
        ArgumentNullException.ThrowIfNull(descriptions);
        var all = resources.ToList();
        var scalars = ClrScalarMap.For([.. all.Select(r => r.RootType), typeof(Status), typeof(DeleteOptions), typeof(ListMeta)]);

        _documents = all
            .GroupBy(r => r.GroupVersionPath, StringComparer.Ordinal)
            .Select(g => Build(g.Key, [.. g], schemas, descriptions, scalars))
            .ToFrozenDictionary(d => d.Path, StringComparer.Ordinal);
        Documents = [.. _documents.Values.OrderBy(d => d.Path, StringComparer.Ordinal)];
        Index = Serialize(new JsonObject
        {
            ["paths"] = new JsonObject(Documents.Select(d =>
                KeyValuePair.Create(d.Path, (JsonNode?)new JsonObject { ["serverRelativeURL"] = d.ServerRelativeUrl }))),
        });
    }

    /// <summary>The body of GET /openapi/v3 (application/json), listing every group-version's URL with its hash.</summary>
    public ReadOnlyMemory<byte> Index { get; }

    /// <summary>The per-group-version documents, by path.</summary>
    public IReadOnlyList<OpenApiDocument> Documents { get; }

    /// <summary>
    /// Finds the document of a group-version path: "api/v1", "apis/storage.k8s.io/v1", with or
    /// without a leading "/" or "/openapi/v3/".
    /// </summary>
    public bool TryGet(string path, [NotNullWhen(true)] out OpenApiDocument? document)
    {
        ArgumentNullException.ThrowIfNull(path);
        var key = path.StartsWith(Prefix, StringComparison.Ordinal) ? path[Prefix.Length..] : path.TrimStart('/');
        return _documents.TryGetValue(key.TrimEnd('/'), out document);
    }

    /// <summary>
    /// Decides the answer to GET /openapi/v3/&lt;path&gt;?hash=&lt;hash&gt; as Kubernetes gives it: the current
    /// hash is cacheable forever ("public, immutable"); no hash is served uncached; an outdated
    /// hash redirects to the current URL.
    /// </summary>
    public OpenApiLookup Lookup(string path, string? hash)
    {
        if (!TryGet(path, out var document))
        {
            return new OpenApiLookup(OpenApiLookupOutcome.NotFound, null, null, null);
        }
        if (string.IsNullOrEmpty(hash))
        {
            return new OpenApiLookup(OpenApiLookupOutcome.Found, document, "no-cache, private", null);
        }
        return string.Equals(hash, document.Hash, StringComparison.OrdinalIgnoreCase)
            ? new OpenApiLookup(OpenApiLookupOutcome.Found, document, "public, immutable", null)
            : new OpenApiLookup(OpenApiLookupOutcome.Moved, document, "no-cache, private", document.ServerRelativeUrl);
    }

    private static OpenApiDocument Build(
        string path, IReadOnlyList<OpenApiResource> resources, ApiSchemas schemas, OpenApiDescriptions descriptions, ClrScalarMap scalars)
    {
        var components = new ComponentSchemas(descriptions, scalars);
        var paths = new OpenApiPaths(descriptions);
        var status = components.AddType(typeof(Status), "", "v1", "Status");
        var deleteOptions = components.AddType(typeof(DeleteOptions), "", "v1", "DeleteOptions");
        var patch = components.AddPatch();
        foreach (var resource in resources.OrderBy(r => r.Plural, StringComparer.Ordinal))
        {
            var kind = components.AddKind(schemas.For(resource.RootType), resource.Group, resource.Version, resource.Kind);
            var list = components.AddList(kind, resource.Group, resource.Version, resource.Kind);
            paths.Add(resource, new OpenApiPaths.Schemas(kind, list, status, deleteOptions, patch));
            foreach (var sub in resource.Subresources)
            {
                var body = sub.BodyType is { } type ? components.AddType(type, resource.Group, resource.Version, sub.Kind) : null;
                paths.AddSubresource(resource, sub, body);
            }
        }

        var document = new JsonObject
        {
            ["components"] = new JsonObject { ["schemas"] = components.Build() },
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = KubernetesVersion },
            ["openapi"] = "3.0.0",
            ["paths"] = paths.Build(),
        };
        var content = Serialize(document);
        return new OpenApiDocument(path, content, Convert.ToHexString(SHA512.HashData(content.Span)));
    }

    private static ReadOnlyMemory<byte> Serialize(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteCanonical(writer, node);
        }
        return buffer.ToArray();
    }

    // Writes object keys in ordinal order and leaves out null-valued properties (absent
    // descriptions), so output depends only on content, never on construction order.
    private static void WriteCanonical(Utf8JsonWriter writer, JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (value is not null)
                    {
                        writer.WritePropertyName(key);
                        WriteCanonical(writer, value);
                    }
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    if (item is null)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        WriteCanonical(writer, item);
                    }
                }
                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
