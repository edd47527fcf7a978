using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stowage.Api.Meta;

/// <summary>
/// metav1.Time: RFC 3339 in UTC with whole seconds ("2024-05-01T10:00:00Z"), as Kubernetes writes it.
/// Fractions are accepted on input and truncated, as Kubernetes does.
/// </summary>
public sealed class TimeJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>Formats an instant as Kubernetes does.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Truncates to whole seconds, the precision Kubernetes stores.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <inheritdoc/>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("expected a timestamp");
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw new JsonException($"parsing time \"{text}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse");
        }
        return Truncate(value);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));
}
