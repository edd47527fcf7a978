using System.Globalization;
using System.Numerics;

namespace Stowage.Api.Quantities;

/// <summary>
/// Parses the quantity grammar exactly as Kubernetes' <c>resource.ParseQuantity</c> does,
/// including its quirks, because the canonical string a client reads back depends on them.
/// </summary>
/// <remarks>
/// <para>Grammar: <c>&lt;sign&gt;? &lt;digits&gt;? ( "." &lt;digits&gt;? )? &lt;suffix&gt;</c>, where the suffix is
/// a decimal SI suffix, a binary SI suffix, or <c>e</c>/<c>E</c> followed by a signed integer within
/// ±(2^31−1). A lone sign or dot is zero, as in Kubernetes.</para>
/// <para>Values are exact. Non-zero values finer than 10^-9 are rounded up in magnitude to the next
/// nano unit. Binary-suffixed values above 2^63−1 are capped there; a binary-suffixed value strictly
/// between 0 and 1 becomes DecimalSI.</para>
/// <para>Kubernetes keeps the input string as the serialised form when its fast path sees the input
/// as canonical. That check looks only at the digits, so it also keeps an explicit <c>+</c>, leading
/// zeros, and spellings such as <c>1.500k</c>; reproducing it keeps our output byte-identical.</para>
/// </remarks>
internal static class QuantityParser
{
    internal const string FormatWrongMessage =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    internal const string NumericMessage = "unable to parse numeric part of quantity";

    internal const string SuffixMessage = "unable to parse quantity's suffix";

    /// <summary>Kubernetes' int64 fast path handles at most this many significant digits.</summary>
    private const int MaxFastPathDigits = 18;

    private const long NanoExponent = -9;

    private const string SuffixLetters = "eEinumkKMGTP";

    private static readonly BigInteger MaxBinaryValue = long.MaxValue;

