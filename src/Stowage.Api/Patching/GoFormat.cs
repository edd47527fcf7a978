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

    // Go's %v for float64 is %g with the shortest representation: exponent form below 1e-4 or from 1e21.
    private static string Float(double d)
    {
        var abs = Math.Abs(d);
        if (abs == 0 || (abs >= 1e-4 && abs < 1e21))
        {
            return d.ToString("0.#################", CultureInfo.InvariantCulture);
        }

        var r = d.ToString("E", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E', StringComparison.Ordinal);
        var mantissa = d.ToString("R", CultureInfo.InvariantCulture);
        var m = mantissa.Contains('E', StringComparison.Ordinal) ? mantissa[..mantissa.IndexOf('E', StringComparison.Ordinal)] : r[..e].TrimEnd('0').TrimEnd('.');
        var exponent = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{m}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}");
    }
}
