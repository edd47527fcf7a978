using System.Globalization;

namespace Stowage.Api.Validation;

/// <summary>
/// A field path rendered exactly as Kubernetes' field.Path.String(): children joined by '.',
/// list indices as [0], map keys as [key] (unquoted).
/// </summary>
internal readonly record struct FieldPath(string Text)
{
    /// <summary>A path starting at <paramref name="name"/> ("" is the whole object).</summary>
    public static FieldPath Root(string name) => new(name);

    /// <summary>The path of a child field.</summary>
    public FieldPath Child(string name) => new(Text.Length == 0 ? name : Text + "." + name);

    /// <summary>The path of a list element.</summary>
    public FieldPath Index(int index) => new(Text + "[" + index.ToString(CultureInfo.InvariantCulture) + "]");

    /// <summary>The path of a map entry.</summary>
    public FieldPath Key(string key) => new(Text + "[" + key + "]");

    /// <inheritdoc/>
    public override string ToString() => Text;
}
