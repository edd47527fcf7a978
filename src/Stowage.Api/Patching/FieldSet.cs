using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Api.Meta;

namespace Stowage.Api.Patching;

/// <summary>
/// A set of field paths (structured-merge-diff's fieldpath.Set): a tree whose nodes list their
/// <em>members</em> (paths in the set) and <em>children</em> (subtrees holding deeper members).
/// A path can be both a member and have children: a map-list item owned as a whole and field by
/// field, written <c>{".":{},"f:image":{}}</c> in fieldsV1. Immutable.
/// </summary>
/// <remarks>Invariant: no child subtree is empty.</remarks>
public sealed class FieldSet : IEquatable<FieldSet>
{
    private readonly SortedSet<PathElement> _members;
    private readonly SortedDictionary<PathElement, FieldSet> _children;

    private FieldSet()
    {
        _members = [];
        _children = [];
    }

    /// <summary>The empty set.</summary>
    public static FieldSet Empty { get; } = new();

    /// <summary>True if the set has no members at any depth.</summary>
    public bool IsEmpty => _members.Count == 0 && _children.Count == 0;

    /// <summary>Every member path, members of a node before its children (structured-merge-diff's Iterate order).</summary>
    public IEnumerable<FieldPath> Paths => Iterate(FieldPath.Empty);

    internal IReadOnlyCollection<PathElement> Members => _members;

    internal IReadOnlyDictionary<PathElement, FieldSet> Children => _children;

    /// <summary>A set holding the given paths (parents are not added; the empty path is ignored).</summary>
    public static FieldSet Of(params FieldPath[] paths) => Of((IEnumerable<FieldPath>)paths);

    /// <summary>A set holding the given paths (parents are not added; the empty path is ignored).</summary>
    public static FieldSet Of(IEnumerable<FieldPath> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var set = new FieldSet();
        foreach (var path in paths)
        {
            set.Insert(path, 0);
        }

        return set;
    }

    /// <summary>
    /// Reads the fieldsV1 form, as structured-merge-diff does: an entry whose value is <c>{}</c> (or
    /// holds <c>"."</c>) is a member; entries of an unknown kind are dropped.
    /// </summary>
    /// <exception cref="FormatException">The JSON is not a fieldsV1 tree.</exception>
    public static FieldSet FromFieldsV1(JsonNode? fieldsV1)
    {
        if (fieldsV1 is null)
        {
            return Empty;
        }

        if (fieldsV1 is not JsonObject root)
        {
            throw new FormatException("fieldsV1 must be a JSON object");
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            root.WriteTo(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return Read(document.RootElement).Children ?? Empty;
    }

    /// <summary>
    /// As <see cref="FromFieldsV1(JsonNode?)"/>, from the API's form. Sets are immutable, so one text's set is
    /// shared: kept on the value, and by content for a while (the objects of one kind written by one
    /// manager mostly carry the same few sets).
    /// </summary>
    /// <exception cref="FormatException">The JSON is not a fieldsV1 tree.</exception>
    public static FieldSet FromFieldsV1(FieldsV1? fieldsV1)
    {
        if (fieldsV1 is null)
        {
            return Empty;
        }

        if (fieldsV1.Parsed is FieldSet parsed)
        {
            return parsed;
        }

        var set = ParsedSets.Get(fieldsV1);
        if (set is null)
        {
            using var document = JsonDocument.Parse(fieldsV1.Utf8.ToArray());
            set = Read(document.RootElement).Children ?? Empty;
            ParsedSets.Add(fieldsV1, set);
        }

        fieldsV1.Parsed = set;
        return set;
    }

    /// <summary>Writes the fieldsV1 form, entries in structured-merge-diff's order with "." first.</summary>
    public JsonObject ToFieldsV1() => AsFieldsV1().ToNode();

    /// <summary>The API's form of the set (see <see cref="ToFieldsV1"/>).</summary>
    public FieldsV1 AsFieldsV1()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            Emit(writer);
            writer.WriteEndObject();
        }

        var value = FieldsV1.FromWritten(buffer.WrittenSpan.ToArray());
        value.Parsed = this;
        return value;
    }

    /// <summary>The fieldsV1 form as compact JSON text, escaped as Kubernetes (Go) writes it.</summary>
    public string ToFieldsV1Json() => JsonValues.ToGoJson(ToFieldsV1(), sortKeys: false);


