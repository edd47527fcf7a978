using System.Text.Json;
using Stowage.Api.Quantities;

namespace Stowage.Api.Tests.Quantities;

/// <summary>Kubernetes' TestJSON and TestJSONWhitespace, through System.Text.Json.</summary>
public sealed class QuantityJsonTests
{
    private sealed record Holder(Quantity Value);

    private sealed record OptionalHolder(Quantity? Value);

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    [Theory]
    [InlineData("\" 1\"", "1")]
    [InlineData("\"1 \"", "1")]
    [InlineData("1", "1")]
    [InlineData(" 1", "1")]
    [InlineData("1 ", "1")]
    [InlineData("10", "10")]
    [InlineData("-1", "-1")]
    [InlineData(" -1", "-1")]
    [InlineData("1.5e3", "1500")]
    [InlineData("\"1024Mi\"", "1Gi")]
    public void Reads_strings_and_numbers_tolerating_surrounding_whitespace(string json, string canonical)
    {
        var holder = JsonSerializer.Deserialize<Holder>($$"""{"value":{{json}}}""", Options)!;

        Assert.Equal(canonical, holder.Value.ToString());
    }

    [Fact]
    public void Writes_the_canonical_string()
    {
        var json = JsonSerializer.Serialize(new Holder(Quantity.Parse("1024Mi")), Options);

        Assert.Equal("""{"value":"1Gi"}""", json);
    }

    [Fact]
    public void Reads_null_as_zero_and_leaves_an_optional_quantity_null()
    {
        Assert.True(JsonSerializer.Deserialize<Holder>("""{"value":null}""", Options)!.Value.IsZero);
        Assert.Null(JsonSerializer.Deserialize<OptionalHolder>("""{"value":null}""", Options)!.Value);
    }

    [Theory]
    [InlineData("\"1KB\"", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    [InlineData("\"5Kb\"", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    [InlineData("\"1K\"", "unable to parse quantity's suffix")]
    [InlineData("\"\"", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    [InlineData("true", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    [InlineData("{}", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    public void Fails_with_the_kubernetes_parse_message(string json, string message)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Holder>($$"""{"value":{{json}}}""", Options));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Round_trips_random_quantities_through_json()
    {
        var random = new Random(42);
        for (int i = 0; i < 500; i++)
        {
            var quantity = RandomQuantity(random);

            var json = JsonSerializer.Serialize(new Holder(quantity), Options);
            var back = JsonSerializer.Deserialize<Holder>(json, Options)!.Value;

            Assert.Equal(quantity, back);
        }
    }

    [Fact]
    public void Uses_quantities_as_dictionary_keys()
    {
        var map = new Dictionary<Quantity, int> { [Quantity.Parse("1024Mi")] = 1 };

        var json = JsonSerializer.Serialize(map);

        Assert.Equal("""{"1Gi":1}""", json);
        Assert.Equal(1, JsonSerializer.Deserialize<Dictionary<Quantity, int>>(json)![Quantity.Parse("1Gi")]);
    }

    // Kubernetes' quantity fuzzer: binary values (including whole powers of 1024) and decimal
    // values with up to three fractional digits or small mantissas across suffixes.
    private static Quantity RandomQuantity(Random random)
    {
        if (random.Next(2) == 0)
        {
            return random.Next(2) == 0
                ? Quantity.FromInt64(random.NextInt64(), QuantityFormat.BinarySI)
                : Quantity.FromInt64(random.NextInt64(1024) << (10 * random.Next(5)), QuantityFormat.BinarySI);
        }
        var format = random.Next(2) == 0 ? QuantityFormat.DecimalSI : QuantityFormat.DecimalExponent;
        return random.Next(2) == 0
            ? Quantity.FromScaled(random.NextInt64(), -random.Next(4), format)
            : Quantity.FromScaled(random.NextInt64(1000), random.Next(15) - 3, format);
    }
}
