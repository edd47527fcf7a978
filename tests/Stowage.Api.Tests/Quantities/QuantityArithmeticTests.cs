using System.Numerics;
using Stowage.Api.Quantities;
using static Stowage.Api.Quantities.QuantityFormat;

namespace Stowage.Api.Tests.Quantities;

/// <summary>Kubernetes' arithmetic, rounding and value tables for <c>resource.Quantity</c>.</summary>
public sealed class QuantityArithmeticTests
{
    [Theory]
    [InlineData("100m")]
    [InlineData("1Gi")]
    public void Adding_zero_in_either_order_keeps_the_suffix(string value)
    {
        var quantity = Quantity.Parse(value);

        Assert.Equal(value, quantity.Add(Quantity.Zero).ToString());
        Assert.Equal(value, Quantity.Zero.Add(quantity).ToString());
    }

    [Theory]
    [InlineData("100m")]
    [InlineData("1Gi")]
    public void Subtracting_from_zero_gives_the_negation_with_the_same_suffix(string value)
    {
        var quantity = Quantity.Parse(value);

        Assert.Equal(value, quantity.Subtract(Quantity.Zero).ToString());
        Assert.Equal(quantity.Negate().ToString(), Quantity.Zero.Subtract(quantity).ToString());
        Assert.Equal("-" + value, Quantity.Zero.Subtract(quantity).ToString());
    }

    [Fact]
    public void A_difference_of_zero_is_written_without_a_suffix()
    {
        Assert.Equal("0", (Quantity.Parse("1000m") - Quantity.Parse("1")).ToString());
    }

    // Kubernetes' TestAdd and TestSub: receiver, operand, expected value and the result's format.
    [Theory]
    [InlineData(10, DecimalSI, 10, DecimalSI, 20, DecimalSI)]
    [InlineData(10, DecimalSI, 1, BinarySI, 11, DecimalSI)]
    [InlineData(10, BinarySI, 1, DecimalSI, 11, BinarySI)]
    [InlineData(0, DecimalSI, 50, DecimalSI, 50, DecimalSI)]
    [InlineData(50, DecimalSI, 0, DecimalSI, 50, DecimalSI)]
    [InlineData(0, DecimalSI, 0, DecimalSI, 0, DecimalSI)]
    [InlineData(0, DecimalSI, 50, BinarySI, 50, BinarySI)]
    public void Adds_exactly_keeping_the_receiver_format_unless_it_is_zero(
        long a, QuantityFormat aFormat, long b, QuantityFormat bFormat, long sum, QuantityFormat format)
    {
        var result = Quantity.FromInt64(a, aFormat).Add(Quantity.FromInt64(b, bFormat));

        Assert.Equal(Quantity.FromInt64(sum), result);
        Assert.Equal(format, result.Format);
    }

    [Theory]
    [InlineData(10, DecimalSI, 10, DecimalSI, 0, DecimalSI)]
    [InlineData(10, DecimalSI, 1, BinarySI, 9, DecimalSI)]
    [InlineData(10, BinarySI, 1, DecimalSI, 9, BinarySI)]
    [InlineData(0, DecimalSI, 50, DecimalSI, -50, DecimalSI)]
    [InlineData(50, DecimalSI, 0, DecimalSI, 50, DecimalSI)]
    [InlineData(0, DecimalSI, 0, DecimalSI, 0, DecimalSI)]
    public void Subtracts_exactly_keeping_the_receiver_format_unless_it_is_zero(
        long a, QuantityFormat aFormat, long b, QuantityFormat bFormat, long difference, QuantityFormat format)
    {
        var result = Quantity.FromInt64(a, aFormat).Subtract(Quantity.FromInt64(b, bFormat));

        Assert.Equal(Quantity.FromInt64(difference), result);
        Assert.Equal(format, result.Format);
    }