    /// <summary>True if <paramref name="path"/> is a member (the empty path never is).</summary>
    public bool Has(FieldPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var node = this;
        for (var i = 0; i < path.Count; i++)
        {
            if (i == path.Count - 1)
            {
                return node._members.Contains(path[i]);
            }

            if (!node._children.TryGetValue(path[i], out node))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>The members below <paramref name="element"/>, relative to it.</summary>
    public FieldSet WithPrefix(PathElement element) =>
        _children.TryGetValue(element, out var child) ? child : Empty;

    /// <summary>Paths in either set.</summary>
    public FieldSet Union(FieldSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        // Sets are never changed once built, so an operand can stand for the result.
        if (other.IsEmpty)
        {
            return this;
        }
        if (IsEmpty)
        {
            return other;
        }
        var result = new FieldSet();
        result._members.UnionWith(_members);
        result._members.UnionWith(other._members);
        foreach (var (pe, child) in _children)
        {
            result._children[pe] = other._children.TryGetValue(pe, out var otherChild) ? child.Union(otherChild) : child;
        }

        foreach (var (pe, child) in other._children)
        {
            result._children.TryAdd(pe, child);
        }

        return result;
    }

    /// <summary>Paths in both sets.</summary>
    public FieldSet Intersection(FieldSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (IsEmpty || other.IsEmpty)
        {
            return Empty;
        }
        var result = new FieldSet();
        result._members.UnionWith(_members);
        result._members.IntersectWith(other._members);
        foreach (var (pe, child) in _children)
        {
            if (other._children.TryGetValue(pe, out var otherChild))
            {
                result.AddChild(pe, child.Intersection(otherChild));
            }
        }

        return result;
    }

    /// <summary>
    /// Paths in this set and not in <paramref name="other"/>, path by path: removing a parent does not
    /// remove its children (see <see cref="RecursiveDifference"/>).
    /// </summary>
    public FieldSet Difference(FieldSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsEmpty || IsEmpty)
        {
            return this;
        }
        var result = new FieldSet();
        result._members.UnionWith(_members);
        result._members.ExceptWith(other._members);
        foreach (var (pe, child) in _children)
        {
            result.AddChild(pe, other._children.TryGetValue(pe, out var otherChild) ? child.Difference(otherChild) : child);
        }

        return result;
    }

    /// <summary>Paths in this set that neither are in <paramref name="other"/> nor lie below one of its members.</summary>
    public FieldSet RecursiveDifference(FieldSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var result = new FieldSet();
        result._members.UnionWith(_members);
        result._members.ExceptWith(other._members);
        foreach (var (pe, child) in _children)
        {
            if (other._members.Contains(pe))
            {
                continue;
            }

            result.AddChild(pe, other._children.TryGetValue(pe, out var otherChild) ? child.RecursiveDifference(otherChild) : child);
        }

        return result;
    }

    /// <inheritdoc />
    public bool Equals(FieldSet? other) =>
        other is not null
        && _members.SetEquals(other._members)
        && _children.Count == other._children.Count
        && _children.All(c => other._children.TryGetValue(c.Key, out var o) && c.Value.Equals(o));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FieldSet other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => ToFieldsV1Json().GetHashCode(StringComparison.Ordinal);

    /// <summary>One path per line, as structured-merge-diff prints a set.</summary>
    public override string ToString() => string.Join("\n", Paths);

    /// <summary>Builds a set node from parts; the caller guarantees the children are non-empty.</summary>
    internal static FieldSet Create(IEnumerable<PathElement> members, IEnumerable<KeyValuePair<PathElement, FieldSet>> children)
    {
        var set = new FieldSet();
        set._members.UnionWith(members);
        foreach (var (pe, child) in children)
        {
            set.AddChild(pe, child);
        }

        return set;
    }

    private static (FieldSet? Children, bool IsMember) Read(JsonElement node)
    {
        FieldSet? children = null;
        var isMember = false;
        foreach (var property in node.EnumerateObject())
        {
            var key = property.Name;
            if (key == ".")
            {
                isMember = true;
                continue;
            }

            var pe = PathElement.Deserialize(key);
            if (pe is null)
            {
                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"fieldsV1 entry {key} must be a JSON object");
            }

            var (grandchildren, childIsMember) = Read(property.Value);
            if (childIsMember)
            {
                children ??= new FieldSet();
                children._members.Add(pe);
            }

            if (grandchildren is not null)
            {
                children ??= new FieldSet();
                children._children[pe] = children._children.TryGetValue(pe, out var existing) ? existing.Union(grandchildren) : grandchildren;
            }
        }

        return (children, isMember || children is null);
    }

    // Members and children's keys are both sorted by PathElement's order: one merged walk writes them in it.
    private void Emit(Utf8JsonWriter output)
    {
        using var members = _members.GetEnumerator();
        using var children = _children.GetEnumerator();
        var hasMember = members.MoveNext();
        var hasChild = children.MoveNext();
        while (hasMember || hasChild)
        {
            var order = !hasChild ? -1 : !hasMember ? 1 : members.Current.CompareTo(children.Current.Key);
            output.WriteStartObject((order <= 0 ? members.Current : children.Current.Key).Serialize());
            if (order >= 0)
            {
                if (order == 0)
                {
                    output.WriteStartObject(".");
                    output.WriteEndObject();
                }

                children.Current.Value.Emit(output);
                hasChild = children.MoveNext();
            }

            if (order <= 0)
            {
                hasMember = members.MoveNext();
            }

            output.WriteEndObject();
        }
    }

    private IEnumerable<FieldPath> Iterate(FieldPath prefix)
    {
        foreach (var member in _members)
        {
            yield return prefix.Append(member);
        }

        foreach (var (pe, child) in _children)
        {
            foreach (var path in child.Iterate(prefix.Append(pe)))
            {
                yield return path;
            }
        }
    }

    // Only for sets under construction, never for one already handed out.
    private void Insert(FieldPath path, int from)
    {
        if (path.Count == from)
        {
            return;
        }

        if (path.Count - from == 1)
        {
            _members.Add(path[from]);
            return;
        }

        if (!_children.TryGetValue(path[from], out var child))
        {
            child = new FieldSet();
            _children[path[from]] = child;
        }

        child.Insert(path, from + 1);
    }

    private void AddChild(PathElement pe, FieldSet child)
    {
        if (!child.IsEmpty)
        {
            _children[pe] = child;
        }
    }
}
