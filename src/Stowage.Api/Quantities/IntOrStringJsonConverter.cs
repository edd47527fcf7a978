using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stowage.Api.Quantities;

/// <summary>
/// Reads a JSON number as an int32 and a JSON string as a string; writes the bare member. Other
/// JSON values fail with Go's decoding message, as Kubernetes reports them.
/// </summary>
public sealed class IntOrStringJsonConverter : JsonConverter<IntOrString>
{
    /// <inheritdoc/>
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return IntOrString.FromString(reader.GetString() ?? "");
            case JsonTokenType.Number:
                if (reader.TryGetInt32(out int number))
                {
                    return IntOrString.FromInt32(number);
                }
                string raw = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
                throw new JsonException($"json: cannot unmarshal number {raw} into Go value of type int32");
            case JsonTokenType.Null:
                return default;
            default:
                string kind = reader.TokenType switch
                {
                    JsonTokenType.True or JsonTokenType.False => "bool",
                    JsonTokenType.StartArray => "array",
                    _ => "object",
                };
                throw new JsonException($"json: cannot unmarshal {kind} into Go value of type int32");
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.Type == IntOrStringType.String)
        {
            writer.WriteStringValue(value.StringValue);
        }
        else
        {
            writer.WriteNumberValue(value.IntValue);
        }
    }
}
