using Stowage.Api.Quantities;
using static Stowage.Api.Quantities.QuantityFormat;

namespace Stowage.Api.Tests.Quantities;

/// <summary>Kubernetes' TestQuantityParse, TestParseQuantity and error tables.</summary>
public sealed class QuantityParseTests
{
    private const string FormatWrong =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    private const string Numeric = "unable to parse numeric part of quantity";
    private const string Suffix = "unable to parse quantity's suffix";

    // input, mantissa, exponent, format (Kubernetes' decQuantity(mantissa, exponent, format)).
    public static TheoryData<string, long, int, QuantityFormat> ParseTable => new()
    {
        { "0", 0, 0, DecimalSI },
        { "0n", 0, 0, DecimalSI },
        { "0u", 0, 0, DecimalSI },
        { "0m", 0, 0, DecimalSI },
        { "0Ki", 0, 0, BinarySI },
        { "0k", 0, 0, DecimalSI },
        { "0Mi", 0, 0, BinarySI },
        { "0M", 0, 0, DecimalSI },
        { "0Gi", 0, 0, BinarySI },
        { "0G", 0, 0, DecimalSI },
        { "0Ti", 0, 0, BinarySI },
        { "0T", 0, 0, DecimalSI },

        // Quantity less numbers are allowed
        { "1", 1, 0, DecimalSI },

        // Binary suffixes
        { "1Ki", 1024, 0, BinarySI },
        { "8Ki", 8 * 1024, 0, BinarySI },
        { "7Mi", 7 * 1024 * 1024, 0, BinarySI },
        { "6Gi", 6L * 1024 * 1024 * 1024, 0, BinarySI },
        { "5Ti", 5L * 1024 * 1024 * 1024 * 1024, 0, BinarySI },
        { "4Pi", 4L * 1024 * 1024 * 1024 * 1024 * 1024, 0, BinarySI },
        { "3Ei", 3L * 1024 * 1024 * 1024 * 1024 * 1024 * 1024, 0, BinarySI },
        { "10Ti", 10L * 1024 * 1024 * 1024 * 1024, 0, BinarySI },
        { "100Ti", 100L * 1024 * 1024 * 1024 * 1024, 0, BinarySI },

        // Decimal suffixes
        { "5n", 5, -9, DecimalSI },
        { "4u", 4, -6, DecimalSI },
        { "3m", 3, -3, DecimalSI },
        { "9", 9, 0, DecimalSI },
        { "8k", 8, 3, DecimalSI },
        { "50k", 5, 4, DecimalSI },
        { "7M", 7, 6, DecimalSI },
        { "6G", 6, 9, DecimalSI },
        { "5T", 5, 12, DecimalSI },
        { "40T", 4, 13, DecimalSI },
        { "300T", 3, 14, DecimalSI },
        { "2P", 2, 15, DecimalSI },
        { "1E", 1, 18, DecimalSI },

        // Decimal exponents
        { "1E-3", 1, -3, DecimalExponent },
        { "1e3", 1, 3, DecimalExponent },
        { "1E6", 1, 6, DecimalExponent },
        { "1e9", 1, 9, DecimalExponent },
        { "1E12", 1, 12, DecimalExponent },
        { "1e15", 1, 15, DecimalExponent },
        { "1E18", 1, 18, DecimalExponent },

        // Nonstandard but still parsable
        { "1e14", 1, 14, DecimalExponent },
        { "1e13", 1, 13, DecimalExponent },
        { "100.035k", 100035, 0, DecimalSI },

        // Things that look like floating point
        { "0.001", 1, -3, DecimalSI },
        { "0.0005k", 5, -1, DecimalSI },
        { "0.005", 5, -3, DecimalSI },
        { "0.05", 5, -2, DecimalSI },
        { "0.5", 5, -1, DecimalSI },
        { "0.00050k", 5, -1, DecimalSI },
        { "0.00500", 5, -3, DecimalSI },
        { "0.05000", 5, -2, DecimalSI },
        { "0.50000", 5, -1, DecimalSI },
        { "0.5e0", 5, -1, DecimalExponent },
        { "0.5e-1", 5, -2, DecimalExponent },
        { "0.5e-2", 5, -3, DecimalExponent },
        { "10.035M", 10035, 3, DecimalSI },
        { "1.2e3", 12, 2, DecimalExponent },
        { "1.3E+6", 13, 5, DecimalExponent },
        { "1.40e9", 14, 8, DecimalExponent },
        { "1.53E12", 153, 10, DecimalExponent },
        { "1.6e15", 16, 14, DecimalExponent },
        { "1.7E18", 17, 17, DecimalExponent },
        { "9.01", 901, -2, DecimalSI },
        { "8.1k", 81, 2, DecimalSI },
        { "7.123456M", 7123456, 0, DecimalSI },
        { "6.987654321G", 6987654321, 0, DecimalSI },
        { "5.444T", 5444, 9, DecimalSI },
        { "40.1T", 401, 11, DecimalSI },
        { "300.2T", 3002, 11, DecimalSI },
        { "2.5P", 25, 14, DecimalSI },
        { "1.01E", 101, 16, DecimalSI },

        // Things that saturate/round
        { "3.001n", 4, -9, DecimalSI },
        { "1.1E-9", 2, -9, DecimalExponent },
        { "0.0000000001", 1, -9, DecimalSI },
        { "0.0000000005", 1, -9, DecimalSI },
        { "0.00000000050", 1, -9, DecimalSI },
        { "0.5e-9", 1, -9, DecimalExponent },
        { "0.9n", 1, -9, DecimalSI },
        { "0.00000012345", 124, -9, DecimalSI },
        { "0.00000012354", 124, -9, DecimalSI },
        { "9Ei", long.MaxValue, 0, BinarySI },
        { "9223372036854775807Ki", long.MaxValue, 0, BinarySI },
        { "12E", 12, 18, DecimalSI },

        // We'll accept fractional binary stuff, too.
        { "100.035Ki", 10243584, -2, BinarySI },
        { "0.5Mi", 512 * 1024, 0, BinarySI },
        { "0.05Gi", 536870912, -1, BinarySI },
        { "0.025Ti", 274877906944, -1, BinarySI },

        // Things written by trolls
        { "0.000000000001Ki", 2, -9, DecimalSI }, // rounds up, changes format
        { ".001", 1, -3, DecimalSI },
        { ".0001k", 100, -3, DecimalSI },
        { "1.", 1, 0, DecimalSI },
        { "1.G", 1, 9, DecimalSI },
    };