    internal static bool TryParse(string? text, out Quantity quantity, out string? error)
    {
        quantity = default;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            error = FormatWrongMessage;
            return false;
        }
        if (text == "0")
        {
            quantity = new Quantity(BigInteger.Zero, 0, QuantityFormat.DecimalSI, text);
            return true;
        }
        if (!TryScan(text, out var positive, out var number, out var whole, out var fraction, out var suffix))
        {
            error = FormatWrongMessage;
            return false;
        }
        if (!TryInterpretSuffix(suffix, out bool binary, out long exponent, out var format))
        {
            error = SuffixMessage;
            return false;
        }
        if (TryFastPath(text, positive, whole, fraction, binary, exponent, format, out quantity))
        {
            return true;
        }
        return TrySlowPath(number, binary, exponent, format, out quantity, out error);
    }

    /// <summary>
    /// Splits the text into sign, number (sign and digits as written), whole digits (leading zeros
    /// removed, "0" when none), fraction digits and suffix. Mirrors Kubernetes' scanner.
    /// </summary>
    private static bool TryScan(
        string text, out bool positive, out string number, out string whole, out string fraction, out string suffix)
    {
        positive = true;
        number = "";
        whole = "";
        fraction = "";
        suffix = "";
        int pos = 0;
        int end = text.Length;

        if (text[0] == '-')
        {
            positive = false;
            pos++;
        }
        else if (text[0] == '+')
        {
            pos++;
        }

        while (pos < end && text[pos] == '0')
        {
            pos++;
        }
        if (pos >= end)
        {
            whole = "0";
            number = "0";
            return true;
        }

        int start = pos;
        while (pos < end && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }
        whole = text[start..pos];
        if (pos >= end)
        {
            number = text;
            return true;
        }
        if (whole.Length == 0)
        {
            whole = "0";
        }

        if (text[pos] == '.')
        {
            pos++;
            start = pos;
            while (pos < end && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }
            fraction = text[start..pos];
            if (pos >= end)
            {
                number = text;
                return true;
            }
        }
        number = text[..pos];

        int suffixStart = pos;
        while (pos < end && SuffixLetters.Contains(text[pos], StringComparison.Ordinal))
        {
            pos++;
        }
        if (pos < end && (text[pos] == '-' || text[pos] == '+'))
        {
            pos++;
        }
        while (pos < end && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }
        if (pos < end)
        {
            return false;
        }
        suffix = text[suffixStart..];
        return true;
    }

    /// <summary>
    /// Maps a suffix to its base (binary or decimal), exponent and format. Suffixes are
    /// case-sensitive: <c>K</c>, <c>gi</c> and <c>KB</c> are errors, <c>E</c> is exa and
    /// <c>E3</c> is an exponent.
    /// </summary>
    private static bool TryInterpretSuffix(string suffix, out bool binary, out long exponent, out QuantityFormat format)
    {
        binary = false;
        format = QuantityFormat.DecimalSI;
        exponent = suffix switch
        {
            "" => 0,
            "n" => -9,
            "u" => -6,
            "m" => -3,
            "k" => 3,
            "M" => 6,
            "G" => 9,
            "T" => 12,
            "P" => 15,
            "E" => 18,
            _ => long.MinValue,
        };
        if (exponent != long.MinValue)
        {
            return true;
        }

        exponent = suffix switch
        {
            "Ki" => 10,
            "Mi" => 20,
            "Gi" => 30,
            "Ti" => 40,
            "Pi" => 50,
            "Ei" => 60,
            _ => long.MinValue,
        };
        if (exponent != long.MinValue)
        {
            binary = true;
            format = QuantityFormat.BinarySI;
            return true;
        }

        format = QuantityFormat.DecimalExponent;
        if (suffix.Length > 1 && (suffix[0] == 'e' || suffix[0] == 'E')
            && long.TryParse(suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)
            && exponent >= -int.MaxValue && exponent <= int.MaxValue)
        {
            return true;
        }
        exponent = 0;
        return false;
    }

    /// <summary>
    /// Kubernetes' int64 fast path: short inputs at nano precision or coarser. Only this path
    /// keeps the input string, under the same digit-based test Kubernetes applies.
    /// </summary>
    private static bool TryFastPath(
        string text, bool positive, string whole, string fraction, bool binary, long exponent, QuantityFormat format,
        out Quantity quantity)
    {
        quantity = default;
        long scale;
        long multiplier = 1;
        int precision;
        if (!binary)
        {
            scale = exponent;
            precision = MaxFastPathDigits - (whole.Length + fraction.Length);
        }
        else if (fraction.Length == 0)
        {
            scale = 0;
            multiplier = 1L << (int)exponent;
            // Mirrors Kubernetes' estimate of the decimal digits a binary suffix adds.
            precision = 15 - whole.Length - (int)(exponent * 3 / 10) - 1;
        }
        else
        {
            return false;
        }
        if (precision < 0)
        {
            return false;
        }

        scale -= fraction.Length;
        if (scale < NanoExponent)
        {
            return false;
        }
        string shifted = whole + fraction;
        long digits = long.Parse(shifted, NumberStyles.None, CultureInfo.InvariantCulture);
        long product;
        try
        {
            product = checked(digits * multiplier);
        }
        catch (OverflowException)
        {
            return false;
        }

        bool canonical = binary
            ? (digits & 0x07) != 0
            : scale % 3 == 0 && !shifted.EndsWith("000", StringComparison.Ordinal) && shifted[0] != '0';
        quantity = new Quantity(positive ? product : -product, scale, format, canonical ? text : null);
        return true;
    }

    /// <summary>The exact path for everything else: rounds to nano, caps binary values.</summary>
    private static bool TrySlowPath(
        string number, bool binary, long exponent, QuantityFormat format, out Quantity quantity, out string? error)
    {
        quantity = default;
        error = null;

        var span = number.AsSpan();
        bool negative = false;
        if (span.Length > 0 && (span[0] == '-' || span[0] == '+'))
        {
            negative = span[0] == '-';
            span = span[1..];
        }
        int dot = span.IndexOf('.');
        var wholeDigits = dot < 0 ? span : span[..dot];
        var fractionDigits = dot < 0 ? ReadOnlySpan<char>.Empty : span[(dot + 1)..];
        if (wholeDigits.Length + fractionDigits.Length == 0)
        {
            error = NumericMessage;
            return false;
        }

        // Move trailing zeros into the scale before parsing: normalising them away afterwards
        // costs quadratic time, and a request body can hold a million of them.
        string digits = string.Concat(wholeDigits, fractionDigits);
        string significant = digits.TrimEnd('0');
        long scale = -fractionDigits.Length + (digits.Length - significant.Length);
        var magnitude = significant.Length == 0
            ? BigInteger.Zero
            : BigInteger.Parse(significant, NumberStyles.None, CultureInfo.InvariantCulture);
        if (binary)
        {
            magnitude <<= (int)exponent;
        }
        else
        {
            scale += exponent;
        }

        if (!magnitude.IsZero && scale < NanoExponent)
        {
            // If you ask for some of a resource you get some: round up, never to zero.
            (magnitude, _) = DecimalMath.RoundAwayFromZero(magnitude, scale, NanoExponent);
            scale = NanoExponent;
        }
        if (binary && DecimalMath.Compare(magnitude, scale, MaxBinaryValue, 0) > 0)
        {
            magnitude = MaxBinaryValue;
            scale = 0;
        }
        if (binary && !magnitude.IsZero && DecimalMath.Compare(magnitude, scale, BigInteger.One, 0) < 0)
        {
            format = QuantityFormat.DecimalSI;
        }

        quantity = new Quantity(negative ? -magnitude : magnitude, scale, format, text: null);
        return true;
    }
}
