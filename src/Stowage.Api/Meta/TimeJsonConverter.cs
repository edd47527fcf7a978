using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stowage.Api.Meta;

/// <summary>
/// metav1.Time: RFC 3339 in UTC with whole seconds ("2024-05-01T10:00:00Z"), as Kubernetes writes it.
/// Fractions are accepted on input and truncated, as Kubernetes does.
/// </summary>
/// <remarks>
/// Every stored object carries a few of these and every read and write of one converts them, so the
/// canonical form is written and read directly as UTF-8; anything else goes through the general parser.
/// </remarks>
public sealed class TimeJsonConverter : JsonConverter<DateTimeOffset>
{
    // "yyyy-MM-ddTHH:mm:ssZ"
    private const int CanonicalLength = 20;

    /// <summary>Formats an instant as Kubernetes does.</summary>
    public static string Format(DateTimeOffset value)
    {
        Span<byte> text = stackalloc byte[CanonicalLength];
        WriteCanonical(value.UtcDateTime, text);
        return Encoding.ASCII.GetString(text);
    }

    /// <summary>Truncates to whole seconds, the precision Kubernetes stores.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <inheritdoc/>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped
            && TryReadCanonical(reader.ValueSpan, out var canonical))
        {
            return canonical;
        }
        var text = reader.GetString() ?? throw new JsonException("expected a timestamp");
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw new JsonException($"parsing time \"{text}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse");
        }
        return Truncate(value);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<byte> text = stackalloc byte[CanonicalLength];
        WriteCanonical(value.UtcDateTime, text);
        writer.WriteStringValue(text);
    }

    private static void WriteCanonical(DateTime utc, Span<byte> text)
    {
        Digits(text[..4], utc.Year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), utc.Month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), utc.Day);
        text[10] = (byte)'T';
        Digits(text.Slice(11, 2), utc.Hour);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), utc.Minute);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), utc.Second);
        text[19] = (byte)'Z';
    }

    private static void Digits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>Reads exactly "yyyy-MM-ddTHH:mm:ssZ" naming a real instant; anything else is left to the general parser.</summary>
    private static bool TryReadCanonical(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length != CanonicalLength || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z')
        {
            return false;
        }
        if (!Number(text[..4], out var year) || !Number(text.Slice(5, 2), out var month) || !Number(text.Slice(8, 2), out var day)
            || !Number(text.Slice(11, 2), out var hour) || !Number(text.Slice(14, 2), out var minute) || !Number(text.Slice(17, 2), out var second))
        {
            return false;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool Number(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var d in digits)
        {
            if (d is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
            value = (value * 10) + (d - '0');
        }
        return true;
    }
}