    [Theory]
    [MemberData(nameof(ParseTable))]
    public void Parses_to_the_exact_value_and_format(string input, long mantissa, int exponent, QuantityFormat format)
    {
        var parsed = Quantity.Parse(input);

        Assert.Equal(Quantity.FromScaled(mantissa, exponent), parsed);
        Assert.Equal(format, parsed.Format);
    }

    [Theory]
    [MemberData(nameof(ParseTable))]
    public void Parses_a_negated_input_to_the_negated_value_in_the_same_format(
        string input, long mantissa, int exponent, QuantityFormat format)
    {
        var parsed = Quantity.Parse("-" + input);

        Assert.Equal(Quantity.FromScaled(-mantissa, exponent), parsed);
        Assert.Equal(format, parsed.Format);
    }

    [Theory]
    [MemberData(nameof(ParseTable))]
    public void Parses_an_explicit_plus_sign_to_the_same_value_and_format(
        string input, long mantissa, int exponent, QuantityFormat format)
    {
        var parsed = Quantity.Parse("+" + input);

        Assert.Equal(Quantity.FromScaled(mantissa, exponent), parsed);
        Assert.Equal(format, parsed.Format);
    }

    [Theory]
    [InlineData("", FormatWrong)]
    [InlineData("1.1.M", FormatWrong)]
    [InlineData("1+1.0M", FormatWrong)]
    [InlineData("0.1mi", Suffix)]
    [InlineData("0.1am", FormatWrong)]
    [InlineData("aoeu", FormatWrong)]
    [InlineData(".5i", Suffix)]
    [InlineData("1i", Suffix)]
    [InlineData("-3.01i", Suffix)]
    [InlineData("-3.01e-", Suffix)]
    [InlineData("1e4294967297", Suffix)] // an exponent outside int32 is rejected, not truncated
    [InlineData(" 1", FormatWrong)]
    [InlineData("1 ", FormatWrong)]
    [InlineData("Non-Numeric", FormatWrong)]
    [InlineData("1K", Suffix)]
    [InlineData("1mi", Suffix)]
    [InlineData("1Ki5", Suffix)]
    [InlineData("1gi", FormatWrong)]
    [InlineData("1GI", FormatWrong)]
    [InlineData("1KB", FormatWrong)]
    [InlineData("1Gb", FormatWrong)]
    [InlineData("1e", Suffix)]
    [InlineData(".e-100", Numeric)]
    [InlineData("-.E-10", Numeric)]
    public void Rejects_malformed_input_with_the_kubernetes_message(string input, string message)
    {
        Assert.False(Quantity.TryParse(input, out _, out var error));
        Assert.Equal(message, error);
        Assert.Equal(message, Assert.Throws<FormatException>(() => Quantity.Parse(input)).Message);
    }

