using System.Globalization;
using System.Numerics;

namespace Stowage.Api.Quantities;

/// <summary>
/// Exact arithmetic on decimals written as <c>mantissa × 10^exponent</c> with a
/// <see cref="BigInteger"/> mantissa. Nothing here ever goes through a floating point type.
/// </summary>
/// <remarks>
/// Exponents can be as large as ±2^31 (a quantity may be written <c>1e2147483647</c>), so no
/// operation may materialise <c>10^exponent</c> unless the result is bounded: comparisons use digit
/// counts first, and operations that would need more than <see cref="MaxMaterializedDigits"/>
/// digits throw <see cref="OverflowException"/> instead of exhausting memory.
/// </remarks>
internal static class DecimalMath
{
    /// <summary>The most decimal digits an intermediate result may be given (about 41 KiB of mantissa).</summary>
    internal const int MaxMaterializedDigits = 100_000;

    private static readonly BigInteger[] SmallPowers = CreateSmallPowers();

    private static BigInteger[] CreateSmallPowers()
    {
        var powers = new BigInteger[64];
        powers[0] = BigInteger.One;
        for (int i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }

    /// <summary>10^exponent for 0 ≤ exponent ≤ <see cref="MaxMaterializedDigits"/>.</summary>
    internal static BigInteger Pow10(long exponent)
    {
        if (exponent < 0 || exponent > MaxMaterializedDigits)
        {
            throw new OverflowException($"quantity arithmetic would need 10^{exponent}, more than {MaxMaterializedDigits} digits");
        }
        return exponent < SmallPowers.Length ? SmallPowers[exponent] : BigInteger.Pow(10, (int)exponent);
    }

    // Below this many digits the runtime's formatter is fast enough; above it, it is quadratic,
    // so FormatDigits splits the number in halves instead.
    private const int DirectConversionDigits = 1_000;

    /// <summary>
    /// The decimal digits of a value, with a leading '-' when negative. Splits long numbers in
    /// halves, because the runtime's formatter is quadratic.
    /// </summary>
    internal static string FormatDigits(BigInteger value)
    {
        if (value.Sign < 0)
        {
            return "-" + FormatDigits(BigInteger.Negate(value));
        }
        if (value.GetBitLength() <= DirectConversionDigits * 3)
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }
        int low = DigitCount(value) / 2;
        var high = BigInteger.DivRem(value, BigInteger.Pow(10, low), out var remainder);
        return FormatDigits(high) + FormatDigits(remainder).PadLeft(low, '0');
    }

    /// <summary>The number of decimal digits of a non-zero magnitude.</summary>
    internal static int DigitCount(BigInteger value)
    {
        var magnitude = BigInteger.Abs(value);
        if (magnitude.IsZero)
        {
            return 1;
        }
        // 2^(bits-1) ≤ magnitude, so it has at least floor((bits-1)·log10(2)) + 1 digits;
        // 30103/100000 is just below log10(2), which keeps the estimate a lower bound.
        long bits = (long)magnitude.GetBitLength();
        int digits = (int)((bits - 1) * 30103 / 100000) + 1;
        // Not Pow10: a mantissa may legitimately have more digits than arithmetic may create.
        var power = digits < SmallPowers.Length ? SmallPowers[digits] : BigInteger.Pow(10, digits);
        while (magnitude >= power)
        {
            digits++;
            power *= 10;
        }
        return digits;
    }

    /// <summary>
    /// Moves trailing decimal zeros of the mantissa into the exponent, so every value has exactly
    /// one representation (zero is <c>(0, 0)</c>).
    /// </summary>
    internal static (BigInteger Mantissa, long Exponent) Normalize(BigInteger mantissa, long exponent)
    {
        if (mantissa.IsZero)
        {
            return (BigInteger.Zero, 0);
        }
        var chunk = SmallPowers[16];
        while (true)
        {
            var quotient = BigInteger.DivRem(mantissa, chunk, out var remainder);
            if (!remainder.IsZero)
            {
                break;
            }
            mantissa = quotient;
            exponent += 16;
        }
        while (true)
        {
            var quotient = BigInteger.DivRem(mantissa, SmallPowers[1], out var remainder);
            if (!remainder.IsZero)
            {
                break;
            }
            mantissa = quotient;
            exponent++;
        }
        return (mantissa, exponent);
    }

    /// <summary>Compares <c>am × 10^ae</c> with <c>bm × 10^be</c> exactly; returns -1, 0 or 1.</summary>
    internal static int Compare(BigInteger am, long ae, BigInteger bm, long be)
    {
        int sa = am.Sign, sb = bm.Sign;
        if (sa != sb)
        {
            return sa < sb ? -1 : 1;
        }
        if (sa == 0)
        {
            return 0;
        }
        if (ae == be)
        {
            return Math.Sign(am.CompareTo(bm));
        }
        long gap = ae - be;
        if (gap > 64 || gap < -64)
        {
            // The orders of magnitude usually settle it without building a huge power of ten;
            // when they tie, the exponent gap is bounded by the mantissas' digit counts.
            long orderA = DigitCount(am) + ae;
            long orderB = DigitCount(bm) + be;
            if (orderA != orderB)
            {
                return orderA > orderB ? sa : -sa;
            }
        }
        return gap > 0
            ? Math.Sign((am * Pow10(gap)).CompareTo(bm))
            : Math.Sign(am.CompareTo(bm * Pow10(-gap)));
    }

    /// <summary>
    /// Rounds <c>mantissa × 10^exponent</c> away from zero to a multiple of <c>10^scale</c>,
    /// returning the new mantissa (at exponent <paramref name="scale"/>) and whether it was exact.
    /// Requires <paramref name="exponent"/> &lt; <paramref name="scale"/>.
    /// </summary>
    internal static (BigInteger Mantissa, bool Exact) RoundAwayFromZero(BigInteger mantissa, long exponent, long scale)
    {
        long shift = scale - exponent;
        if (mantissa.IsZero)
        {
            return (BigInteger.Zero, true);
        }
        if (shift > DigitCount(mantissa))
        {
            // |value| < 10^(scale-1): the result is one unit of 10^scale.
            return (mantissa.Sign, false);
        }
        var quotient = BigInteger.DivRem(mantissa, Pow10(shift), out var remainder);
        if (remainder.IsZero)
        {
            return (quotient, true);
        }
        return (quotient + mantissa.Sign, false);
    }

    /// <summary>Counts the factors of two in a non-zero value.</summary>
    internal static long TrailingZeroBits(BigInteger value) =>
        (long)BigInteger.TrailingZeroCount(BigInteger.Abs(value));
}
