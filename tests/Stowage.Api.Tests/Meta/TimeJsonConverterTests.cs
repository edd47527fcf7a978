using System.Globalization;
using System.Text.Json;
using Stowage.Api.Meta;

namespace Stowage.Api.Tests.Meta;

/// <summary>metav1.Time in JSON: the canonical form fast, everything else as the general parser reads it.</summary>
public sealed class TimeJsonConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new TimeJsonConverter() } };

    [Theory]
    [InlineData("2024-05-01T10:00:00Z", "2024-05-01T10:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z")]
    [InlineData("2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z")]
    [InlineData("2024-05-01T10:00:00.999999Z", "2024-05-01T10:00:00Z")]
    [InlineData("2024-05-01T12:30:00+02:00", "2024-05-01T10:30:00Z")]
    [InlineData("2024-05-01T10:00:00z", "2024-05-01T10:00:00Z")]
    [InlineData("2024-05-01 10:00:00Z", "2024-05-01T10:00:00Z")]
    [InlineData("2024-05-01T10:00:00\\u005A", "2024-05-01T10:00:00Z")]
    [InlineData("2024-05-01", "2024-05-01T00:00:00Z")]
    public void Reads_timestamps_as_UTC_whole_seconds_and_writes_them_canonically(string json, string expected)
    {
        var value = JsonSerializer.Deserialize<DateTimeOffset>($"\"{json}\"", Options);
        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal($"\"{expected}\"", JsonSerializer.Serialize(value, Options));
        Assert.Equal(expected, TimeJsonConverter.Format(value));
    }

    [Theory]
    [InlineData("2024-05-01T10:00:00Z")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("2024-04-31T00:00:00Z")]
    [InlineData("2024-05-01T24:00:00Z")]
    [InlineData("2024-05-01T23:60:00Z")]
    [InlineData("2024-05-01T23:59:60Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2024-05-01T10:00:0xZ")]
    [InlineData("2024-05-01T10:00:00.5+01:00")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void Reads_every_string_as_the_general_parser_does(string text)
    {
        var reference = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? TimeJsonConverter.Truncate(parsed)
            : (DateTimeOffset?)null;
        DateTimeOffset? actual;
        try
        {
            actual = JsonSerializer.Deserialize<DateTimeOffset>(JsonSerializer.Serialize(text), Options);
        }
        catch (JsonException)
        {
            actual = null;
        }
        Assert.Equal(reference, actual);
        if (actual is { } a)
        {
            Assert.Equal(reference!.Value.Offset, a.Offset);
        }
    }

    [Fact]
    public void Writes_any_offset_as_UTC_and_drops_fractions()
    {
        var value = new DateTimeOffset(2024, 5, 1, 12, 0, 7, 999, TimeSpan.FromHours(2));
        Assert.Equal("\"2024-05-01T10:00:07Z\"", JsonSerializer.Serialize(value, Options));
        Assert.Equal(value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture), TimeJsonConverter.Format(value));
    }
}
