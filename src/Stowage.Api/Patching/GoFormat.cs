using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stowage.Api.Patching;

/// <summary>
/// Formats JSON values the way Go's fmt prints the interface{} values encoding/json produces, so that
/// strategic merge patch errors read exactly like kube-apiserver's ("map: map[image:alpine] does not
/// contain declared merge key: name").
/// </summary>
internal static class GoFormat
{
    /// <summary>Go's %v of the decoded value.</summary>
    public static string Value(JsonNode? node)
    {
        var sb = new StringBuilder();
        Append(sb, node);
        return sb.ToString();
    }

    /// <summary>Go's reflect type name of the decoded value, as in mergepatch.ErrBadArgType.</summary>
    public static string TypeName(JsonNode? node) => JsonValues.Kind(node) switch
    {
        JsonValueKind.Object => "map[string]interface {}",
        JsonValueKind.Array => "[]interface {}",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "float64",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "<nil>",
    };

    private static void Append(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("<nil>");
                break;
            case JsonObject obj:
                sb.Append("map[");
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        sb.Append(' ');
                    }

                    first = false;
                    sb.Append(key).Append(':');
                    Append(sb, value);
                }

                sb.Append(']');
                break;
            case JsonArray arr:
                sb.Append('[');
                for (var i = 0; i < arr.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(' ');
                    }

                    Append(sb, arr[i]);
                }

                sb.Append(']');
                break;
            default:
                switch (node.GetValueKind())
                {
                    case JsonValueKind.String:
                        sb.Append(node.GetValue<string>());
                        break;
                    case JsonValueKind.Number:
                        sb.Append(Float(JsonValues.NumberValue(node)));
                        break;
                    default:
                        sb.Append(node.ToJsonString());
                        break;
                }

                break;
        }
    }

    /// <summary>
    /// Go's %v of a float64: the shortest digits that round-trip, in exponent form (two-digit
    /// exponent) when the exponent is below -4 or at least 6, as strconv's 'g' format decides.
    /// </summary>
    public static string Float(double d)
    {
        if (d == 0)
        {
            return "0";
        }

        // Shortest round-trip digits and the decimal exponent of the first digit.
        var r = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E', StringComparison.Ordinal);
        var exponentPart = e < 0 ? 0 : int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? r : r[..e];
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intDigits = point < 0 ? mantissa.Length : point;
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        if (digits.Length == 0)
        {
            return "0";
        }

        var exponent = intDigits - leadingZeros - 1 + exponentPart;
        var sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6)
        {
            var m = digits.Length > 1 ? digits[..1] + "." + digits[1..] : digits;
            return string.Create(CultureInfo.InvariantCulture, $"{sign}{m}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}");
        }

        if (exponent < 0)
        {
            return sign + "0." + new string('0', -exponent - 1) + digits;
        }

        var whole = digits.Length > exponent + 1 ? digits[..(exponent + 1)] : digits.PadRight(exponent + 1, '0');
        var fraction = digits.Length > exponent + 1 ? "." + digits[(exponent + 1)..] : "";
        return sign + whole + fraction;
    }
}
