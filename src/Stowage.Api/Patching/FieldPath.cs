using System.Collections;

namespace Stowage.Api.Patching;

/// <summary>
/// A path to one field of an object, as a sequence of <see cref="PathElement"/>s. Printed as Kubernetes
/// prints conflicting fields: <c>.spec.containers[name="c1"].image</c>.
/// </summary>
public sealed class FieldPath : IReadOnlyList<PathElement>, IEquatable<FieldPath>
{
    private readonly PathElement[] _elements;

    /// <summary>Creates a path from its elements.</summary>
    public FieldPath(IEnumerable<PathElement> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        _elements = elements.ToArray();
    }

    private FieldPath(PathElement[] elements) => _elements = elements;

    /// <summary>The empty path (the whole object, which nobody owns).</summary>
    public static FieldPath Empty { get; } = new(Array.Empty<PathElement>());

    /// <inheritdoc />
    public int Count => _elements.Length;

    /// <inheritdoc />
    public PathElement this[int index] => _elements[index];

    /// <summary>A path of named fields only, e.g. <c>Fields("spec", "capacity", "storage")</c>.</summary>
    public static FieldPath Fields(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return new(names.Select(PathElement.ForField).ToArray());
    }

    /// <summary>This path followed by one more element.</summary>
    public FieldPath Append(PathElement element)
    {
        var elements = new PathElement[_elements.Length + 1];
        _elements.CopyTo(elements, 0);
        elements[^1] = element;
        return new(elements);
    }

    /// <summary>The path without its first element.</summary>
    internal FieldPath Tail() => new(_elements[1..]);

    /// <inheritdoc />
    public IEnumerator<PathElement> GetEnumerator() => ((IEnumerable<PathElement>)_elements).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(FieldPath? other) => other is not null && _elements.SequenceEqual(other._elements);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FieldPath other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var e in _elements)
        {
            h.Add(e);
        }

        return h.ToHashCode();
    }

    /// <summary>Kubernetes' form, e.g. <c>.spec.capacity.storage</c>.</summary>
    public override string ToString() => string.Concat(_elements.Select(e => e.ToString()));
}
