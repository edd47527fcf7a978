using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Stowage.Api.Meta;

/// <summary>
/// A managed-fields entry's owned field set in its wire form (metav1.FieldsV1): an opaque JSON object, kept as
/// its compact UTF-8 text. Immutable, compared by content.
/// </summary>
/// <remarks>
/// Like Kubernetes, which keeps FieldsV1 as raw bytes, the API reads and writes it without building a tree:
/// every decoded object carries its managers' sets, and only the field manager looks inside them
/// (<see cref="Patching.FieldSet.FromFieldsV1(FieldsV1?)"/>). The text is what the serializer writes for the
/// same object (compact, the default encoder's escaping), so an entry read and written back is byte-identical.
/// </remarks>
[JsonConverter(typeof(FieldsV1JsonConverter))]
public sealed class FieldsV1 : IEquatable<FieldsV1>
{
    private readonly byte[] _utf8;

    private FieldsV1(byte[] utf8)
    {
        _utf8 = utf8;
    }

    /// <summary>The compact JSON text, UTF-8.</summary>
    public ReadOnlySpan<byte> Utf8 => _utf8;

    /// <summary>The set parsed from this text, once (see <see cref="Patching.FieldSet.FromFieldsV1(FieldsV1?)"/>).</summary>
    internal object? Parsed { get; set; }

    /// <summary>From JSON text holding an object.</summary>
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public static FieldsV1 Parse(string json) => FromUtf8(Encoding.UTF8.GetBytes(json));

    /// <summary>From UTF-8 JSON text holding an object.</summary>
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public static FieldsV1 FromUtf8(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        var value = Read(ref reader);
        return reader.Read() ? throw new JsonException("fieldsV1: unexpected data after the object") : value;
    }

    /// <summary>From a JSON object node.</summary>
    public static FieldsV1 FromNode(JsonObject node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }
        return new FieldsV1(buffer.WrittenSpan.ToArray());
    }

    /// <summary>Wraps text the caller wrote with a <see cref="Utf8JsonWriter"/> of default options (compact, default escaping).</summary>
    internal static FieldsV1 FromWritten(byte[] utf8) => new(utf8);

    /// <summary>The object as a (new, mutable) JSON tree.</summary>
    public JsonObject ToNode() => (JsonObject)JsonNode.Parse(_utf8)!;

    /// <summary>The JSON text.</summary>
    public override string ToString() => Encoding.UTF8.GetString(_utf8);

    /// <inheritdoc />
    public bool Equals(FieldsV1? other) => other is not null && Utf8.SequenceEqual(other.Utf8);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FieldsV1 other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_utf8);
        return hash.ToHashCode();
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// Reads the object at the reader's current token (its StartObject), leaving the reader on its EndObject. The
    /// tokens are written again as they are read, so the text is the serializer's form of the object whatever
    /// spacing or escaping it came with.
    /// </summary>
    internal static FieldsV1 Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("fieldsV1 must be a JSON object");
        }
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        var depth = reader.CurrentDepth;
        while (true)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    writer.WriteStartObject();
                    break;
                case JsonTokenType.EndObject:
                    writer.WriteEndObject();
                    break;
                case JsonTokenType.StartArray:
                    writer.WriteStartArray();
                    break;
                case JsonTokenType.EndArray:
                    writer.WriteEndArray();
                    break;
                case JsonTokenType.PropertyName when !reader.ValueIsEscaped && !reader.HasValueSequence:
                    writer.WritePropertyName(reader.ValueSpan);
                    break;
                case JsonTokenType.PropertyName:
                    writer.WritePropertyName(reader.GetString()!);
                    break;
                case JsonTokenType.String when !reader.ValueIsEscaped && !reader.HasValueSequence:
                    writer.WriteStringValue(reader.ValueSpan);
                    break;
                case JsonTokenType.String:
                    writer.WriteStringValue(reader.GetString());
                    break;
                case JsonTokenType.Number:
                    writer.WriteRawValue(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan, skipInputValidation: true);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    writer.WriteBooleanValue(reader.GetBoolean());
                    break;
                case JsonTokenType.Null:
                    writer.WriteNullValue();
                    break;
            }
            if ((reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth) || !reader.Read())
            {
                break;
            }
        }
        writer.Flush();
        return new FieldsV1(buffer.WrittenSpan.ToArray());
    }

    /// <summary>Writes the text as a raw value.</summary>
    internal void Write(Utf8JsonWriter writer) => writer.WriteRawValue(_utf8, skipInputValidation: true);
}

/// <summary>Reads and writes <see cref="FieldsV1"/> as the JSON object it is.</summary>
public sealed class FieldsV1JsonConverter : JsonConverter<FieldsV1>
{
    /// <inheritdoc />
    public override FieldsV1 Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => FieldsV1.Read(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, FieldsV1 value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        value.Write(writer);
    }
}