    // Kubernetes' TestMul: value, factor, expected product (as an exact decimal).
    [Theory]
    [InlineData(10, 10, "100")]
    [InlineData(10, 1, "10")]
    [InlineData(0, 50, "0")]
    [InlineData(50, 0, "0")]
    [InlineData(10, -10, "-100")]
    [InlineData(-10, 1, "-10")]
    [InlineData(-50, -50, "2500")]
    [InlineData(long.MaxValue, 0, "0")]
    [InlineData(long.MaxValue, 1, "9223372036854775807")]
    [InlineData(long.MaxValue, -1, "-9223372036854775807")]
    [InlineData(long.MaxValue / 2, 2, "9223372036854775806")]
    [InlineData(long.MaxValue, 2, "18446744073709551614")]
    [InlineData(long.MaxValue, 10, "92233720368547758070")]
    [InlineData(long.MaxValue, -10, "-92233720368547758070")]
    [InlineData(long.MinValue, 1, "-9223372036854775808")]
    [InlineData(long.MinValue, -1, "9223372036854775808")]
    [InlineData(long.MinValue / 2, 2, "-9223372036854775808")]
    [InlineData(long.MinValue, 2, "-18446744073709551616")]
    [InlineData(long.MinValue, 10, "-92233720368547758080")]
    [InlineData(long.MinValue, -10, "92233720368547758080")]
    public void Multiplies_without_overflow(long value, long factor, string product)
    {
        Assert.Equal(product, Quantity.FromInt64(value).Multiply(factor).ToDecimalString());
    }

    [Fact]
    public void A_binary_value_grown_past_ei_keeps_its_magnitude_and_round_trips()
    {
        var grown = Quantity.Parse("1Ei").Multiply(1024); // 2^70

        Assert.Equal("1180591620717411303424", grown.ToString());
        Assert.Equal(grown, Quantity.Parse(grown.ToString()));
    }

    [Fact]
    public void Negating_the_most_negative_int64_gives_two_to_the_sixty_third()
    {
        var negated = Quantity.FromInt64(long.MinValue).Negate();

        Assert.Equal("9223372036854775808", negated.ToString());
        Assert.False(negated.TryGetInt64(out _));
        Assert.Equal("9223372036854775809", (Quantity.FromInt64(1) - Quantity.FromInt64(long.MinValue)).ToString());
        Assert.Equal("9223372036854775818", (Quantity.FromInt64(10) - Quantity.FromInt64(long.MinValue)).ToString());
        Assert.Equal("9223372036854775808m", Quantity.FromScaled(long.MinValue, -3).Negate().ToString());
        Assert.Equal("9223372036854775809m", (Quantity.FromMilli(1) - Quantity.FromMilli(long.MinValue)).ToString());
    }

    [Fact]
    public void Zero_minus_a_binary_value_takes_the_binary_format()
    {
        var result = Quantity.Zero - Quantity.FromInt64(long.MinValue, BinarySI);

        Assert.Equal(BinarySI, result.Format);
        Assert.Equal("8Ei", result.ToString());
    }

    [Theory]
    [InlineData(901, -2, "-9010m")]
    public void Negation_flips_the_sign(long mantissa, int exponent, string negated)
    {
        var quantity = Quantity.FromScaled(mantissa, exponent);

        Assert.Equal(negated, (-quantity).ToString());
        Assert.NotEqual(quantity, -quantity);
        Assert.Equal(quantity, -(-quantity));
    }

    // Kubernetes' TestQuantityRoundUp: input, scale, result (mantissa, exponent), exact.
    [Theory]
    [InlineData("9.01", -3, 901, -2, true)]
    [InlineData("9.01", -2, 901, -2, true)]
    [InlineData("9.01", -1, 91, -1, false)]
    [InlineData("9.01", 0, 10, 0, false)]
    [InlineData("9.01", 1, 10, 0, false)]
    [InlineData("9.01", 2, 100, 0, false)]
    [InlineData("-9.01", -3, -901, -2, true)]
    [InlineData("-9.01", -2, -901, -2, true)]
    [InlineData("-9.01", -1, -91, -1, false)]
    [InlineData("-9.01", 0, -10, 0, false)]
    [InlineData("-9.01", 1, -10, 0, false)]
    [InlineData("-9.01", 2, -100, 0, false)]
    public void Rounds_up_away_from_zero_to_a_scale(string input, int scale, long mantissa, int exponent, bool exact)
    {
        var rounded = Quantity.Parse(input).RoundUp(scale, out bool wasExact);

        Assert.Equal(Quantity.FromScaled(mantissa, exponent), rounded);
        Assert.Equal(exact, wasExact);
    }

    // Kubernetes' TestScaledValue.
    [Theory]
    [InlineData(-9, -9, 1)]
    [InlineData(-9, -6, 1)]
    [InlineData(-9, -3, 1)]
    [InlineData(-9, 0, 1)]
    [InlineData(-6, -9, 1000)]
    [InlineData(-6, -6, 1)]
    [InlineData(-6, -3, 1)]
    [InlineData(-6, 0, 1)]
    [InlineData(-3, -9, 1000 * 1000)]
    [InlineData(-3, -6, 1000)]
    [InlineData(-3, -3, 1)]
    [InlineData(-3, 0, 1)]
    [InlineData(0, -9, 1000 * 1000 * 1000)]
    [InlineData(0, -6, 1000 * 1000)]
    [InlineData(0, -3, 1000)]
    [InlineData(0, 0, 1)]
    [InlineData(2, -2, 100 * 100)]
    public void Scales_one_unit_between_scales_rounding_up(int fromScale, int toScale, long expected)
    {
        Assert.Equal(expected, Quantity.FromScaled(1, fromScale).ScaledValue(toScale));
    }

