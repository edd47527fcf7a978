using System.Globalization;
using System.Text.Json.Serialization;

namespace Stowage.Api.Quantities;

/// <summary>
/// A value that is either an int32 or a string, serialised as the bare JSON number or string
/// (Kubernetes' <c>intstr.IntOrString</c>). <c>default</c> is the integer zero.
/// </summary>
[JsonConverter(typeof(IntOrStringJsonConverter))]
public readonly record struct IntOrString
{
    private readonly string? _string;

    private IntOrString(IntOrStringType type, int intValue, string? stringValue)
    {
        Type = type;
        IntValue = intValue;
        _string = stringValue;
    }

    /// <summary>Which member is set.</summary>
    public IntOrStringType Type { get; }

    /// <summary>The integer; zero when <see cref="Type"/> is <see cref="IntOrStringType.String"/>.</summary>
    public int IntValue { get; }

    /// <summary>The string; empty when <see cref="Type"/> is <see cref="IntOrStringType.Int"/>.</summary>
    public string StringValue => _string ?? "";

    /// <summary>An integer value.</summary>
    public static IntOrString FromInt32(int value) => new(IntOrStringType.Int, value, null);

    /// <summary>A string value.</summary>
    public static IntOrString FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(IntOrStringType.String, 0, value);
    }

    /// <summary>An integer when the text is an int32 in decimal, otherwise the text (Kubernetes' <c>Parse</c>).</summary>
    public static IntOrString Parse(string value) =>
        GoInt.TryParseInt32(value, out int number) ? FromInt32(number) : FromString(value);

    /// <summary>An integer value.</summary>
    public static implicit operator IntOrString(int value) => FromInt32(value);

    /// <summary>A string value.</summary>
    public static implicit operator IntOrString(string value) => FromString(value);

    /// <summary>
    /// Resolves an integer or a percentage of <paramref name="total"/>, rounding the percentage up
    /// or down (Kubernetes' <c>GetScaledValueFromIntOrPercent</c>). A string without a trailing
    /// <c>%</c> is an error. The arithmetic is exact; results beyond int32 saturate.
    /// </summary>
    public bool TryGetScaledValue(int total, bool roundUp, out int value, out string? error)
    {
        value = 0;
        error = null;
        if (Type == IntOrStringType.Int)
        {
            value = IntValue;
            return true;
        }
        if (!StringValue.EndsWith('%'))
        {
            error = "invalid value for IntOrString: invalid type: string is not a percentage";
            return false;
        }
        string number = StringValue[..^1];
        if (!GoInt.TryParseInt64(number, out long percent, out string? parseError))
        {
            error = $"invalid value for IntOrString: invalid value \"{StringValue}\": strconv.Atoi: parsing \"{number}\": {parseError}";
            return false;
        }
        Int128 scaled = (Int128)percent * total;
        Int128 quotient = Int128.DivRem(scaled, 100).Quotient;
        Int128 remainder = scaled - (quotient * 100);
        if (remainder != 0 && roundUp && scaled > 0)
        {
            quotient++;
        }
        else if (remainder != 0 && !roundUp && scaled < 0)
        {
            quotient--;
        }
        value = quotient > int.MaxValue ? int.MaxValue : quotient < int.MinValue ? int.MinValue : (int)quotient;
        return true;
    }

    /// <summary>The string, or the integer in decimal.</summary>
    public override string ToString() =>
        Type == IntOrStringType.String ? StringValue : IntValue.ToString(CultureInfo.InvariantCulture);
}
