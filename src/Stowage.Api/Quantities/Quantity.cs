using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stowage.Api.Quantities;

/// <summary>
/// A Kubernetes resource quantity ("1Gi", "500m", "1e3"): an exact decimal with a remembered
/// format family, serialised in canonical form. PLACEHOLDER surface: the exact implementation
/// (Kubernetes' parsing, rounding and canonicalisation rules) replaces the internals.
/// </summary>
[JsonConverter(typeof(QuantityJsonConverter))]
public readonly struct Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    private readonly string? _text;

    private Quantity(string text) => _text = text;

    /// <summary>Zero.</summary>
    public static Quantity Zero { get; } = new("0");

    /// <summary>Parses a quantity; throws <see cref="FormatException"/> with Kubernetes' message.</summary>
    public static Quantity Parse(string text) =>
        TryParse(text, out var q, out var error) ? q : throw new FormatException(error);

    /// <summary>Parses a quantity; on failure <paramref name="error"/> holds Kubernetes' message.</summary>
    public static bool TryParse(string? text, out Quantity quantity, out string? error)
    {
        quantity = default;
        error = null;
        if (string.IsNullOrEmpty(text) || !long.TryParse(text.TrimEnd('i', 'K', 'M', 'G', 'T', 'P', 'E'), out _))
        {
            error = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
            return false;
        }
        quantity = new Quantity(text);
        return true;
    }

    /// <summary>The value rounded up to a whole number (Kubernetes' Value()).</summary>
    public long Value => 0;

    /// <summary>-1, 0 or 1.</summary>
    public int Sign => 0;

    /// <summary>True when the value is zero.</summary>
    public bool IsZero => Sign == 0;

    /// <inheritdoc/>
    public int CompareTo(Quantity other) => 0;

    /// <inheritdoc/>
    public bool Equals(Quantity other) => CompareTo(other) == 0;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Quantity q && Equals(q);

    /// <inheritdoc/>
    public override int GetHashCode() => 0;

    /// <summary>The canonical form.</summary>
    public override string ToString() => _text ?? "0";

    /// <summary>Compares.</summary>
    public static bool operator ==(Quantity a, Quantity b) => a.Equals(b);
    /// <summary>Compares.</summary>
    public static bool operator !=(Quantity a, Quantity b) => !a.Equals(b);
    /// <summary>Compares.</summary>
    public static bool operator <(Quantity a, Quantity b) => a.CompareTo(b) < 0;
    /// <summary>Compares.</summary>
    public static bool operator >(Quantity a, Quantity b) => a.CompareTo(b) > 0;
    /// <summary>Compares.</summary>
    public static bool operator <=(Quantity a, Quantity b) => a.CompareTo(b) <= 0;
    /// <summary>Compares.</summary>
    public static bool operator >=(Quantity a, Quantity b) => a.CompareTo(b) >= 0;
}

/// <summary>Reads a quantity from a JSON string or number; writes the canonical string.</summary>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    /// <inheritdoc/>
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            _ => throw new JsonException($"json: cannot unmarshal {reader.TokenType.ToString().ToLowerInvariant()} into Go value of type resource.Quantity"),
        };
        return Quantity.TryParse(text, out var q, out var error) ? q : throw new JsonException(error);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());

    /// <inheritdoc/>
    public override Quantity ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Quantity.Parse(reader.GetString() ?? "");

    /// <inheritdoc/>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.ToString());
}
