using System.Numerics;
using System.Text.Json.Serialization;

namespace Stowage.Api.Quantities;

/// <summary>
/// A Kubernetes resource quantity ("1Gi", "500m", "1e3"): an exact decimal with a remembered
/// format family, serialised in Kubernetes' canonical form (<c>resource.Quantity</c>).
/// </summary>
/// <remarks>
/// <para>Invariant: the value is <c>_mantissa × 10^_exponent</c> with the mantissa normalised (no
/// trailing decimal zeros; zero is <c>(0, 0)</c>), so equal values have equal fields and
/// equality, hashing and ordering ignore the format. Arithmetic is exact and never overflows
/// silently; no floating point type is involved anywhere.</para>
/// <para><c>default(Quantity)</c> is zero in DecimalSI, like Kubernetes' zero value.</para>
/// </remarks>
[JsonConverter(typeof(QuantityJsonConverter))]
public readonly struct Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    private readonly BigInteger _mantissa;
    private readonly long _exponent;
    private readonly QuantityFormat _format;

    // The input string, kept when Kubernetes would echo it unchanged (see QuantityParser).
    private readonly string? _text;

    internal Quantity(BigInteger mantissa, long exponent, QuantityFormat format, string? text)
    {
        (_mantissa, _exponent) = DecimalMath.Normalize(mantissa, exponent);
        _format = format;
        _text = text;
    }

    /// <summary>Zero (DecimalSI), serialised as <c>0</c>.</summary>
    public static Quantity Zero => default;

    /// <summary>The format family used when serialising.</summary>
    public QuantityFormat Format => _format;

    /// <summary>-1, 0 or 1.</summary>
    public int Sign => _mantissa.Sign;

    /// <summary>True when the value is zero.</summary>
    public bool IsZero => _mantissa.IsZero;

    /// <summary>
    /// The value rounded up to a whole number, away from zero (Kubernetes' <c>Value()</c>);
    /// saturates at <see cref="long.MinValue"/>/<see cref="long.MaxValue"/>.
    /// </summary>
    public long Value => ScaledValue(0);

    /// <summary>The value in thousandths, rounded away from zero (<c>MilliValue()</c>); saturates.</summary>
    public long MilliValue => ScaledValue(-3);

    /// <summary>Parses a quantity; throws <see cref="FormatException"/> with Kubernetes' message.</summary>
    public static Quantity Parse(string text) =>
        TryParse(text, out var quantity, out var error) ? quantity : throw new FormatException(error);

    /// <summary>Parses a quantity; on failure <paramref name="error"/> holds Kubernetes' message.</summary>
    public static bool TryParse(string? text, out Quantity quantity, out string? error) =>
        QuantityParser.TryParse(text, out quantity, out error);

    /// <summary>An integer quantity (Kubernetes' <c>NewQuantity</c>).</summary>
    public static Quantity FromInt64(long value, QuantityFormat format = QuantityFormat.DecimalSI) =>
        new(value, 0, format, text: null);

    /// <summary>A quantity of <paramref name="milliValue"/>/1000 (Kubernetes' <c>NewMilliQuantity</c>).</summary>
    public static Quantity FromMilli(long milliValue, QuantityFormat format = QuantityFormat.DecimalSI) =>
        new(milliValue, -3, format, text: null);

    /// <summary>
    /// <c>unscaled × 10^scale</c> exactly, in the given format (Kubernetes' <c>NewScaledQuantity</c>
    /// and <c>NewDecimalQuantity</c>). No nano rounding is applied.
    /// </summary>
    public static Quantity FromScaled(BigInteger unscaled, int scale, QuantityFormat format = QuantityFormat.DecimalSI) =>
        new(unscaled, scale, format, text: null);

    /// <summary>A byte count, written with binary suffixes (<c>1073741824</c> → <c>1Gi</c>).</summary>
    public static Quantity FromBytes(long bytes) => FromInt64(bytes, QuantityFormat.BinarySI);

    /// <summary>
    /// The value rounded away from zero to a whole number of <c>10^scale</c> units
    /// (Kubernetes' <c>ScaledValue</c>); saturates instead of overflowing.
    /// </summary>
    public long ScaledValue(int scale)
    {
        if (IsZero)
        {
            return 0;
        }
        BigInteger units;
        long shift = _exponent - scale;
        if (shift >= 0)
        {
            // A non-zero mantissa times 10^19 is already beyond long.
            if (shift >= 19)
            {
                return Sign > 0 ? long.MaxValue : long.MinValue;
            }
            units = _mantissa * DecimalMath.Pow10(shift);
        }
        else
        {
            (units, _) = DecimalMath.RoundAwayFromZero(_mantissa, _exponent, scale);
        }
        return units > long.MaxValue ? long.MaxValue : units < long.MinValue ? long.MinValue : (long)units;
    }

    /// <summary>The exact value as a whole number, when it is one and fits a <see cref="long"/>.</summary>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (IsZero)
        {
            return true;
        }
        if (_exponent < 0 || _exponent > 18)
        {
            return false;
        }
        var whole = _mantissa * DecimalMath.Pow10(_exponent);
        if (whole > long.MaxValue || whole < long.MinValue)
        {
            return false;
        }
        value = (long)whole;
        return true;
    }

    /// <summary>The sum; a zero receiver takes the other operand's format (Kubernetes' <c>Add</c>).</summary>
    /// <exception cref="OverflowException">The exponents are too far apart to add exactly.</exception>
    public Quantity Add(Quantity other)
    {
        var format = IsZero ? other._format : _format;
        if (other.IsZero)
        {
            return new Quantity(_mantissa, _exponent, format, text: null);
        }
        if (IsZero)
        {
            return new Quantity(other._mantissa, other._exponent, format, text: null);
        }
        long exponent = Math.Min(_exponent, other._exponent);
        var left = _mantissa * DecimalMath.Pow10(_exponent - exponent);
        var right = other._mantissa * DecimalMath.Pow10(other._exponent - exponent);
        return new Quantity(left + right, exponent, format, text: null);
    }

    /// <summary>The difference; a zero receiver takes the other operand's format (<c>Sub</c>).</summary>
    /// <exception cref="OverflowException">The exponents are too far apart to subtract exactly.</exception>
    public Quantity Subtract(Quantity other) => Add(other.Negate());

    /// <summary>The negated value, same format (<c>Neg</c>).</summary>
    public Quantity Negate() => new(-_mantissa, _exponent, _format, text: null);

    /// <summary>The exact product with an integer, same format (<c>Mul</c>).</summary>
    public Quantity Multiply(long factor) => new(_mantissa * factor, _exponent, _format, text: null);

    /// <summary>
    /// The value rounded away from zero to a multiple of <c>10^scale</c> (Kubernetes' <c>RoundUp</c>);
    /// <paramref name="exact"/> tells whether no precision was lost.
    /// </summary>
    public Quantity RoundUp(int scale, out bool exact)
    {
        exact = true;
        if (_exponent >= scale || IsZero)
        {
            return this;
        }
        (var mantissa, exact) = DecimalMath.RoundAwayFromZero(_mantissa, _exponent, scale);
        return new Quantity(mantissa, scale, _format, text: null);
    }

    /// <summary>The same value, serialised in another format family.</summary>
    public Quantity WithFormat(QuantityFormat format) => new(_mantissa, _exponent, format, text: null);

    /// <summary>The exact value as a plain decimal number, e.g. <c>1073741824</c> or <c>-0.5</c>.</summary>
    /// <exception cref="OverflowException">The value has more digits than can be written out.</exception>
    public string ToDecimalString()
    {
        if (_exponent >= 0)
        {
            return DecimalMath.FormatDigits(_mantissa * DecimalMath.Pow10(_exponent));
        }
        var quotient = BigInteger.DivRem(BigInteger.Abs(_mantissa), DecimalMath.Pow10(-_exponent), out var remainder);
        string fraction = DecimalMath.FormatDigits(remainder).PadLeft((int)-_exponent, '0');
        string sign = Sign < 0 ? "-" : "";
        return sign + DecimalMath.FormatDigits(quotient) + "." + fraction;
    }

    /// <summary>The canonical form, or the input itself when Kubernetes would keep it.</summary>
    public override string ToString() => _text ?? QuantityFormatter.Canonical(_mantissa, _exponent, _format);

    /// <inheritdoc/>
    public int CompareTo(Quantity other) => DecimalMath.Compare(_mantissa, _exponent, other._mantissa, other._exponent);

    /// <summary>Value equality: <c>1Gi</c> equals <c>1024Mi</c>; the format is not compared.</summary>
    public bool Equals(Quantity other) => _exponent == other._exponent && _mantissa == other._mantissa;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Quantity other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_mantissa, _exponent);

    /// <summary>Value equality.</summary>
    public static bool operator ==(Quantity left, Quantity right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Quantity left, Quantity right) => !left.Equals(right);

    /// <summary>Exact ordering.</summary>
    public static bool operator <(Quantity left, Quantity right) => left.CompareTo(right) < 0;

    /// <summary>Exact ordering.</summary>
    public static bool operator >(Quantity left, Quantity right) => left.CompareTo(right) > 0;

    /// <summary>Exact ordering.</summary>
    public static bool operator <=(Quantity left, Quantity right) => left.CompareTo(right) <= 0;

    /// <summary>Exact ordering.</summary>
    public static bool operator >=(Quantity left, Quantity right) => left.CompareTo(right) >= 0;

    /// <summary>The exact sum (see <see cref="Add"/>).</summary>
    public static Quantity operator +(Quantity left, Quantity right) => left.Add(right);

    /// <summary>The exact difference (see <see cref="Subtract"/>).</summary>
    public static Quantity operator -(Quantity left, Quantity right) => left.Subtract(right);

    /// <summary>The negated value (see <see cref="Negate"/>).</summary>
    public static Quantity operator -(Quantity value) => value.Negate();
}
