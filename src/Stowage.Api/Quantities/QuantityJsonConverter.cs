using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stowage.Api.Quantities;

/// <summary>
/// Reads a quantity from a JSON string or number and writes the canonical string, as
/// Kubernetes' <c>Quantity.UnmarshalJSON</c>/<c>MarshalJSON</c> do.
/// </summary>
/// <remarks>
/// Surrounding whitespace inside a string is tolerated (<c>" 1"</c>), <c>null</c> reads as zero,
/// and any other JSON value fails with Kubernetes' parse message, because Kubernetes hands the raw
/// JSON text of such values to the quantity parser.
/// </remarks>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    /// <inheritdoc/>
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(
                reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
            JsonTokenType.Null => "0",
            _ => throw new JsonException(QuantityParser.FormatWrongMessage),
        };
        return Quantity.TryParse(text?.Trim(), out var quantity, out var error)
            ? quantity
            : throw new JsonException(error);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }

    /// <inheritdoc/>
    public override Quantity ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Quantity.TryParse(reader.GetString(), out var quantity, out var error) ? quantity : throw new JsonException(error);

    /// <inheritdoc/>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.ToString());
    }
}
