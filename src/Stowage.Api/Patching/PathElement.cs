using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stowage.Api.Patching;

/// <summary>
/// One step of a managed-fields path (structured-merge-diff's fieldpath.PathElement). Immutable;
/// ordered as structured-merge-diff orders them, which fixes the key order of serialised fieldsV1.
/// </summary>
public sealed class PathElement : IEquatable<PathElement>, IComparable<PathElement>
{
    private static readonly IReadOnlyList<KeyValuePair<string, JsonNode?>> NoKey = [];

    private string? _serialized; // the fieldsV1 form, once: elements are immutable

    private PathElement(PathElementKind kind, string? name, IReadOnlyList<KeyValuePair<string, JsonNode?>> key, JsonNode? value, int index)
    {
        Kind = kind;
        Name = name;
        Key = key;
        Value = value;
        Index = index;
    }

    /// <summary>Which kind of step this is.</summary>
    public PathElementKind Kind { get; }

    /// <summary>The field name, for <see cref="PathElementKind.Field"/>.</summary>
    public string? Name { get; }

    /// <summary>The key fields sorted by name, for <see cref="PathElementKind.Key"/>; empty otherwise.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode?>> Key { get; }

    /// <summary>The item value, for <see cref="PathElementKind.Value"/> (detached; do not attach to a tree).</summary>
    public JsonNode? Value { get; }

    /// <summary>The position, for <see cref="PathElementKind.Index"/>.</summary>
    public int Index { get; }

    /// <summary>A named field or map key.</summary>
    public static PathElement ForField(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new(PathElementKind.Field, name, NoKey, null, 0);
    }

    /// <summary>A map-list item identified by its key fields (sorted here by name).</summary>
    public static PathElement ForKey(IEnumerable<KeyValuePair<string, JsonNode?>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var sorted = fields
            .Select(f => new KeyValuePair<string, JsonNode?>(f.Key, JsonValues.Clone(f.Value)))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToList();
        return new(PathElementKind.Key, null, sorted, null, 0);
    }

    /// <summary>A set-list item identified by its value.</summary>
    public static PathElement ForValue(JsonNode? value) =>
        new(PathElementKind.Value, null, NoKey, JsonValues.Clone(value), 0);

    /// <summary>A list item identified by position.</summary>
    public static PathElement ForIndex(int index) => new(PathElementKind.Index, null, NoKey, null, index);

    /// <summary>
    /// Parses the fieldsV1 form (<c>f:name</c>, <c>k:{...}</c>, <c>v:...</c>, <c>i:0</c>). Returns null
    /// for a well-formed element of an unknown kind, which structured-merge-diff skips.
    /// </summary>
    /// <exception cref="FormatException">The text is not a path element.</exception>
    public static PathElement? Deserialize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < 2)
        {
            throw new FormatException("key must be 2 characters long:");
        }

        if (text[1] != ':')
        {
            throw new FormatException($"missing colon: {text}");
        }

        var body = text[2..];
        switch (text[0])
        {
            case 'f':
                return ForField(body);
            case 'v':
                return ForValue(ParseJson(body));
            case 'k':
                if (ParseJson(body) is not JsonObject fields)
                {
                    throw new FormatException($"key element is not an object: {text}");
                }

                return ForKey(fields.Select(f => new KeyValuePair<string, JsonNode?>(f.Key, f.Value)));
            case 'i':
                if (!int.TryParse(body, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
                {
                    throw new FormatException($"strconv.Atoi: parsing \"{body}\": invalid syntax");
                }

                return ForIndex(index);
            default:
                return null;
        }
    }

    /// <summary>The fieldsV1 form: <c>f:name</c>, <c>k:{"name":"c1"}</c>, <c>v:"x"</c> or <c>i:0</c>.</summary>
    public string Serialize() => _serialized ??= Write();

    private string Write()
    {
        var sb = new StringBuilder();
        switch (Kind)
        {
            case PathElementKind.Field:
                sb.Append("f:").Append(Name);
                break;
            case PathElementKind.Key:
                sb.Append("k:{");
                for (var i = 0; i < Key.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    JsonValues.WriteGoString(sb, Key[i].Key);
                    sb.Append(':');
                    JsonValues.WriteGoJson(sb, Key[i].Value);
                }

                sb.Append('}');
                break;
            case PathElementKind.Value:
                sb.Append("v:");
                JsonValues.WriteGoJson(sb, Value);
                break;
            default:
                sb.Append("i:").Append(Index.ToString(CultureInfo.InvariantCulture));
                break;
        }

        return sb.ToString();
    }

    /// <summary>
    /// The human form used in conflict messages: <c>.name</c>, <c>[name="c1"]</c>, <c>[="x"]</c>, <c>[0]</c>.
    /// </summary>
    public override string ToString() => Kind switch
    {
        PathElementKind.Field => "." + Name,
        PathElementKind.Key => "[" + string.Join(",", Key.Select(f => f.Key + "=" + ValueToString(f.Value))) + "]",
        PathElementKind.Value => "[=" + ValueToString(Value) + "]",
        _ => "[" + Index.ToString(CultureInfo.InvariantCulture) + "]",
    };

    /// <inheritdoc />
    public int CompareTo(PathElement? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (Kind != other.Kind)
        {
            return Kind.CompareTo(other.Kind);
        }

        switch (Kind)
        {
            case PathElementKind.Field:
                return string.CompareOrdinal(Name, other.Name);
            case PathElementKind.Key:
                for (var i = 0; i < Math.Min(Key.Count, other.Key.Count); i++)
                {
                    var c = string.CompareOrdinal(Key[i].Key, other.Key[i].Key);
                    if (c != 0)
                    {
                        return c;
                    }

                    c = JsonValues.Compare(Key[i].Value, other.Key[i].Value);
                    if (c != 0)
                    {
                        return c;
                    }
                }

                return Key.Count.CompareTo(other.Key.Count);
            case PathElementKind.Value:
                return JsonValues.Compare(Value, other.Value);
            default:
                return Index.CompareTo(other.Index);
        }
    }

    /// <inheritdoc />
    public bool Equals(PathElement? other) => CompareTo(other) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PathElement other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Kind);
        switch (Kind)
        {
            case PathElementKind.Field:
                h.Add(Name, StringComparer.Ordinal);
                break;
            case PathElementKind.Key:
                foreach (var (name, value) in Key)
                {
                    h.Add(name, StringComparer.Ordinal);
                    h.Add(JsonValues.Hash(value));
                }

                break;
            case PathElementKind.Value:
                h.Add(JsonValues.Hash(Value));
                break;
            default:
                h.Add(Index);
                break;
        }

        return h.ToHashCode();
    }

    // structured-merge-diff's value.ToString: strings quoted as Go's %q, numbers and booleans bare.
    internal static string ValueToString(JsonNode? value)
    {
        switch (value)
        {
            case null:
                return "null";
            case JsonArray arr:
                return "[" + string.Join(",", arr.Select(ValueToString)) + "]";
            case JsonObject obj:
                return "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + ValueToString(p.Value))) + "}";
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => GoQuote(value.GetValue<string>()),
            // structured-merge-diff keeps JSON integers as int64 and others as float64.
            JsonValueKind.Number => long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                ? integer.ToString(CultureInfo.InvariantCulture)
                : GoFormat.Float(JsonValues.NumberValue(value)),
            _ => value.ToJsonString(),
        };
    }

    private static string GoQuote(string s)
    {
        var sb = new StringBuilder("\"");
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
                case < ' ' or '\u007f':
                    sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    private static JsonNode? ParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new FormatException(e.Message, e);
        }
    }
}
