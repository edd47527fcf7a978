using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Stowage.Server.Errors;
using Stowage.Server.Protobuf;

namespace Stowage.Server.Http;

/// <summary>
/// Reads a request body into a JSON tree whatever its media type (JSON, YAML, Kubernetes protobuf),
/// enforcing the 3 MiB limit, and turns parser failures into 400s with the parser's message.
/// </summary>
public static class RequestBody
{
    /// <summary>Kubernetes' request body limit.</summary>
    public const int MaxBytes = 3 * 1024 * 1024;

    /// <summary>Reads the raw bytes (413 past the limit).</summary>
    /// <remarks>
    /// With a Content-Length (what kubectl and client-go send) the body is read straight into an array of that
    /// size: a write then allocates its body once, not a copy buffer per request as well. Chunked bodies grow
    /// a stream through a pooled buffer.
    /// </remarks>
    public static async Task<byte[]> ReadBytesAsync(HttpContext context)
    {
        if (context.Request.ContentLength is { } length)
        {
            if (length > MaxBytes)
            {
                throw new ApiException(StatusErrors.RequestEntityTooLarge("limit is 3145728"));
            }
            // Kestrel ends the body stream at Content-Length and fails a shorter one, so this reads exactly length bytes.
            var body = new byte[length];
            var filled = 0;
            int count;
            while (filled < body.Length && (count = await context.Request.Body.ReadAsync(body.AsMemory(filled), context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                filled += count;
            }
            return filled == body.Length ? body : body[..filled];
        }
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    throw new ApiException(StatusErrors.RequestEntityTooLarge("limit is 3145728"));
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }

    /// <summary>The media type without parameters, lower-cased.</summary>
    public static string MediaType(HttpContext context)
    {
        var type = context.Request.ContentType ?? "application/json";
        var semicolon = type.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? type[..semicolon] : type).Trim().ToLowerInvariant();
    }

    /// <summary>
    /// Converts bytes of a media type into the JSON bytes of one object, checking the JSON once without
    /// building a tree; the same 400s as <see cref="Parse"/> for an empty, malformed or non-object body.
    /// </summary>
    public static byte[] ParseObject(byte[] body, string mediaType)
    {
        var json = ToJson(body, mediaType);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.TrySkip() && !reader.Read())
            {
                return json;
            }
        }
        catch (JsonException)
        {
            // Parse below reports it as a tree parse does.
        }
        var (_, node) = Parse(json, "application/json");
        if (node is not JsonObject)
        {
            throw new ApiException(StatusErrors.BadRequest($"Object 'Kind' is missing in '{Encoding.UTF8.GetString(json)}'"));
        }
        return json;
    }

    /// <summary>Parses bytes of a media type into JSON bytes and a tree.</summary>
    public static (byte[] Json, JsonNode Node) Parse(byte[] body, string mediaType)
    {
        var json = ToJson(body, mediaType);
        try
        {
            var node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 256 })
                ?? throw new ApiException(StatusErrors.BadRequest("the body of the request was null"));
            return (json, node);
        }
        catch (JsonException e)
        {
            throw new ApiException(StatusErrors.BadRequest($"error decoding request body: {e.Message}"));
        }
    }

    private static byte[] ToJson(byte[] body, string mediaType)
    {
        if (body.Length == 0)
        {
            throw new ApiException(StatusErrors.BadRequest("the body of the request was empty"));
        }
        byte[] json;
        switch (mediaType)
        {
            case "application/json":
            case "application/json-patch+json":
            case "application/merge-patch+json":
            case "application/strategic-merge-patch+json":
                json = body;
                break;
            case "application/yaml":
            case "application/apply-patch+yaml":
                json = LooksLikeJson(body) ? body : YamlToJson.Convert(Encoding.UTF8.GetString(body));
                break;
            case "application/vnd.kubernetes.protobuf":
                json = ProtobufBody.ToJson(body);
                break;
            default:
                throw new ApiException(StatusErrors.UnsupportedMediaType(mediaType));
        }
        return json;
    }

    private static bool LooksLikeJson(byte[] body)
    {
        foreach (var b in body)
        {
            if (b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
            {
                continue;
            }
            return b is (byte)'{' or (byte)'[';
        }
        return false;
    }
}
