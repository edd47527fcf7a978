using System.Numerics;
using Stowage.Api.Quantities;

namespace Stowage.Api.Tests.Quantities;

/// <summary>Kubernetes' TestQuantityCmp and TestQuantityCmpInt64AndDec, plus binder-relevant cases.</summary>
public sealed class QuantityComparisonTests
{
    [Theory]
    [InlineData("0", "0", 0)]
    [InlineData("100m", "50m", 1)]
    [InlineData("50m", "100m", -1)]
    [InlineData("10000T", "100Gi", 1)]
    [InlineData("1Gi", "1G", 1)]
    [InlineData("1024Mi", "1Gi", 0)]
    [InlineData("1000Mi", "1Gi", -1)]
    [InlineData("800E", "9Ei", 1)]
    [InlineData("800E", "799E", 1)]
    [InlineData("1e2147483647", "1e2147483646", 1)]
    [InlineData("-1e2147483647", "1", -1)]
    [InlineData("1n", "0", 1)]
    [InlineData("-1n", "0", -1)]
    [InlineData("123456789012345678901234567890", "1e29", 1)]
    [InlineData("1e-9", "1n", 0)]
    public void Compares_parsed_quantities_exactly(string left, string right, int expected)
    {
        var x = Quantity.Parse(left);
        var y = Quantity.Parse(right);

        Assert.Equal(expected, x.CompareTo(y));
        Assert.Equal(-expected, y.CompareTo(x));
        Assert.Equal(expected == 0, x == y);
        Assert.Equal(expected < 0, x < y);
        Assert.Equal(expected > 0, x > y);
    }

    private const long MostPositive = long.MaxValue;
    private const long MostNegative = long.MinValue;
    private const long Quintillion = 1_000_000_000_000_000_000;

    // Kubernetes' TestQuantityCmpInt64AndDec: (value, scale) pairs.
    [Theory]
    [InlineData(901, -2, 901, -2, 0)]
    [InlineData(90, -1, 901, -2, -1)]
    [InlineData(901, -2, 900, -2, 1)]
    [InlineData(0, 0, 0, 0, 0)]
    [InlineData(0, 1, 0, -1, 0)]
    [InlineData(0, -1, 0, 1, 0)]
    [InlineData(800, -3, 1, 0, -1)]
    [InlineData(800, -3, 79, -2, 1)]
    [InlineData(MostPositive, 0, 1, -1, 1)]
    [InlineData(MostPositive, 1, 1, 0, 1)]
    [InlineData(MostPositive, 1, 1, 1, 1)]
    [InlineData(MostPositive, 1, 0, 1, 1)]
    [InlineData(MostPositive, -16, 1, 3, -1)]
    [InlineData(MostNegative, 0, 0, 0, -1)]
    [InlineData(MostNegative, -18, -1, 0, -1)]
    [InlineData(MostNegative, -19, -1, 0, 1)]
    [InlineData(Quintillion, -17, 1, 1, 0)]
    [InlineData(Quintillion, -17, -10, 0, 1)]
    [InlineData(-Quintillion, -17, -10, 0, 0)]
    [InlineData(Quintillion, -17, 1, 0, 1)]
    [InlineData(Quintillion + 1, -17, 1, 1, 1)]
    [InlineData(Quintillion - 1, -17, 1, 1, -1)]
    public void Compares_scaled_values_exactly(long a, int aScale, long b, int bScale, int expected)
    {
        var x = Quantity.FromScaled(a, aScale);
        var y = Quantity.FromScaled(b, bScale);

        Assert.Equal(expected, x.CompareTo(y));
        Assert.Equal(-expected, y.CompareTo(x));
    }

    [Fact]
    public void Treats_equal_values_in_different_formats_as_equal_with_equal_hashes()
    {
        var binary = Quantity.Parse("1Gi");
        var decimalValue = Quantity.Parse("1073741824");
        var exponent = Quantity.Parse("1.073741824e9");

        Assert.Equal(binary, decimalValue);
        Assert.Equal(binary, exponent);
        Assert.Equal(binary.GetHashCode(), decimalValue.GetHashCode());
        Assert.Equal(binary.GetHashCode(), exponent.GetHashCode());
        Assert.True(binary.Equals((object)exponent));
        Assert.NotEqual(binary.Format, decimalValue.Format);
    }

    [Fact]
    public void Orders_a_list_of_capacities_by_value()
    {
        var sizes = new[] { "1Gi", "500Mi", "1G", "2e9", "0", "1Ti" }.Select(Quantity.Parse).ToList();

        sizes.Sort();

        Assert.Equal(["0", "500Mi", "1G", "1Gi", "2e9", "1Ti"], sizes.Select(q => q.ToString()));
    }

    [Fact]
    public void Compares_mantissas_far_apart_in_exponent_without_building_huge_powers()
    {
        var many = Quantity.FromScaled(BigInteger.Pow(10, 200) + 1, -200);
        var one = Quantity.FromScaled(1, 0);

        Assert.True(many > one);
        Assert.True(Quantity.Parse("1e100000000") > Quantity.Parse("9e99999999"));
        Assert.True(Quantity.Parse("1e-100000000").IsZero == false);
    }
}
