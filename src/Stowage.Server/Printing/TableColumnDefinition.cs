namespace Stowage.Server.Printing;

/// <summary>One column of a <see cref="Table"/> (metav1.TableColumnDefinition). Every field is always serialised.</summary>
public sealed record TableColumnDefinition
{
    /// <summary>The header; kubectl upper-cases it ("Access Modes" → "ACCESS MODES").</summary>
    public string Name { get; init; } = "";

    /// <summary>An OpenAPI type: "string", "integer", "number" or "boolean".</summary>
    public string Type { get; init; } = "string";

    /// <summary>An OpenAPI format; "name" marks the column holding the object's name, "" otherwise.</summary>
    public string Format { get; init; } = "";

    /// <summary>Human-readable text, by convention the OpenAPI description of the field shown.</summary>
    public string Description { get; init; } = "";

    /// <summary>0 = always shown; 1 and above = shown only with <c>-o wide</c>.</summary>
    public int Priority { get; init; }
}
