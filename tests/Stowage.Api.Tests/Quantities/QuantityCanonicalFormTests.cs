using Stowage.Api.Quantities;
using static Stowage.Api.Quantities.QuantityFormat;

namespace Stowage.Api.Tests.Quantities;

/// <summary>Kubernetes' TestQuantityString, TestQuantityParseEmit and the constructor tables.</summary>
public sealed class QuantityCanonicalFormTests
{
    // mantissa, exponent, format, canonical, an alternate spelling that must canonicalise to it.
    public static TheoryData<long, int, QuantityFormat, string, string?> StringTable => new()
    {
        { 1024 * 1024 * 1024, 0, BinarySI, "1Gi", "1024Mi" },
        { 300 * 1024 * 1024, 0, BinarySI, "300Mi", "307200Ki" },
        { 6 * 1024, 0, BinarySI, "6Ki", null },
        { 1001L * 1024 * 1024 * 1024, 0, BinarySI, "1001Gi", "1025024Mi" },
        { 1024L * 1024 * 1024 * 1024, 0, BinarySI, "1Ti", "1024Gi" },
        { 5, 0, BinarySI, "5", "5000m" },
        { 500, -3, BinarySI, "500m", "0.5" },
        { 1, 9, DecimalSI, "1G", "1000M" },
        { 1000, 6, DecimalSI, "1G", "0.001T" },
        { 1000000, 3, DecimalSI, "1G", null },
        { 1000000000, 0, DecimalSI, "1G", null },
        { 1, -3, DecimalSI, "1m", "1000u" },
        { 80, -3, DecimalSI, "80m", null },
        { 1080, -3, DecimalSI, "1080m", "1.08" },
        { 108, -2, DecimalSI, "1080m", "1080000000n" },
        { 10800, -4, DecimalSI, "1080m", null },
        { 300, 6, DecimalSI, "300M", null },
        { 1, 12, DecimalSI, "1T", null },
        // DecimalSI has no suffix beyond E: larger values use exponent notation.
        { 1, 18, DecimalSI, "1E", null },
        { 1, 21, DecimalSI, "1e21", "1000E" },
        { 5, 21, DecimalSI, "5e21", "5000E" },
        { 1, 24, DecimalSI, "1e24", "1000000E" },
        // BinarySI has no suffix beyond Ei: larger values fall back to exact decimal exponents.
        { 1, 70, BinarySI, "10e69", null },
        { 2, 70, BinarySI, "20e69", null },
        { 1, 72, BinarySI, "1e72", null },
        { 1234567, 6, DecimalSI, "1234567M", null },
        { 1234567, -3, BinarySI, "1234567m", null },
        { 3, 3, DecimalSI, "3k", null },
        { 1025, 0, BinarySI, "1025", null },
        { 0, 0, DecimalSI, "0", null },
        { 0, 0, BinarySI, "0", null },
        { 1, 9, DecimalExponent, "1e9", ".001e12" },
        { 1, -3, DecimalExponent, "1e-3", "0.001e0" },
        { 1, -9, DecimalExponent, "1e-9", "1000e-12" },
        { 80, -3, DecimalExponent, "80e-3", null },
        { 300, 6, DecimalExponent, "300e6", null },
        { 1, 12, DecimalExponent, "1e12", null },
        { 1, 3, DecimalExponent, "1e3", null },
        { 3, 3, DecimalExponent, "3e3", null },
        { 0, 0, DecimalExponent, "0", "00" },
        { 1, -9, DecimalSI, "1n", null },
        { 80, -9, DecimalSI, "80n", null },
        { 1080, -9, DecimalSI, "1080n", null },
        { 108, -8, DecimalSI, "1080n", null },
        { 10800, -10, DecimalSI, "1080n", null },
        { 1, -6, DecimalSI, "1u", null },
        { 80, -6, DecimalSI, "80u", null },
        { 1080, -6, DecimalSI, "1080u", null },
    };

    [Theory]
    [MemberData(nameof(StringTable))]
    public void Writes_the_canonical_form(long mantissa, int exponent, QuantityFormat format, string canonical, string? alternate)
    {
        _ = alternate;
        Assert.Equal(canonical, Quantity.FromScaled(mantissa, exponent, format).ToString());
    }