    // Kubernetes' TestNegativeValueRoundsAwayFromZero.
    [Theory]
    [InlineData("-.484785E-7466", -1, -1)]
    [InlineData(".484785E-7466", 1, 1)]
    [InlineData("-.484785E-1", -1, -49)]
    [InlineData(".484785E-1", 1, 49)]
    [InlineData("-0.0005", -1, -1)]
    [InlineData("0.0005", 1, 1)]
    [InlineData("-1500m", -2, -1500)]
    [InlineData("1500m", 2, 1500)]
    [InlineData("-9.5000000001Gi", -10200547329, -10200547328108)]
    [InlineData("9.5000000001Gi", 10200547329, 10200547328108)]
    [InlineData("-1", -1, -1000)]
    [InlineData("1", 1, 1000)]
    [InlineData("0", 0, 0)]
    public void Value_and_milli_value_round_away_from_zero(string input, long value, long milliValue)
    {
        var quantity = Quantity.Parse(input);

        Assert.Equal(value, quantity.Value);
        Assert.Equal(milliValue, quantity.MilliValue);
    }

    [Theory]
    [InlineData("1e30", long.MaxValue)]
    [InlineData("-1e30", long.MinValue)]
    [InlineData("9223372036854775808", long.MaxValue)]
    public void Value_saturates_instead_of_overflowing(string input, long value)
    {
        Assert.Equal(value, Quantity.Parse(input).Value);
    }

    [Fact]
    public void A_default_quantity_has_zero_values()
    {
        Quantity quantity = default;

        Assert.Equal(0, quantity.Value);
        Assert.Equal(0, quantity.MilliValue);
        Assert.True(quantity.IsZero);
        Assert.Equal(0, quantity.Sign);
    }

    // Kubernetes' TestAddSubRoundTrip and TestAddSubRoundTripAcrossScales, with a fixed seed.
    [Fact]
    public void Adding_then_subtracting_the_same_values_cancels_at_every_scale()
    {
        var random = new Random(20240601);
        for (int scale = -10; scale <= 10; scale++)
        {
            var sum = Quantity.Zero;
            var values = Enumerable.Range(0, 100).Select(_ => random.NextInt64()).ToList();
            foreach (long value in values)
            {
                sum += Quantity.FromScaled(value, scale);
            }
            foreach (long value in values)
            {
                sum -= Quantity.FromScaled(value, scale);
            }
            Assert.True(sum.IsZero);
        }

        var mixed = Quantity.Zero;
        var order = Enumerable.Range(0, 100).Select(_ => random.NextInt64()).ToList();
        foreach (long value in order)
        {
            mixed += Quantity.FromScaled(value, (int)(value % 20) - 10);
        }
        foreach (long value in order)
        {
            mixed -= Quantity.FromScaled(value, (int)(value % 20) - 10);
        }
        Assert.True(mixed.IsZero);
    }

    // Kubernetes' TestNegateRoundTrip, with a fixed seed.
    [Fact]
    public void Double_negation_gives_back_the_value()
    {
        var random = new Random(7);
        for (int scale = -10; scale <= 10; scale++)
        {
            for (int i = 0; i < 100; i++)
            {
                var quantity = Quantity.FromScaled(random.NextInt64(), scale);
                Assert.Equal(quantity, quantity.Negate().Negate());
            }
        }
    }

    [Fact]
    public void Adding_values_too_far_apart_to_represent_exactly_fails_loudly()
    {
        var huge = Quantity.Parse("1e2000000000");

        Assert.Throws<OverflowException>(() => huge + Quantity.Parse("1"));
        Assert.Equal(huge, huge + Quantity.Zero);
    }

    [Fact]
    public void Sums_capacities_exactly_beyond_int64()
    {
        var total = Quantity.Zero;
        for (int i = 0; i < 3; i++)
        {
            total += Quantity.Parse("8Ei");
        }

        Assert.Equal(BigInteger.Parse("27670116110564327421"), BigInteger.Parse(total.ToDecimalString()));
        Assert.Equal(BinarySI, total.Format);
    }
}
