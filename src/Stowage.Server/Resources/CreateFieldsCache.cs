using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace Stowage.Server.Resources;

/// <summary>
/// Remembers the fields a create's field manager comes to own (its fieldsV1), by the shape of the created
/// object, for one kind: creates of objects of one shape (every PV a provisioner makes, every claim of a
/// template) compute their managed fields once instead of on every create (~40-80 µs of tree building and
/// comparison each).
/// </summary>
/// <remarks>
/// On a create the owned set is a pure function of the new object (the old one is the kind's empty object,
/// and no earlier manager exists), and of that only: which fields are present at every depth (property names
/// and map keys), whether each leaf is null, and the whole content of every list (list items are identified
/// by their keys or values). <see cref="ShapeOf"/> keeps exactly that and drops every other leaf value, so two
/// objects with one shape own the same fields. Bounded: when full, the cache starts over.
/// </remarks>
internal sealed class CreateFieldsCache
{
    private const int Capacity = 512;
    private readonly ConcurrentDictionary<string, CreateFields> _entries = new(StringComparer.Ordinal);

    /// <summary>The remembered fields of a shape.</summary>
    public bool TryGet(string shape, out CreateFields fields) => _entries.TryGetValue(shape, out fields!);

    /// <summary>Remembers the fields of a shape.</summary>
    public void Add(string shape, CreateFields fields)
    {
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[shape] = fields;
    }

    /// <summary>
    /// The shape of an object's JSON (as the serializer writes it, for a subresource): property names, structure
    /// and null-ness outside lists; everything inside lists.
    /// </summary>
    public static string ShapeOf(ReadOnlySpan<byte> json, string? subresource)
    {
        var shape = new StringBuilder(json.Length / 2);
        shape.Append(subresource).Append('|');
        var reader = new Utf8JsonReader(json);
        var listDepth = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    shape.Append('{');
                    break;
                case JsonTokenType.EndObject:
                    shape.Append('}');
                    break;
                case JsonTokenType.StartArray:
                    listDepth++;
                    shape.Append('[');
                    break;
                case JsonTokenType.EndArray:
                    listDepth--;
                    shape.Append(']');
                    break;
                case JsonTokenType.PropertyName:
                    AppendRaw(shape, ref reader, quote: true).Append(':');
                    break;
                case JsonTokenType.Null:
                    shape.Append('n').Append(',');
                    break;
                default:
                    if (listDepth > 0)
                    {
                        AppendRaw(shape, ref reader, quote: reader.TokenType == JsonTokenType.String).Append(',');
                    }
                    else
                    {
                        shape.Append('v').Append(',');
                    }

                    break;
            }
        }

        return shape.ToString();
    }

    private static StringBuilder AppendRaw(StringBuilder shape, ref Utf8JsonReader reader, bool quote)
    {
        if (quote)
        {
            shape.Append('"');
        }

        // The raw (still escaped) bytes: the serializer escapes one text one way, so equal texts give equal bytes.
        shape.Append(Encoding.UTF8.GetString(reader.ValueSpan)); // one span: the reader reads one buffer
        if (quote)
        {
            shape.Append('"');
        }

        return shape;
    }
}

/// <summary>What a create of one shape records: its owned fields (fieldsV1 JSON; null when it owns none) and the entry's subresource.</summary>
/// <param name="FieldsV1">The fieldsV1 set (immutable, shared by the entries of every create of the shape), or null for no entry.</param>
/// <param name="Subresource">The entry's subresource.</param>
internal sealed record CreateFields(Stowage.Api.Meta.FieldsV1? FieldsV1, string? Subresource);