    // Kubernetes' TestParseQuantityString: the scanner reads a lone dot or sign as zero.
    [Theory]
    [InlineData(".")]
    [InlineData("-.")]
    [InlineData("+.")]
    [InlineData("-")]
    [InlineData("+")]
    [InlineData("000")]
    public void Parses_a_lone_dot_or_sign_as_zero(string input)
    {
        var parsed = Quantity.Parse(input);

        Assert.True(parsed.IsZero);
        Assert.Equal("0", parsed.ToString());
    }

    [Fact]
    public void Rejects_null_as_malformed()
    {
        Assert.False(Quantity.TryParse(null, out _, out var error));
        Assert.Equal(FormatWrong, error);
    }

    // Kubernetes' TestInterpretExponentInt32Bounds, through the parser.
    [Theory]
    [InlineData("e14", true)]
    [InlineData("E2147483647", true)]
    [InlineData("E-2147483647", true)]
    [InlineData("E2147483648", false)]
    [InlineData("E-2147483648", false)]
    [InlineData("E4294967297", false)]
    [InlineData("E8589934592", false)]
    [InlineData("E9223372036854775807", false)]
    [InlineData("E9223372036854775808", false)]
    [InlineData("E6024865272343", false)]
    public void Accepts_exponents_only_within_plus_or_minus_int32_max(string suffix, bool accepted)
    {
        bool parsed = Quantity.TryParse("1" + suffix, out var quantity, out var error);

        Assert.Equal(accepted, parsed);
        if (accepted)
        {
            Assert.Equal(DecimalExponent, quantity.Format);
        }
        else
        {
            Assert.Equal(Suffix, error);
        }
    }

