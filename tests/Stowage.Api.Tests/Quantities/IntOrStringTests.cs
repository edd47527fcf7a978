using System.Text.Json;
using Stowage.Api.Quantities;

namespace Stowage.Api.Tests.Quantities;

/// <summary>Kubernetes' intstr_test.go tables.</summary>
public sealed class IntOrStringTests
{
    private sealed record Holder(IntOrString Val);

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    [Fact]
    public void An_int_holds_the_int()
    {
        var value = IntOrString.FromInt32(93);

        Assert.Equal(IntOrStringType.Int, value.Type);
        Assert.Equal(93, value.IntValue);
        Assert.Equal("93", value.ToString());
    }

    [Fact]
    public void A_string_holds_the_string_even_when_it_looks_numeric()
    {
        var value = IntOrString.FromString("76");

        Assert.Equal(IntOrStringType.String, value.Type);
        Assert.Equal("76", value.StringValue);
        Assert.NotEqual(IntOrString.FromInt32(76), value);
    }

    [Fact]
    public void The_default_is_the_integer_zero()
    {
        Assert.Equal(IntOrString.FromInt32(0), default);
        Assert.Equal("0", default(IntOrString).ToString());
    }

    [Theory]
    [InlineData("123", IntOrStringType.Int, "123")]
    [InlineData("-5", IntOrStringType.Int, "-5")]
    [InlineData("http", IntOrStringType.String, "http")]
    [InlineData("2147483648", IntOrStringType.String, "2147483648")]
    [InlineData("25%", IntOrStringType.String, "25%")]
    public void Parse_prefers_an_int32(string text, IntOrStringType type, string written)
    {
        var value = IntOrString.Parse(text);

        Assert.Equal(type, value.Type);
        Assert.Equal(written, value.ToString());
    }

    [Theory]
    [InlineData("""{"val": 123}""", IntOrStringType.Int, "123")]
    [InlineData("""{"val": "123"}""", IntOrStringType.String, "123")]
    [InlineData("""{"val": null}""", IntOrStringType.Int, "0")]
    public void Reads_a_number_as_an_int_and_a_string_as_a_string(string json, IntOrStringType type, string written)
    {
        var holder = JsonSerializer.Deserialize<Holder>(json, Options)!;

        Assert.Equal(type, holder.Val.Type);
        Assert.Equal(written, holder.Val.ToString());
    }

    [Theory]
    [InlineData(123, null, """{"val":123}""")]
    [InlineData(0, "123", """{"val":"123"}""")]
    public void Writes_the_bare_member(int number, string? text, string json)
    {
        var value = text is null ? IntOrString.FromInt32(number) : IntOrString.FromString(text);

        Assert.Equal(json, JsonSerializer.Serialize(new Holder(value), Options));
        Assert.Equal(value, JsonSerializer.Deserialize<Holder>(json, Options)!.Val);
    }

    [Theory]
    [InlineData("""{"val": 1.5}""", "json: cannot unmarshal number 1.5 into Go value of type int32")]
    [InlineData("""{"val": 2147483648}""", "json: cannot unmarshal number 2147483648 into Go value of type int32")]
    [InlineData("""{"val": true}""", "json: cannot unmarshal bool into Go value of type int32")]
    [InlineData("""{"val": {}}""", "json: cannot unmarshal object into Go value of type int32")]
    [InlineData("""{"val": []}""", "json: cannot unmarshal array into Go value of type int32")]
    public void Rejects_other_json_values_with_go_messages(string json, string message)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Holder>(json, Options));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    // Kubernetes' TestGetIntFromIntOrPercent (GetScaledValueFromIntOrPercent).
    [Theory]
    [InlineData(123, null, 0, false, 123, null)]
    [InlineData(0, "90%", 100, true, 90, null)]
    [InlineData(0, "90%", 95, true, 86, null)]
    [InlineData(0, "90%", 95, false, 85, null)]
    [InlineData(0, "25%", 3, true, 1, null)]
    [InlineData(0, "25%", 3, false, 0, null)]
    [InlineData(0, "0%", 10, true, 0, null)]
    [InlineData(0, "100%", 7, false, 7, null)]
    [InlineData(0, "-10%", 15, true, -1, null)]
    [InlineData(0, "-10%", 15, false, -2, null)]
    [InlineData(0, "%", 0, false, 0, "invalid value for IntOrString: invalid value \"%\": strconv.Atoi: parsing \"\": invalid syntax")]
    [InlineData(0, "90#", 0, false, 0, "invalid value for IntOrString: invalid type: string is not a percentage")]
    [InlineData(0, "#%", 0, false, 0, "invalid value for IntOrString: invalid value \"#%\": strconv.Atoi: parsing \"#\": invalid syntax")]
    [InlineData(0, "90", 0, false, 0, "invalid value for IntOrString: invalid type: string is not a percentage")]
    [InlineData(0, "99999999999999999999%", 1, false, 0, "invalid value for IntOrString: invalid value \"99999999999999999999%\": strconv.Atoi: parsing \"99999999999999999999\": value out of range")]
    public void Resolves_an_int_or_a_percentage_of_a_total(
        int number, string? text, int total, bool roundUp, int expected, string? expectedError)
    {
        var value = text is null ? IntOrString.FromInt32(number) : IntOrString.FromString(text);

        bool ok = value.TryGetScaledValue(total, roundUp, out int result, out string? error);

        Assert.Equal(expectedError is null, ok);
        Assert.Equal(expectedError, error);
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Saturates_a_scaled_value_beyond_int32()
    {
        Assert.True(IntOrString.FromString("1000000000000%").TryGetScaledValue(int.MaxValue, true, out int value, out _));
        Assert.Equal(int.MaxValue, value);
    }

    [Fact]
    public void Converts_implicitly_from_int_and_string()
    {
        IntOrString port = 8080;
        IntOrString name = "http";

        Assert.Equal(IntOrStringType.Int, port.Type);
        Assert.Equal(IntOrStringType.String, name.Type);
    }
}
