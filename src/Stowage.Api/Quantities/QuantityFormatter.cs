using System.Globalization;
using System.Numerics;

namespace Stowage.Api.Quantities;

/// <summary>
/// Produces Kubernetes' canonical form of a quantity: no fractional digits, the largest suffix of
/// the remembered family that represents the value exactly, and a sign only when negative.
/// </summary>
/// <remarks>
/// BinarySI values below 1024 in magnitude, or not whole, are written as DecimalSI (so <c>0.5Ki</c>
/// is <c>512</c> and <c>1.5Ki</c> is <c>1536</c>). DecimalSI has no suffix beyond <c>E</c> or below
/// <c>n</c>, and BinarySI none beyond <c>Ei</c>: such values fall back to exponent notation
/// (<c>1e21</c>, <c>10e69</c>) rather than losing their magnitude, as current Kubernetes does.
/// </remarks>
internal static class QuantityFormatter
{
    private static readonly string[] BinarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    private static readonly BigInteger BinaryThreshold = 1024;

    /// <summary>The canonical string of a normalised <c>mantissa × 10^exponent</c>.</summary>
    internal static string Canonical(BigInteger mantissa, long exponent, QuantityFormat format)
    {
        if (mantissa.IsZero)
        {
            return "0";
        }

        if (format == QuantityFormat.BinarySI)
        {
            if (DecimalMath.Compare(BigInteger.Abs(mantissa), exponent, BinaryThreshold, 0) < 0 || exponent < 0)
            {
                // Small or fractional: exact in DecimalSI, which avoids rounding.
                format = QuantityFormat.DecimalSI;
            }
            else
            {
                // value = mantissa × 2^exponent × 5^exponent; each 1024 takes ten factors of two.
                long powerOf1024 = (exponent + DecimalMath.TrailingZeroBits(mantissa)) / 10;
                if (powerOf1024 < BinarySuffixes.Length)
                {
                    var whole = mantissa * DecimalMath.Pow10(exponent);
                    var digits = whole / BigInteger.Pow(BinaryThreshold, (int)powerOf1024);
                    return DecimalMath.FormatDigits(digits) + BinarySuffixes[powerOf1024];
                }
                format = QuantityFormat.DecimalExponent;
            }
        }

        // Make the exponent a multiple of three by moving digits into the mantissa.
        switch (((exponent % 3) + 3) % 3)
        {
            case 1:
                mantissa *= 10;
                exponent -= 1;
                break;
            case 2:
                mantissa *= 100;
                exponent -= 2;
                break;
        }
        string number = DecimalMath.FormatDigits(mantissa);

        if (format == QuantityFormat.DecimalSI)
        {
            string? suffix = exponent switch
            {
                -9 => "n",
                -6 => "u",
                -3 => "m",
                0 => "",
                3 => "k",
                6 => "M",
                9 => "G",
                12 => "T",
                15 => "P",
                18 => "E",
                _ => null,
            };
            if (suffix is not null)
            {
                return number + suffix;
            }
        }
        return exponent == 0 ? number : number + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }
}