    // Kubernetes' TestParseQuantity: input, exact value, canonical form (null = the input itself).
    [Theory]
    [InlineData("-999999999999999999", "-999999999999999999", null)]
    [InlineData("999999999999999999", "999999999999999999", null)]
    [InlineData("-999999999999999999.0", "-999999999999999999", "-999999999999999999")]
    [InlineData("999999999999999999.0", "999999999999999999", "999999999999999999")]
    [InlineData("-999999999999999999.1", "-999999999999999999.1", "-999999999999999999100m")]
    [InlineData("999999999999999999.1", "999999999999999999.1", "999999999999999999100m")]
    [InlineData("-9999999999999999999", "-9999999999999999999", null)]
    [InlineData("9999999999999999999", "9999999999999999999", null)]
    [InlineData("-1E", "-1000000000000000000", null)]
    [InlineData("1E", "1000000000000000000", null)]
    [InlineData("-1000000000000000000", "-1000000000000000000", "-1E")]
    [InlineData("1000000000000000000", "1000000000000000000", "1E")]
    [InlineData("-9999999999999999999.0", "-9999999999999999999", "-9999999999999999999")]
    [InlineData("9999999999999999999.0", "9999999999999999999", "9999999999999999999")]
    [InlineData("-1.0E", "-1000000000000000000", "-1E")]
    [InlineData("1.0E", "1000000000000000000", "1E")]
    [InlineData("-1000000000000000000.0", "-1000000000000000000", "-1E")]
    [InlineData("1000000000000000000.0", "1000000000000000000", "1E")]
    [InlineData("-9999999999999999999000m", "-9999999999999999999", "-9999999999999999999")]
    [InlineData("9999999999999999999000m", "9999999999999999999", "9999999999999999999")]
    [InlineData("-9999999999999999999.1", "-9999999999999999999.1", "-9999999999999999999100m")]
    [InlineData("9999999999999999999.1", "9999999999999999999.1", "9999999999999999999100m")]
    [InlineData("-1.0000000000000000001E", "-1000000000000000000.1", "-1000000000000000000100m")]
    [InlineData("1.0000000000000000001E", "1000000000000000000.1", "1000000000000000000100m")]
    [InlineData("-1000000000000000000.1", "-1000000000000000000.1", "-1000000000000000000100m")]
    [InlineData("1000000000000000000.1", "1000000000000000000.1", "1000000000000000000100m")]
    [InlineData("-1.000000000000000001E", "-1000000000000000001", "-1000000000000000001")]
    [InlineData("1.000000000000000001E", "1000000000000000001", "1000000000000000001")]
    [InlineData("-1000000000000000001", "-1000000000000000001", null)]
    [InlineData("1000000000000000001", "1000000000000000001", null)]
    [InlineData("-10E", "-10000000000000000000", null)]
    [InlineData("10E", "10000000000000000000", null)]
    [InlineData("-10000000000000000000", "-10000000000000000000", "-10E")]
    [InlineData("10000000000000000000", "10000000000000000000", "10E")]
    [InlineData("-10.0E", "-10000000000000000000", "-10E")]
    [InlineData("10.0E", "10000000000000000000", "10E")]
    [InlineData("-10000000000000000000.0", "-10000000000000000000", "-10E")]
    [InlineData("10000000000000000000.0", "10000000000000000000", "10E")]
    [InlineData("-10000000000000000000000m", "-10000000000000000000", "-10E")]
    [InlineData("10000000000000000000000m", "10000000000000000000", "10E")]
    [InlineData("-10.0000000000000000001E", "-10000000000000000000.1", "-10000000000000000000100m")]
    [InlineData("10.0000000000000000001E", "10000000000000000000.1", "10000000000000000000100m")]
    [InlineData("-10000000000000000000.1", "-10000000000000000000.1", "-10000000000000000000100m")]
    [InlineData("10000000000000000000.1", "10000000000000000000.1", "10000000000000000000100m")]
    [InlineData("-10.000000000000000001E", "-10000000000000000001", "-10000000000000000001")]
    [InlineData("10.000000000000000001E", "10000000000000000001", "10000000000000000001")]
    [InlineData("-10000000000000000001", "-10000000000000000001", null)]
    [InlineData("10000000000000000001", "10000000000000000001", null)]
    [InlineData("-9223372036854775809", "-9223372036854775809", null)]
    [InlineData("9223372036854775806", "9223372036854775806", null)]
    [InlineData("-9223372036854775809.0", "-9223372036854775809", "-9223372036854775809")]
    [InlineData("9223372036854775806.0", "9223372036854775806", "9223372036854775806")]
    [InlineData("-9223372036854775809000m", "-9223372036854775809", "-9223372036854775809")]
    [InlineData("9223372036854775806000m", "9223372036854775806", "9223372036854775806")]
    [InlineData("-9223372036854775809.1", "-9223372036854775809.1", "-9223372036854775809100m")]
    [InlineData("9223372036854775806.1", "9223372036854775806.1", "9223372036854775806100m")]
    [InlineData("-9223372036854775808", "-9223372036854775808", null)]
    [InlineData("9223372036854775807", "9223372036854775807", null)]
    [InlineData("-9223372036854775808.0", "-9223372036854775808", "-9223372036854775808")]
    [InlineData("9223372036854775807.0", "9223372036854775807", "9223372036854775807")]
    [InlineData("-9223372036854775808000m", "-9223372036854775808", "-9223372036854775808")]
    [InlineData("9223372036854775807000m", "9223372036854775807", "9223372036854775807")]
    [InlineData("-9223372036854775808.1", "-9223372036854775808.1", "-9223372036854775808100m")]
    [InlineData("9223372036854775807.1", "9223372036854775807.1", "9223372036854775807100m")]
    [InlineData("-9223372036854775807", "-9223372036854775807", null)]
    [InlineData("9223372036854775808", "9223372036854775808", null)]
    [InlineData("-9223372036854775807.0", "-9223372036854775807", "-9223372036854775807")]
    [InlineData("9223372036854775808.0", "9223372036854775808", "9223372036854775808")]
    [InlineData("-9223372036854775807000m", "-9223372036854775807", "-9223372036854775807")]
    [InlineData("9223372036854775808000m", "9223372036854775808", "9223372036854775808")]
    [InlineData("-9223372036854775807.1", "-9223372036854775807.1", "-9223372036854775807100m")]
    [InlineData("9223372036854775808.1", "9223372036854775808.1", "9223372036854775808100m")]
    public void Parses_values_around_the_int64_limits_exactly(string input, string value, string? canonical)
    {
        var parsed = Quantity.Parse(input);

        Assert.Equal(value, parsed.ToDecimalString());
        Assert.Equal(canonical ?? input, parsed.ToString());
    }

