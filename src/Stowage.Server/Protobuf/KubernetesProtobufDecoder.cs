using System.Text;
using System.Text.Json.Nodes;
using Stowage.Server.Protobuf.Schema;

namespace Stowage.Server.Protobuf;

/// <summary>
/// Turns a request body sent as <c>application/vnd.kubernetes.protobuf</c> into the JSON object the
/// same client would have sent as <c>application/json</c>, so the rest of the server only handles JSON.
/// </summary>
/// <remarks>
/// kubectl 1.32 sends protobuf, and never falls back to JSON, for <c>create namespace|secret|configmap</c>
/// (kubectl-protocol.md §4.8). The wire format is the magic <c>k8s\0</c> followed by a runtime.Unknown
/// {1 typeMeta {1 apiVersion, 2 kind}, 2 raw, 3 contentEncoding, 4 contentType}, where raw is the
/// object's own message without its TypeMeta. The output has <c>kind</c> and <c>apiVersion</c> first,
/// then the fields as Go's encoding/json writes them, e.g. <c>"creationTimestamp":null</c> for an
/// unset timestamp.
/// </remarks>
public static class KubernetesProtobufDecoder
{
    /// <summary>The media type of Kubernetes protobuf bodies.</summary>
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>The core/v1 kinds that <see cref="Decode"/> accepts.</summary>
    public static IReadOnlyCollection<string> SupportedKinds => CoreV1Kinds.Kinds;

    /// <summary>Whether a body of this apiVersion and kind can be decoded.</summary>
    public static bool Supports(string apiVersion, string kind) => CoreV1Kinds.Find(apiVersion, kind) is not null;

    /// <summary>Decodes an enveloped protobuf body into a JSON object.</summary>
    /// <exception cref="ProtobufDecodeException">
    /// <see cref="ProtobufDecodeError.Malformed"/> for bad bytes (answer 400),
    /// <see cref="ProtobufDecodeError.UnsupportedType"/> for a kind or encoding not handled here (answer 415).
    /// </exception>
    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
        {
            throw ProtobufDecodeException.Malformed("the body does not start with the Kubernetes protobuf prefix \"k8s\\0\"");
        }

        var envelope = ReadEnvelope(body[Magic.Length..]);
        if (envelope.ContentEncoding.Length > 0)
        {
            throw ProtobufDecodeException.Unsupported($"protobuf content encoding \"{envelope.ContentEncoding}\" is not supported");
        }

        if (envelope.ContentType.Length > 0 && envelope.ContentType != MediaType)
        {
            throw ProtobufDecodeException.Unsupported($"protobuf envelope content type \"{envelope.ContentType}\" is not supported");
        }

        if (envelope.Kind.Length == 0)
        {
            throw ProtobufDecodeException.Malformed("the protobuf envelope does not name a kind");
        }

        var descriptor = CoreV1Kinds.Find(envelope.ApiVersion, envelope.Kind)
            ?? throw ProtobufDecodeException.Unsupported(
                $"this server cannot decode {envelope.ApiVersion}/{envelope.Kind} from protobuf; send it as application/json");

        var message = MessageDecoder.Decode(envelope.Raw, descriptor);
        var json = new JsonObject
        {
            ["kind"] = envelope.Kind,
            ["apiVersion"] = envelope.ApiVersion,
        };
        JsonRenderer.RenderInto(json, descriptor, message);
        return json;
    }

    private static Envelope ReadEnvelope(ReadOnlySpan<byte> unknown)
    {
        var apiVersion = string.Empty;
        var kind = string.Empty;
        var raw = ReadOnlySpan<byte>.Empty;
        var contentEncoding = string.Empty;
        var contentType = string.Empty;

        var reader = new ProtoReader(unknown);
        while (reader.TryReadTag(out var number, out var wireType))
        {
            if (number is >= 1 and <= 4 && wireType != WireType.LengthDelimited)
            {
                throw ProtobufDecodeException.Malformed($"runtime.Unknown field {number} has wire type {(int)wireType}, expected 2");
            }

            switch (number)
            {
                case 1:
                    (apiVersion, kind) = ReadTypeMeta(reader.ReadLengthDelimited());
                    break;
                case 2:
                    raw = reader.ReadLengthDelimited();
                    break;
                case 3:
                    contentEncoding = Utf8.GetString(reader.ReadLengthDelimited());
                    break;
                case 4:
                    contentType = Utf8.GetString(reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return new Envelope(apiVersion, kind, raw, contentEncoding, contentType);
    }

    private static (string ApiVersion, string Kind) ReadTypeMeta(ReadOnlySpan<byte> typeMeta)
    {
        var apiVersion = string.Empty;
        var kind = string.Empty;
        var reader = new ProtoReader(typeMeta);
        while (reader.TryReadTag(out var number, out var wireType))
        {
            switch (number)
            {
                case 1 when wireType == WireType.LengthDelimited:
                    apiVersion = Utf8.GetString(reader.ReadLengthDelimited());
                    break;
                case 2 when wireType == WireType.LengthDelimited:
                    kind = Utf8.GetString(reader.ReadLengthDelimited());
                    break;
                case 1 or 2:
                    throw ProtobufDecodeException.Malformed($"runtime.TypeMeta field {number} has wire type {(int)wireType}, expected 2");
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return (apiVersion, kind);
    }

    private readonly ref struct Envelope(
        string apiVersion, string kind, ReadOnlySpan<byte> raw, string contentEncoding, string contentType)
    {
        public string ApiVersion { get; } = apiVersion;

        public string Kind { get; } = kind;

        public ReadOnlySpan<byte> Raw { get; } = raw;

        public string ContentEncoding { get; } = contentEncoding;

        public string ContentType { get; } = contentType;
    }
}