    [Theory]
    [MemberData(nameof(StringTable))]
    public void Keeps_a_canonical_input_unchanged(long mantissa, int exponent, QuantityFormat format, string canonical, string? alternate)
    {
        _ = alternate;
        var parsed = Quantity.Parse(canonical);

        Assert.Equal(canonical, parsed.ToString());
        Assert.Equal(Quantity.FromScaled(mantissa, exponent, format), parsed);
    }

    [Theory]
    [MemberData(nameof(StringTable))]
    public void Rewrites_an_alternate_spelling_in_canonical_form(long mantissa, int exponent, QuantityFormat format, string canonical, string? alternate)
    {
        _ = (mantissa, exponent, format);
        if (alternate is not null)
        {
            Assert.Equal(canonical, Quantity.Parse(alternate).ToString());
        }
    }

    [Theory]
    [MemberData(nameof(StringTable))]
    public void Writes_a_negative_value_with_a_leading_minus(long mantissa, int exponent, QuantityFormat format, string canonical, string? alternate)
    {
        _ = alternate;
        if (mantissa != 0)
        {
            Assert.Equal("-" + canonical, Quantity.FromScaled(-mantissa, exponent, format).ToString());
        }
    }

    // Kubernetes' TestQuantityParseEmit, plus the examples of the Stowage research notes.
    [Theory]
    [InlineData("1Ki", "1Ki")]
    [InlineData("1Mi", "1Mi")]
    [InlineData("1Gi", "1Gi")]
    [InlineData("1024Mi", "1Gi")]
    [InlineData("1000M", "1G")]
    [InlineData(".001Ki", "1024m")]
    [InlineData(".000001Ki", "1024u")]
    [InlineData(".000000001Ki", "1024n")]
    [InlineData(".000000000001Ki", "2n")]
    [InlineData("1.5", "1500m")]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("0.5Gi", "512Mi")]
    [InlineData("1000Mi", "1000Mi")]
    [InlineData("2048Ki", "2Mi")]
    [InlineData("1e3", "1e3")]
    [InlineData("1k", "1k")]
    [InlineData("512", "512")]
    [InlineData("0.5Ki", "512")]
    [InlineData("1.5Ki", "1536")]
    [InlineData("800E", "800E")]
    [InlineData("1e4", "10e3")]
    [InlineData("9Ei", "9223372036854775807")]
    [InlineData("8Ei", "9223372036854775807")] // 2^63 is capped to 2^63-1 on parse
    public void Parses_and_emits_the_canonical_form(string input, string canonical)
    {
        Assert.Equal(canonical, Quantity.Parse(input).ToString());
        if (!Quantity.Parse(input).IsZero)
        {
            Assert.Equal("-" + canonical, Quantity.Parse("-" + input).ToString());
        }
    }

    // Kubernetes keeps the input whenever its digit-based canonical check passes, even when the
    // spelling differs from what it would write; these are the observable consequences.
    [Theory]
    [InlineData("+1k")]
    [InlineData("01k")]
    [InlineData("1.500k")]
    [InlineData("12Mi")]
    [InlineData("+12Mi")]
    [InlineData("-12Mi")]
    public void Keeps_inputs_that_kubernetes_considers_canonical(string input)
    {
        Assert.Equal(input, Quantity.Parse(input).ToString());
    }

    [Theory]
    [InlineData("+1Ei", "1Ei")]
    [InlineData("1.50k", "1500")]
    [InlineData("0.5", "500m")]
    public void Rewrites_inputs_that_kubernetes_does_not_consider_canonical(string input, string canonical)
    {
        Assert.Equal(canonical, Quantity.Parse(input).ToString());
    }

    // Kubernetes' TestBinarySIZeroExponentString.
    [Theory]
    [InlineData(2000, "2000")]
    [InlineData(-2000, "-2000")]
    public void Writes_binary_values_without_a_whole_power_of_1024_as_plain_numbers(long value, string canonical)
    {
        Assert.Equal(canonical, Quantity.FromInt64(value, BinarySI).ToString());
    }

    // Kubernetes' TestQuantityStringBelowNano.
    [Theory]
    [InlineData(1, -12, "1e-12")]
    [InlineData(1, -10, "100e-12")]
    public void Writes_decimal_values_below_nano_in_exponent_notation(long mantissa, int exponent, string canonical)
    {
        Assert.Equal(canonical, Quantity.FromScaled(mantissa, exponent, DecimalSI).ToString());
    }

    // Kubernetes' TestMilliNewSet.
    [Theory]
    [InlineData(1, DecimalSI, "1m", true)]
    [InlineData(1000, DecimalSI, "1", true)]
    [InlineData(1234000, DecimalSI, "1234", true)]
    [InlineData(1024, BinarySI, "1024m", false)]
    [InlineData(1000000, DecimalExponent, "1e3", true)]
    [InlineData(1024 * 1024, BinarySI, "1048576m", false)]
    public void Writes_milli_quantities(long milli, QuantityFormat format, string canonical, bool exact)
    {
        var quantity = Quantity.FromMilli(milli, format);

        Assert.Equal(canonical, quantity.ToString());
        if (exact)
        {
            Assert.Equal(milli, Quantity.Parse(quantity.ToString()).MilliValue);
        }
    }

    // Kubernetes' TestNewSet.
    [Theory]
    [InlineData(1, DecimalSI, "1")]
    [InlineData(1000, DecimalSI, "1k")]
    [InlineData(1234000, DecimalSI, "1234k")]
    [InlineData(1024, BinarySI, "1Ki")]
    [InlineData(1000000, DecimalExponent, "1e6")]
    [InlineData(1024 * 1024, BinarySI, "1Mi")]
    public void Writes_integer_quantities_and_reads_them_back(long value, QuantityFormat format, string canonical)
    {
        var quantity = Quantity.FromInt64(value, format);

        Assert.Equal(canonical, quantity.ToString());
        Assert.Equal(value, Quantity.Parse(canonical).Value);
    }

    // Kubernetes' TestNewScaledSet.
    [Theory]
    [InlineData(1, -9, "1n")]
    [InlineData(1000, -9, "1u")]
    [InlineData(1, -6, "1u")]
    [InlineData(1000, -6, "1m")]
    [InlineData(1, -3, "1m")]
    [InlineData(1000, -3, "1")]
    [InlineData(1, 0, "1")]
    [InlineData(0, -9, "0")]
    [InlineData(0, -6, "0")]
    [InlineData(0, -3, "0")]
    [InlineData(0, 0, "0")]
    public void Writes_scaled_quantities_and_reads_them_back(long value, int scale, string canonical)
    {
        var quantity = Quantity.FromScaled(value, scale);

        Assert.Equal(canonical, quantity.ToString());
        Assert.Equal(value, Quantity.Parse(canonical).ScaledValue(scale));
    }

    [Fact]
    public void Writes_byte_counts_with_binary_suffixes()
    {
        Assert.Equal("1Gi", Quantity.FromBytes(1L << 30).ToString());
        // Below 1024 a binary value is written in DecimalSI.
        Assert.Equal("1k", Quantity.FromBytes(1000).ToString());
        Assert.Equal("1023", Quantity.FromBytes(1023).ToString());
    }

    [Fact]
    public void Writes_the_default_value_as_zero()
    {
        Assert.Equal("0", default(Quantity).ToString());
        Assert.Equal("0", Quantity.Zero.ToString());
    }

    [Fact]
    public void Writes_very_long_numbers_digit_for_digit()
    {
        var random = new Random(11);
        for (int i = 0; i < 20; i++)
        {
            var digits = new char[1000 + random.Next(9000)];
            for (int j = 0; j < digits.Length; j++)
            {
                digits[j] = (char)('0' + random.Next(10));
            }
            digits[0] = (char)('1' + random.Next(9));
            digits[^1] = (char)('1' + random.Next(9));
            string text = new(digits);

            Assert.Equal(text, Quantity.Parse(text).ToString());
            Assert.Equal("-" + text, Quantity.Parse("-" + text).ToString());
        }

        string powerPlusOne = "1" + new string('0', 4999) + "1";
        Assert.Equal(powerPlusOne, Quantity.Parse(powerPlusOne).ToDecimalString());
    }

    [Fact]
    public void Moves_a_long_run_of_trailing_zeros_into_the_exponent()
    {
        var quantity = Quantity.Parse("123" + new string('0', 999_999));

        Assert.Equal("123e999999", quantity.ToString());
        Assert.True(quantity > Quantity.Parse("1e999999"));
    }

    [Theory]
    [InlineData("1Gi", "1073741824")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("1n", "0.000000001")]
    [InlineData("0", "0")]
    [InlineData("12E", "12000000000000000000")]
    public void Writes_the_exact_plain_decimal(string input, string expected)
    {
        Assert.Equal(expected, Quantity.Parse(input).ToDecimalString());
    }
}