    // Kubernetes' TestMustParseNearMaxInt64.
    [Theory]
    [InlineData("9223372036854775807", true)]
    [InlineData("9223372036854775806", true)]
    [InlineData("9223372036854775808", false)]
    public void Reports_whether_a_whole_value_fits_an_int64(string input, bool fits)
    {
        var parsed = Quantity.Parse(input);

        Assert.Equal(fits, parsed.TryGetInt64(out var value));
        if (fits)
        {
            Assert.Equal(input, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(input, parsed.ToString());
        }
    }

    [Fact]
    public void Parses_zero_and_writes_it_back_as_zero()
    {
        var zero = Quantity.Parse("0");

        Assert.True(zero.IsZero);
        Assert.Equal("0", zero.ToString());
        Assert.Equal(DecimalSI, zero.Format);
    }

    [Theory]
    [InlineData("1E2147483647", 1, "10e2147483646")]
    [InlineData("-1E2147483647", -1, "-10e2147483646")]
    public void Parses_the_largest_exponent_without_materialising_it(string input, int sign, string canonical)
    {
        var parsed = Quantity.Parse(input);

        Assert.Equal(sign, parsed.Sign);
        Assert.Equal(canonical, parsed.ToString());
        Assert.Equal(sign > 0 ? long.MaxValue : long.MinValue, parsed.Value);
        Assert.True(parsed.Sign > 0 ? parsed > Quantity.Parse("1E2147483646") : parsed < Quantity.Parse("-1E2147483646"));
    }

    [Fact]
    public void Rounds_the_smallest_exponent_up_to_one_nano()
    {
        var parsed = Quantity.Parse("1E-2147483647");

        Assert.Equal(Quantity.Parse("1n"), parsed);
        Assert.Equal("1e-9", parsed.ToString());
    }
}
