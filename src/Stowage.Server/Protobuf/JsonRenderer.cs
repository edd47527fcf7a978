using System.Globalization;
using System.Text.Json.Nodes;
using Stowage.Server.Protobuf.Schema;

namespace Stowage.Server.Protobuf;

/// <summary>
/// Renders a <see cref="DecodedMessage"/> as the JSON Go's encoding/json would write for the same
/// object: fields in struct order, <c>omitempty</c> honoured, structs always present, pointers only
/// when set, map keys sorted, <c>[]byte</c> as base64, times as RFC 3339 or null.
/// </summary>
internal static class JsonRenderer
{
    public static void RenderInto(JsonObject target, MessageDescriptor descriptor, DecodedMessage? message)
    {
        foreach (var field in descriptor.Fields)
        {
            object? value = null;
            var present = message is not null && message.TryGet(field.Number, out value);

            if (field.Shape == FieldShape.Inline)
            {
                RenderInto(target, field.Message, present ? (DecodedMessage)value! : null);
                continue;
            }

            switch (field.Cardinality)
            {
                case FieldCardinality.Single:
                    RenderSingle(target, field, present ? value : null);
                    break;
                case FieldCardinality.Repeated:
                    RenderCollection(target, field, present ? (List<object>)value! : null);
                    break;
                case FieldCardinality.Map:
                    RenderMap(target, field, present ? (SortedDictionary<string, object>)value! : null);
                    break;
            }
        }
    }

    private static void RenderSingle(JsonObject target, FieldDescriptor field, object? value)
    {
        switch (field.Shape)
        {
            case FieldShape.Pointer when value is null:
                return;
            case FieldShape.Pointer:
            case FieldShape.NullablePointer:
                target[field.JsonName] = value is null ? null : Render(field, value);
                return;
        }

        value ??= ZeroValue(field);
        if (field.Shape == FieldShape.OmitEmpty && IsEmptyScalar(value))
        {
            return;
        }

        target[field.JsonName] = value is null ? null : Render(field, value);
    }

    private static void RenderCollection(JsonObject target, FieldDescriptor field, List<object>? items)
    {
        if (items is null or { Count: 0 })
        {
            // A nil slice: omitted with omitempty, null without.
            if (field.Shape != FieldShape.OmitEmpty)
            {
                target[field.JsonName] = null;
            }

            return;
        }

        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(Render(field, item));
        }

        target[field.JsonName] = array;
    }

    private static void RenderMap(JsonObject target, FieldDescriptor field, SortedDictionary<string, object>? entries)
    {
        if (entries is null or { Count: 0 })
        {
            if (field.Shape != FieldShape.OmitEmpty)
            {
                target[field.JsonName] = null;
            }

            return;
        }

        var map = new JsonObject();
        foreach (var (key, item) in entries)
        {
            map[key] = Render(field, item);
        }

        target[field.JsonName] = map;
    }

    private static JsonNode? Render(FieldDescriptor field, object value)
    {
        switch (value)
        {
            case string s:
                return JsonValue.Create(s);
            case bool b:
                return JsonValue.Create(b);
            case int i:
                return JsonValue.Create(i);
            case long l:
                return JsonValue.Create(l);
            case byte[] bytes:
                return JsonValue.Create(Convert.ToBase64String(bytes));
            case DecodedMessage nested:
                var obj = new JsonObject();
                RenderInto(obj, field.Message, nested);
                return obj;
            case ProtoTimestamp time:
                return RenderTime(time, field.Kind == FieldKind.MicroTime);
            case IntOrStringValue intOrString:
                return intOrString.IsString ? JsonValue.Create(intOrString.StringValue) : JsonValue.Create(intOrString.IntValue);
            case JsonNode node:
                return node.DeepClone();
            default:
                throw new InvalidOperationException($"cannot render {value.GetType().Name} for {field.JsonName}");
        }
    }

    private static JsonNode? RenderTime(ProtoTimestamp time, bool micro)
    {
        if (time.Value is not { } value)
        {
            return null;
        }

        var format = micro ? "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'";
        return JsonValue.Create(value.UtcDateTime.ToString(format, CultureInfo.InvariantCulture));
    }

    /// <summary>The Go zero value of an absent value field (never null for a struct: an empty message).</summary>
    private static object? ZeroValue(FieldDescriptor field) => field.Kind switch
    {
        FieldKind.String => string.Empty,
        FieldKind.Bool => false,
        FieldKind.Int32 => 0,
        FieldKind.Int64 => 0L,
        FieldKind.Bytes => null,
        FieldKind.Message => new DecodedMessage(),
        FieldKind.Time or FieldKind.MicroTime => ProtoTimestamp.Zero,
        FieldKind.Quantity => "0",
        FieldKind.IntOrString => IntOrStringValue.Zero,
        _ => null,
    };

    private static bool IsEmptyScalar(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        bool b => !b,
        int i => i == 0,
        long l => l == 0,
        byte[] bytes => bytes.Length == 0,
        _ => false,
    };
}
