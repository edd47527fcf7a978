using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Server.Protobuf.Schema;

namespace Stowage.Server.Protobuf;

/// <summary>
/// Decodes protobuf wire bytes into a <see cref="DecodedMessage"/> guided by a schema. Unknown
/// fields are skipped by wire type; a known field with the wrong wire type is malformed (the real
/// API server's generated code rejects it too). The schema has no recursive types, so nesting depth
/// is bounded by the schema, not by the input.
/// </summary>
internal static class MessageDecoder
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static DecodedMessage Decode(ReadOnlySpan<byte> data, MessageDescriptor descriptor)
    {
        var message = new DecodedMessage();
        DecodeInto(data, descriptor, message);
        return message;
    }

    private static void DecodeInto(ReadOnlySpan<byte> data, MessageDescriptor descriptor, DecodedMessage target)
    {
        var reader = new ProtoReader(data);
        while (reader.TryReadTag(out var number, out var wireType))
        {
            var field = descriptor.Find(number);
            if (field is null)
            {
                reader.Skip(wireType);
                continue;
            }

            switch (field.Cardinality)
            {
                case FieldCardinality.Single when field.Kind == FieldKind.Message:
                    var bytes = ReadLength(ref reader, wireType, descriptor, field);
                    DecodeInto(bytes, field.Message, target.Child(number));
                    break;
                case FieldCardinality.Single:
                    target.Set(number, ReadValue(ref reader, wireType, descriptor, field));
                    break;
                case FieldCardinality.Repeated:
                    ReadRepeated(ref reader, wireType, descriptor, field, target.Repeated(number));
                    break;
                case FieldCardinality.Map:
                    ReadMapEntry(ReadLength(ref reader, wireType, descriptor, field), descriptor, field, target.Map(number));
                    break;
            }
        }
    }

    private static void ReadRepeated(
        ref ProtoReader reader, WireType wireType, MessageDescriptor owner, FieldDescriptor field, List<object> list)
    {
        if (field.Kind == FieldKind.Message)
        {
            list.Add(Decode(ReadLength(ref reader, wireType, owner, field), field.Message));
            return;
        }

        // Repeated numbers may arrive packed (one length-delimited run of varints); parsers must
        // accept both encodings.
        if (field.Kind is FieldKind.Int32 or FieldKind.Int64 && wireType == WireType.LengthDelimited)
        {
            var packed = new ProtoReader(reader.ReadLengthDelimited());
            while (!packed.AtEnd)
            {
                list.Add(ToNumber(packed.ReadVarint(), field.Kind));
            }

            return;
        }

        list.Add(ReadValue(ref reader, wireType, owner, field));
    }

    private static void ReadMapEntry(
        ReadOnlySpan<byte> entry, MessageDescriptor owner, FieldDescriptor field, SortedDictionary<string, object> map)
    {
        var key = string.Empty;
        object? value = null;
        var reader = new ProtoReader(entry);
        while (reader.TryReadTag(out var number, out var wireType))
        {
            switch (number)
            {
                case 1:
                    key = Utf8.GetString(ReadLength(ref reader, wireType, owner, field));
                    break;
                case 2:
                    value = ReadValue(ref reader, wireType, owner, field);
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        // Go's generated code starts each entry from the zero value (an empty []byte, a zero Quantity).
        map[key] = value ?? field.Kind switch
        {
            FieldKind.Bytes => Array.Empty<byte>(),
            FieldKind.Quantity => "0",
            _ => string.Empty,
        };
    }

    private static object ReadValue(ref ProtoReader reader, WireType wireType, MessageDescriptor owner, FieldDescriptor field)
    {
        switch (field.Kind)
        {
            case FieldKind.Bool:
                return ReadVarint(ref reader, wireType, owner, field) != 0;
            case FieldKind.Int32:
            case FieldKind.Int64:
                return ToNumber(ReadVarint(ref reader, wireType, owner, field), field.Kind);
            case FieldKind.String:
                return Utf8.GetString(ReadLength(ref reader, wireType, owner, field));
            case FieldKind.Bytes:
                return ReadLength(ref reader, wireType, owner, field).ToArray();
            case FieldKind.Time:
                return DecodeTimestamp(ReadLength(ref reader, wireType, owner, field), keepNanos: false, owner, field);
            case FieldKind.MicroTime:
                return DecodeTimestamp(ReadLength(ref reader, wireType, owner, field), keepNanos: true, owner, field);
            case FieldKind.Quantity:
                return DecodeQuantity(ReadLength(ref reader, wireType, owner, field), owner, field);
            case FieldKind.IntOrString:
                return DecodeIntOrString(ReadLength(ref reader, wireType, owner, field));
            case FieldKind.FieldsV1:
                return DecodeFieldsV1(ReadLength(ref reader, wireType, owner, field), owner, field);
            default:
                throw new InvalidOperationException($"field kind {field.Kind} is not a scalar");
        }
    }

    private static object ToNumber(ulong raw, FieldKind kind) =>
        kind == FieldKind.Int32 ? (int)(long)raw : (object)(long)raw;

    /// <summary>
    /// metav1.Time keeps whole seconds only (its Unmarshal drops nanos; its JSON has no fraction);
    /// MicroTime keeps them. An empty message is Go's zero time, which JSON renders as null.
    /// </summary>
    private static ProtoTimestamp DecodeTimestamp(ReadOnlySpan<byte> data, bool keepNanos, MessageDescriptor owner, FieldDescriptor field)
    {
        if (data.IsEmpty)
        {
            return ProtoTimestamp.Zero;
        }

        long seconds = 0;
        long nanos = 0;
        var reader = new ProtoReader(data);
        while (reader.TryReadTag(out var number, out var wireType))
        {
            switch (number)
            {
                case 1 when wireType == WireType.Varint:
                    seconds = (long)reader.ReadVarint();
                    break;
                case 2 when wireType == WireType.Varint:
                    nanos = (int)(long)reader.ReadVarint();
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        try
        {
            var value = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return new ProtoTimestamp(keepNanos ? value.AddTicks(nanos / 100) : value);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ProtobufDecodeException($"{owner.Name}.{field.JsonName}: time {seconds}s is out of range", e);
        }
    }

    private static string DecodeQuantity(ReadOnlySpan<byte> data, MessageDescriptor owner, FieldDescriptor field)
    {
        string? text = null;
        var reader = new ProtoReader(data);
        while (reader.TryReadTag(out var number, out var wireType))
        {
            if (number == 1 && wireType == WireType.LengthDelimited)
            {
                text = Utf8.GetString(reader.ReadLengthDelimited());
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        // An empty message is the zero Quantity; an empty string fails Go's ParseQuantity. Anything
        // else is passed through for the API layer to validate like a JSON body.
        return text switch
        {
            null => "0",
            "" => throw ProtobufDecodeException.Malformed($"{owner.Name}.{field.JsonName}: quantity is an empty string"),
            _ => text,
        };
    }

    private static IntOrStringValue DecodeIntOrString(ReadOnlySpan<byte> data)
    {
        long type = 0;
        var intValue = 0;
        var stringValue = string.Empty;
        var reader = new ProtoReader(data);
        while (reader.TryReadTag(out var number, out var wireType))
        {
            switch (number)
            {
                case 1 when wireType == WireType.Varint:
                    type = (long)reader.ReadVarint();
                    break;
                case 2 when wireType == WireType.Varint:
                    intValue = (int)(long)reader.ReadVarint();
                    break;
                case 3 when wireType == WireType.LengthDelimited:
                    stringValue = Utf8.GetString(reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return new IntOrStringValue(type == 1, intValue, stringValue);
    }

    private static JsonNode DecodeFieldsV1(ReadOnlySpan<byte> data, MessageDescriptor owner, FieldDescriptor field)
    {
        var raw = ReadOnlySpan<byte>.Empty;
        var reader = new ProtoReader(data);
        while (reader.TryReadTag(out var number, out var wireType))
        {
            if (number == 1 && wireType == WireType.LengthDelimited)
            {
                raw = reader.ReadLengthDelimited();
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        try
        {
            return JsonNode.Parse(raw) ?? throw ProtobufDecodeException.Malformed($"{owner.Name}.{field.JsonName}: fieldsV1 is null");
        }
        catch (JsonException e)
        {
            throw new ProtobufDecodeException($"{owner.Name}.{field.JsonName}: fieldsV1 is not JSON: {e.Message}", e);
        }
    }

    private static ulong ReadVarint(ref ProtoReader reader, WireType wireType, MessageDescriptor owner, FieldDescriptor field)
    {
        Expect(wireType, WireType.Varint, owner, field);
        return reader.ReadVarint();
    }

    private static ReadOnlySpan<byte> ReadLength(ref ProtoReader reader, WireType wireType, MessageDescriptor owner, FieldDescriptor field)
    {
        Expect(wireType, WireType.LengthDelimited, owner, field);
        return reader.ReadLengthDelimited();
    }

    private static void Expect(WireType actual, WireType expected, MessageDescriptor owner, FieldDescriptor field)
    {
        if (actual != expected)
        {
            var name = field.Shape == FieldShape.Inline ? field.Message.Name : field.JsonName;
            throw ProtobufDecodeException.Malformed(
                $"{owner.Name}.{name} (field {field.Number}) has wire type {(int)actual}, expected {(int)expected}");
        }
    }
}
