using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stowage.Api.Patching;

/// <summary>
/// Value semantics for <see cref="JsonNode"/> trees as Kubernetes' Go code sees them: numbers compare
/// by value (1 == 1.0), objects ignore key order, and a total order exists for sorting field-path keys.
/// A C# null stands for JSON null throughout.
/// </summary>
internal static class JsonValues
{
    /// <summary>The JSON kind of a node, with C# null read as JSON null.</summary>
    public static JsonValueKind Kind(JsonNode? node) => node switch
    {
        null => JsonValueKind.Null,
        JsonObject => JsonValueKind.Object,
        JsonArray => JsonValueKind.Array,
        _ => node.GetValueKind(),
    };

    /// <summary>True for strings, numbers, booleans and null.</summary>
    public static bool IsScalar(JsonNode? node) => node is not JsonObject and not JsonArray;

    /// <summary>A detached deep copy (nodes can have only one parent).</summary>
    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    /// <summary>Deep equality: numbers by value, objects regardless of key order.</summary>
    public static bool Equal(JsonNode? a, JsonNode? b) => Compare(a, b) == 0;

    /// <summary>
    /// A total order over JSON values, the one structured-merge-diff uses (value.Compare):
    /// numbers &lt; strings &lt; booleans &lt; arrays &lt; objects &lt; null.
    /// </summary>
    public static int Compare(JsonNode? a, JsonNode? b)
    {
        var ra = Rank(a);
        var rb = Rank(b);
        if (ra != rb)
        {
            return ra.CompareTo(rb);
        }

        switch (ra)
        {
            case 0:
                return CompareNumbers(a!, b!);
            case 1:
                return string.CompareOrdinal(a!.GetValue<string>(), b!.GetValue<string>());
            case 2:
                return a!.GetValue<bool>().CompareTo(b!.GetValue<bool>());
            case 3:
                return CompareArrays((JsonArray)a!, (JsonArray)b!);
            case 4:
                return CompareObjects((JsonObject)a!, (JsonObject)b!);
            default:
                return 0;
        }
    }

    /// <summary>A hash consistent with <see cref="Equal"/>.</summary>
    public static int Hash(JsonNode? node)
    {
        switch (Kind(node))
        {
            case JsonValueKind.Number:
                return NumberValue(node!).GetHashCode();
            case JsonValueKind.String:
                return StringComparer.Ordinal.GetHashCode(node!.GetValue<string>());
            case JsonValueKind.True:
                return 1;
            case JsonValueKind.False:
                return 2;
            case JsonValueKind.Array:
                var h = new HashCode();
                foreach (var item in (JsonArray)node!)
                {
                    h.Add(Hash(item));
                }

                return h.ToHashCode();
            case JsonValueKind.Object:
                // Order-insensitive: XOR of the entries.
                var x = 17;
                foreach (var (key, value) in (JsonObject)node!)
                {
                    x ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), Hash(value));
                }

                return x;
            default:
                return 0;
        }
    }

    /// <summary>The numeric value of a JSON number, as a double (enough for ordering and hashing).</summary>
    public static double NumberValue(JsonNode node) =>
        double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>
    /// Serialises like Go's encoding/json does for map[string]interface{}: keys sorted, compact, and
    /// &lt; &gt; &amp; U+2028 U+2029 escaped. Used where Kubernetes stores JSON it encoded itself.
    /// </summary>
    public static string ToGoJson(JsonNode? node, bool sortKeys = true)
    {
        var sb = new StringBuilder();
        WriteGoJson(sb, node, sortKeys);
        return sb.ToString();
    }

    /// <summary>Appends a Go-encoded JSON value (see <see cref="ToGoJson"/>).</summary>
    public static void WriteGoJson(StringBuilder sb, JsonNode? node, bool sortKeys = true)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in sortKeys ? obj.OrderBy(p => p.Key, StringComparer.Ordinal) : obj.AsEnumerable())
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    WriteGoString(sb, key);
                    sb.Append(':');
                    WriteGoJson(sb, value, sortKeys);
                }

                sb.Append('}');
                break;
            case JsonArray arr:
                sb.Append('[');
                for (var i = 0; i < arr.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    WriteGoJson(sb, arr[i], sortKeys);
                }

                sb.Append(']');
                break;
            default:
                switch (node.GetValueKind())
                {
                    case JsonValueKind.String:
                        WriteGoString(sb, node.GetValue<string>());
                        break;
                    case JsonValueKind.Number:
                        sb.Append(GoNumber(node));
                        break;
                    default:
                        sb.Append(node.ToJsonString());
                        break;
                }

                break;
        }
    }

    /// <summary>Appends a JSON string literal escaped as Go's encoding/json does (HTML-safe).</summary>
    public static void WriteGoString(StringBuilder sb, string s)
    {
        const string hex = "0123456789abcdef";
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ':
                    sb.Append("\\u").Append(hex[c >> 12]).Append(hex[(c >> 8) & 0xF]).Append(hex[(c >> 4) & 0xF]).Append(hex[c & 0xF]);
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        sb.Append('"');
    }

    /// <summary>
    /// A number as Go's encoding/json writes it after decoding into interface{}: integers stay
    /// integers, other values go through float64 ('f' form, or 'e' form outside [1e-6, 1e21)).
    /// </summary>
    public static string GoNumber(JsonNode node)
    {
        var text = node.ToJsonString();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return text;
        }

        var d = NumberValue(node);
        var abs = Math.Abs(d);
        if (abs == 0 || (abs >= 1e-6 && abs < 1e21))
        {
            return d.ToString("0.#################", CultureInfo.InvariantCulture);
        }

        var r = d.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return r;
        }

        var exponent = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{r[..e]}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent)}");
    }

    private static int Rank(JsonNode? node) => Kind(node) switch
    {
        JsonValueKind.Number => 0,
        JsonValueKind.String => 1,
        JsonValueKind.True or JsonValueKind.False => 2,
        JsonValueKind.Array => 3,
        JsonValueKind.Object => 4,
        _ => 5,
    };

    private static int CompareNumbers(JsonNode a, JsonNode b)
    {
        var ta = a.ToJsonString();
        var tb = b.ToJsonString();
        if (decimal.TryParse(ta, NumberStyles.Float, CultureInfo.InvariantCulture, out var da)
            && decimal.TryParse(tb, NumberStyles.Float, CultureInfo.InvariantCulture, out var db))
        {
            return da.CompareTo(db);
        }

        return NumberValue(a).CompareTo(NumberValue(b));
    }

    private static int CompareArrays(JsonArray a, JsonArray b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var c = Compare(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    private static int CompareObjects(JsonObject a, JsonObject b)
    {
        // As structured-merge-diff's MapCompare: walk both key sets in sorted order.
        var ka = a.Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        var kb = b.Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < Math.Min(ka.Count, kb.Count); i++)
        {
            var c = string.CompareOrdinal(ka[i], kb[i]);
            if (c != 0)
            {
                return c;
            }

            c = Compare(a[ka[i]], b[kb[i]]);
            if (c != 0)
            {
                return c;
            }
        }

        return ka.Count.CompareTo(kb.Count);
    }
}
