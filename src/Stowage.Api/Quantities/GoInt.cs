using System.Globalization;

namespace Stowage.Api.Quantities;

/// <summary>Decimal integer parsing with Go's <c>strconv</c> rules and error words.</summary>
internal static class GoInt
{
    /// <summary>An optional sign then one or more ASCII digits, within int64.</summary>
    internal static bool TryParseInt64(string text, out long value, out string? error)
    {
        value = 0;
        int start = text.Length > 0 && (text[0] == '+' || text[0] == '-') ? 1 : 0;
        if (text.Length == start || text.AsSpan(start).ContainsAnyExceptInRange('0', '9'))
        {
            error = "invalid syntax";
            return false;
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            error = "value out of range";
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>An optional sign then one or more ASCII digits, within int32.</summary>
    internal static bool TryParseInt32(string text, out int value)
    {
        value = 0;
        if (!TryParseInt64(text, out long wide, out _) || wide < int.MinValue || wide > int.MaxValue)
        {
            return false;
        }
        value = (int)wide;
        return true;
    }
}
