using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stowage.Api.Meta;

/// <summary>A timestamp with microsecond precision (metav1.MicroTime), e.g. an event's eventTime.</summary>
/// <param name="Value">The instant.</param>
[JsonConverter(typeof(MicroTimeJsonConverter))]
public readonly record struct MicroTime(DateTimeOffset Value)
{
    /// <summary>RFC 3339 with six fractional digits, in UTC.</summary>
    public override string ToString() =>
        Value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>JSON form of <see cref="MicroTime"/>.</summary>
public sealed class MicroTimeJsonConverter : JsonConverter<MicroTime>
{
    /// <inheritdoc/>
    public override MicroTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(DateTimeOffset.Parse(reader.GetString() ?? throw new JsonException("expected a timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, MicroTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
